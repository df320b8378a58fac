import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PodChecks, PodPatternError, SharedVolume, SharedVolumePod } from '../../src';
import { CDK8S_PLUS_MAJOR } from '../_support/cdk8s-plus-major';
import { expectSchemaValid } from '../_support/schema';
import { onlyPodSpec } from '../_support/synth';

describe('SharedVolumePod', () => {
  test('mounts one emptyDir named shared-data into every container at its own path', () => {
    const chart = Testing.chart();
    new SharedVolumePod(chart, 'pod', {
      containers: [
        { name: 'writer', image: 'busybox:1.36.1', securityContext: { user: 1000 }, mountPath: '/out' },
        { name: 'reader', image: 'nginx:1.25.3', securityContext: { user: 1000 }, mountPath: '/usr/share/nginx/html', readOnly: true },
      ],
    });

    const spec = onlyPodSpec(chart);
    expect(spec.volumes).toEqual([{ name: 'shared-data', emptyDir: {} }]);
    expect(spec.containers.map((c: any) => c.volumeMounts)).toEqual([
      [{ name: 'shared-data', mountPath: '/out' }],
      [{ name: 'shared-data', mountPath: '/usr/share/nginx/html', readOnly: true }],
    ]);
    expectSchemaValid(Testing.synth(chart));
  });

  test('adds containers after construction with their mount path in one call', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { volumeName: 'exchange' });
    const added = pod.addSharedContainer({ name: 'late', image: 'busybox:1.36.1', securityContext: { user: 1000 }, mountPath: '/exchange' });

    expect(added.name).toBe('late');
    const spec = onlyPodSpec(chart);
    expect(spec.volumes).toEqual([{ name: 'exchange', emptyDir: {} }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'exchange', mountPath: '/exchange' }]);
  });

  test('shares a hostPath volume when given one', () => {
    const chart = Testing.chart();
    new SharedVolumePod(chart, 'pod', {
      podSecurity: 'privileged',
      volume: kplus.Volume.fromHostPath(chart, 'host', 'host-data', { path: '/data' }),
      containers: [{ name: 'a', image: 'busybox:1.36.1', securityContext: { user: 1000 }, mountPath: '/data' }],
    });

    expect(onlyPodSpec(chart).volumes).toEqual([{ name: 'host-data', hostPath: { path: '/data', type: '' } }]);
  });

  // cdk8s-plus-29 and later render the field always (false by default, as the API server defaults it).
  test('sets shareProcessNamespace only when asked, and the field reaches the YAML', () => {
    const off = Testing.chart();
    new SharedVolumePod(off, 'pod', { containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 }, mountPath: '/d' }] });
    expect(onlyPodSpec(off).shareProcessNamespace).toBe(CDK8S_PLUS_MAJOR >= 29 ? false : undefined);

    const on = Testing.chart();
    const pod = new SharedVolumePod(on, 'pod', { shareProcessNamespace: true, containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 }, mountPath: '/d' }] });
    expect(pod.sharedVolume.shareProcessNamespace).toBe(true);
    expect(onlyPodSpec(on).shareProcessNamespace).toBe(true);
  });

  // cdk8s-plus-29 added the pod prop (lib/pod.d.ts); there the Pod's own field and the pattern's agree.
  test('the Pod\'s own shareProcessNamespace agrees with the pattern\'s where cdk8s-plus has the prop', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { shareProcessNamespace: true, containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 }, mountPath: '/d' }] });
    expect((pod as { shareProcessNamespace?: boolean }).shareProcessNamespace).toBe(CDK8S_PLUS_MAJOR >= 29 ? true : undefined);
    expect(onlyPodSpec(chart).shareProcessNamespace).toBe(true);
  });

  (CDK8S_PLUS_MAJOR >= 29 ? test : test.skip)('on a workload that shares its process namespace, the pattern reads it, and an explicit false wins in the YAML', () => {
    const shared = Testing.chart();
    const web = new kplus.Deployment(shared, 'web', { shareProcessNamespace: true, containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 } }] } as kplus.DeploymentProps);
    expect(SharedVolume.addTo(web).shareProcessNamespace).toBe(true);
    expect(Testing.synth(shared)[0].spec.template.spec.shareProcessNamespace).toBe(true);
    const overridden = Testing.chart();
    const other = new kplus.Deployment(overridden, 'web', { shareProcessNamespace: true, containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 } }] } as kplus.DeploymentProps);
    expect(SharedVolume.addTo(other, { shareProcessNamespace: false }).shareProcessNamespace).toBe(false);
    expect(Testing.synth(overridden)[0].spec.template.spec.shareProcessNamespace).toBe(false);
  });

  test('keeps the secure cdk8s-plus container defaults, drops all capabilities and uses the runtime seccomp profile', () => {
    const chart = Testing.chart();
    // busybox runs as root, so the pod gives the uid, leaving the container's defaults as cdk8s-plus sets them.
    new SharedVolumePod(chart, 'pod', { securityContext: { user: 1000 }, containers: [{ image: 'busybox:1.36.1', mountPath: '/d' }] });
    const spec = onlyPodSpec(chart);
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] },
    });
    expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('is a real kplus.Pod, so cdk8s-plus methods still work', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'busybox:1.36.1', securityContext: { user: 1000 }, mountPath: '/d' }] });
    expect(pod).toBeInstanceOf(kplus.Pod);
    pod.addContainer({ name: 'plain', image: 'busybox:1.36.1', securityContext: { user: 1000 } });
    expect(onlyPodSpec(chart).containers.map((c: any) => c.name)).toEqual(['a', 'plain']);
  });
});

describe('SharedVolume errors', () => {
  test('fails when two containers listen on the same port, naming the construct, field and fix', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'web', { containers: [{ name: 'a', image: 'nginx:1.25.3', securityContext: { user: 1000 }, mountPath: '/a', portNumber: 80 }] });
    const quoted = 'spec.containers[1].ports[0].containerPort: port 80/TCP is also declared by container "a" (spec.containers[0].ports[0])';
    expect(() => pod.addSharedContainer({ name: 'b', image: 'nginx:1.25.3', securityContext: { user: 1000 }, mountPath: '/b', portNumber: 80 }))
      .toThrow(`test/web: ${quoted}`);
    // The guide quotes the message: it must stay the message.
    expect(require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'docs', 'patterns', 'shared-volume.md'), 'utf8')).toContain(quoted);
  });

  test('allows the same port number on different protocols', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'dns', { containers: [{ name: 'tcp', image: 'coredns/coredns:1.11.1', mountPath: '/a', ports: [{ number: 53 }] }] });
    pod.addSharedContainer({ name: 'udp', image: 'coredns/coredns:1.11.1', mountPath: '/b', ports: [{ number: 53, protocol: kplus.Protocol.UDP }] });
    expect(onlyPodSpec(chart).containers).toHaveLength(2);
  });

  test('fails on a port number out of range', () => {
    const chart = Testing.chart();
    expect(() => new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath: '/a', ports: [{ number: 70000 }] }] }))
      .toThrow('spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
  });

  test('fails on two containers with the same name', () => {
    const chart = Testing.chart();
    expect(() => new SharedVolumePod(chart, 'pod', {
      containers: [{ image: 'x:1', mountPath: '/a' }, { image: 'y:1', mountPath: '/b' }],
    })).toThrow('spec.containers[1].name: Duplicate value: "main" (also spec.containers[0])');
  });

  test('fails on an invalid container name', () => {
    const chart = Testing.chart();
    expect(() => new SharedVolumePod(chart, 'pod', { containers: [{ name: 'Bad_Name', image: 'x:1', mountPath: '/a' }] }))
      .toThrow(/spec\.containers\[0\]\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label/);
  });

  test.each([
    ['empty', '', 'Required value'],
  ])('fails on a %s mount path', (_what, mountPath, problem) => {
    const chart = Testing.chart();
    expect(() => new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath }] }))
      .toThrow(`spec.containers[0].volumeMounts[0].mountPath: ${problem}`);
  });

  // The API server accepts both and the kubelet mounts "data" at "/data": warnings that say so, not errors.
  test.each([
    ['relative', 'data', 'mount-path-relative'],
    ['with a colon', '/data:ro', 'mount-path-colon'],
  ])('warns on a %s mount path, which works', (_what, mountPath, rule) => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { securityContext: { user: 1000 }, containers: [{ name: 'a', image: 'x:1', mountPath }] });
    expect(PodChecks.of(pod).findings().filter((f) => f.rule === rule).map((f) => `${f.severity} ${f.path}`))
      .toEqual(['warning spec.containers[0].volumeMounts[0].mountPath']);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('fails when a container mounts a second volume at the shared path', () => {
    const chart = Testing.chart();
    const other = kplus.Volume.fromEmptyDir(chart, 'other', 'other');
    expect(() => new SharedVolumePod(chart, 'pod', {
      containers: [{ name: 'a', image: 'x:1', mountPath: '/data', volumeMounts: [{ volume: other, path: '/data' }] }],
    })).toThrow('spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique');
  });

  test('fails when another volume of the workload already has the shared name', () => {
    const chart = Testing.chart();
    const clash = kplus.Volume.fromEmptyDir(chart, 'clash', 'shared-data');
    expect(() => new SharedVolumePod(chart, 'pod', { volumes: [clash] }))
      .toThrow('spec.volumes.name: Duplicate value: "shared-data" (also spec.volumes[0].name)');
  });

  test('errors are PodPatternErrors that carry the construct path and field', () => {
    const chart = Testing.chart();
    let error: unknown;
    try {
      new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath: '' }] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PodPatternError);
    expect((error as PodPatternError).constructPath).toBe('test/pod');
    expect((error as PodPatternError).field).toBe('spec.containers[0].volumeMounts[0].mountPath');
    expect((error as PodPatternError).fix).toBe('mount the volume at an absolute path');
  });
});

describe('SharedVolume on other workloads', () => {
  test('shares a volume between containers of a Deployment, with template field paths in errors', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'deploy');
    const shared = SharedVolume.addTo(deployment, { containers: [{ name: 'a', image: 'x:1', mountPath: '/a', portNumber: 8080 }] });
    expect(() => shared.addSharedContainer({ name: 'b', image: 'x:1', mountPath: '/b', portNumber: 8080 }))
      .toThrow('spec.template.spec.containers[1].ports[0].containerPort');

    const docs = Testing.synth(chart);
    expect(docs[0].spec.template.spec.volumes).toEqual([{ name: 'shared-data', emptyDir: {} }]);
    expectSchemaValid(docs);
  });

  test('mounts the shared volume into an init container of the workload', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job');
    const shared = SharedVolume.addTo(job, { volumeName: 'work', containers: [{ name: 'app', image: 'x:1', mountPath: '/in' }] });
    const fill = job.addInitContainer({ name: 'fill', image: 'x:1' });
    shared.mount(fill, { mountPath: '/out' });

    const spec = Testing.synth(chart)[0].spec.template.spec;
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'work', mountPath: '/out' }]);
  });

  test('two shared volumes on one workload compose', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod');
    const first = SharedVolume.addTo(pod, { volumeName: 'one', containers: [{ name: 'a', image: 'x:1', mountPath: '/one' }] });
    const second = SharedVolume.addTo(pod, { volumeName: 'two' });
    second.mount(first.workload.containers[0], { mountPath: '/two' });

    expect(onlyPodSpec(chart).volumes.map((v: any) => v.name)).toEqual(['one', 'two']);
  });

  test('sharing two volumes with the same name fails', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod');
    SharedVolume.addTo(pod);
    expect(() => SharedVolume.addTo(pod)).toThrow('spec.volumes.name: Duplicate value: "shared-data" (also spec.volumes[0].name)');
  });

  test('fails to mount a container that is not part of the workload', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod');
    const shared = SharedVolume.addTo(pod);
    expect(() => shared.mount(new kplus.Container({ image: 'x:1' }), { mountPath: '/d' }))
      .toThrow('container "main" is not part of this workload');
  });
});

test('a volumeName beside a volume of another name is refused, naming both', () => {
  const chart = Testing.chart();
  const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
  expect(() => SharedVolume.addTo(web, { volumeName: 'data', volume: kplus.Volume.fromEmptyDir(chart, 'v', 'other') })).toThrow(
    'test/web: volumeName: Invalid value "data": the volume given in volume is named "other", and the pattern shares that volume under its own name. '
    + 'Fix: leave volumeName out when you pass volume, or give the volume the name "data". [shared-volume-name]');
  // The same name twice is what was meant.
  const same = Testing.chart();
  const other = new kplus.Deployment(same, 'web', { containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
  expect(SharedVolume.addTo(other, { volumeName: 'data', volume: kplus.Volume.fromEmptyDir(same, 'v', 'data') }).volume.name).toBe('data');
});
