import { Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LogDestination, LogSidecar, LogSidecarPod, SidecarMode } from '../../../src';
import { expectSchemaValid } from '../../_support/schema';
import { app, caFile, withKeyFiles } from './_fixtures';

describe('LogSidecar on workloads', () => {
  test('adds the sidecar to a Deployment and mounts the logs into every app container', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [app(), { name: 'worker', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const sidecar = LogSidecar.addTo(deployment, { destination: LogDestination.stdout() });

    const docs = Testing.synth(chart);
    const spec = docs.find((d) => d.kind === 'Deployment').spec.template.spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app', 'worker', 'log-shipper']);
    expect(spec.containers[1].volumeMounts).toEqual([{ name: 'app-logs', mountPath: '/var/log' }]);
    expect(sidecar.appContainers.map((c) => c.name)).toEqual(['app', 'worker']);
    expectSchemaValid(docs);
  });

  test('mounts the logs only into the chosen app containers', () => {
    const chart = Testing.chart();
    const set = new kplus.DaemonSet(chart, 'agent', { containers: [app()] });
    const metrics = set.addContainer({ name: 'metrics', image: 'busybox:1.36.1', securityContext: { user: 1000 } });
    LogSidecar.addTo(set, { destination: LogDestination.stdout(), appContainers: [set.containers[0]] });

    const spec = Testing.synth(chart).find((d) => d.kind === 'DaemonSet').spec.template.spec;
    expect(spec.containers.find((c: any) => c.name === metrics.name).volumeMounts).toBeUndefined();
  });

  test('uses a log volume the app already mounts at the log directory', () => {
    const chart = Testing.chart();
    const logs = kplus.Volume.fromEmptyDir(chart, 'logs', 'my-logs');
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ ...app(), volumeMounts: [{ volume: logs, path: '/data/logs' }] }] });
    const sidecar = LogSidecar.addTo(pod, { destination: LogDestination.stdout(), logVolume: logs, logDirectory: '/data/logs' });

    expect(sidecar.logVolume).toBe(logs);
    const spec = Testing.synth(chart).find((d) => d.kind === 'Pod').spec;
    expect(spec.containers[1].volumeMounts[0]).toEqual({ name: 'my-logs', mountPath: '/data/logs', readOnly: true });
  });

  test('fails when the log directory is not where the app mounts the log volume', () => {
    const chart = Testing.chart();
    const logs = kplus.Volume.fromEmptyDir(chart, 'logs', 'my-logs');
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ ...app(), volumeMounts: [{ volume: logs, path: '/data/logs' }] }] });
    expect(() => LogSidecar.addTo(pod, { destination: LogDestination.stdout(), logVolume: logs }))
      .toThrow('test/pod: logDirectory: no app container mounts the log volume "my-logs" at /var/log (it is mounted by "app" at /data/logs)');
  });

  test('fails when no app container mounts the given log volume at all', () => {
    const chart = Testing.chart();
    const logs = kplus.Volume.fromEmptyDir(chart, 'logs', 'my-logs');
    const pod = new kplus.Pod(chart, 'pod', { containers: [app()] });
    expect(() => LogSidecar.addTo(pod, { destination: LogDestination.stdout(), logVolume: logs }))
      .toThrow('(no app container mounts it at all)');
  });

  test('two sidecars on one workload need their own names', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [app()] });
    LogSidecar.addTo(pod, { destination: LogDestination.stdout() });
    expect(() => LogSidecar.addTo(pod, { destination: LogDestination.stdout() })).toThrow('spec.containers[2].name: Duplicate value: "log-shipper" (also spec.containers[1])');
    LogSidecar.addTo(pod, { destination: LogDestination.stdout(), sidecarName: 'audit-shipper', logVolumeName: 'audit-logs', logDirectory: '/var/audit' });
    const spec = Testing.synth(chart).find((d) => d.kind === 'Pod').spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app', 'log-shipper', 'audit-shipper']);
  });

  test.each([
    ['Job', (chart: any) => new kplus.Job(chart, 'job', { containers: [app()] }), 'this Job'],
    ['CronJob', (chart: any) => new kplus.CronJob(chart, 'job', { schedule: Cron.daily(), containers: [app()] }), 'the Jobs of this CronJob'],
    ['Pod with restartPolicy Never', (chart: any) => new kplus.Pod(chart, 'job', { containers: [app()], restartPolicy: kplus.RestartPolicy.NEVER }), 'this Pod (restartPolicy: Never)'],
    ['Pod with restartPolicy OnFailure', (chart: any) => new kplus.Pod(chart, 'job', { containers: [app()], restartPolicy: kplus.RestartPolicy.ON_FAILURE }), 'this Pod (restartPolicy: OnFailure)'],
  ])('refuses a classic sidecar on a %s, which would never complete', (_kind, make, named) => {
    const chart = Testing.chart();
    expect(() => LogSidecar.addTo(make(chart), { destination: LogDestination.stdout() }))
      .toThrow(new RegExp(`^test/job: spec(\\.jobTemplate\\.spec)?(\\.template\\.spec)?\\.containers: a classic log sidecar never exits, so ${named.replace(/[()]/g, '\\$&')} would never complete\\. Fix: choose mode: SidecarMode\\.NATIVE .*SidecarMode\\.shutdownMarker\\(\\) .*\\[sidecar-on-job\\]$`));
  });

  test('a LogSidecarPod with restartPolicy Never is treated like a Job', () => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], restartPolicy: kplus.RestartPolicy.NEVER, destination: LogDestination.stdout() }))
      .toThrow('test/pod: spec.containers: a classic log sidecar never exits, so this Pod (restartPolicy: Never) would never complete');
    const ok = Testing.chart();
    new LogSidecarPod(ok, 'pod', { containers: [app()], restartPolicy: kplus.RestartPolicy.NEVER, destination: LogDestination.stdout(), mode: SidecarMode.NATIVE });
    const spec = Testing.synth(ok).find((d) => d.kind === 'Pod').spec;
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.initContainers[0]).toMatchObject({ name: 'log-shipper', restartPolicy: 'Always' });
  });

  test('a Pod with restartPolicy Always keeps its classic sidecar', () => {
    const chart = Testing.chart();
    LogSidecar.addTo(new kplus.Pod(chart, 'pod', { containers: [app()], restartPolicy: kplus.RestartPolicy.ALWAYS }), { destination: LogDestination.stdout() });
    expect(Testing.synth(chart).find((d) => d.kind === 'Pod').spec.containers.map((c: any) => c.name)).toEqual(['app', 'log-shipper']);
  });

  test('fails when an app container is not part of the workload', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [app()] });
    expect(() => LogSidecar.addTo(pod, { destination: LogDestination.stdout(), appContainers: [new kplus.Container({ image: 'x:1' })] }))
      .toThrow('appContainers: container "main" is not an app container of this workload');
  });
});

describe('LogSidecar key files', () => {
  test('mounts a key of a Secret read-only, in a volume that projects only that key', () => {
    const chart = Testing.chart();
    new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([caFile(chart)]) });
    const docs = Testing.synth(chart);
    const spec = docs.find((d) => d.kind === 'Pod').spec;
    expect(spec.containers[1].volumeMounts).toContainEqual({ name: 'log-shipper-ca', mountPath: '/etc/shipper-ca', readOnly: true });
    expect(spec.volumes).toContainEqual({ name: 'log-shipper-ca', secret: { secretName: 'es-ca', items: [{ key: 'ca.pem', path: 'ca.crt' }] } });
    expect(spec.containers[0].volumeMounts.map((m: any) => m.name)).not.toContain('log-shipper-ca');
    expectSchemaValid(docs);
  });

  test('mounts a key of a ConfigMap the same way', () => {
    const chart = Testing.chart();
    const configMap = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'es-ca');
    new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([caFile(chart, { secret: undefined, configMap })]) });
    const docs = Testing.synth(chart);
    expect(docs.find((d) => d.kind === 'Pod').spec.volumes).toContainEqual({ name: 'log-shipper-ca', configMap: { name: 'es-ca', items: [{ key: 'ca.pem', path: 'ca.crt' }] } });
    expectSchemaValid(docs);
  });
});

describe('untyped input', () => {
  test('LogSidecar.addTo without a workload names itself', () => {
    expect(() => LogSidecar.addTo(undefined as any, { destination: LogDestination.stdout() }))
      .toThrow(/^LogSidecar\.addTo: workload: Invalid value undefined: must be a cdk8s-plus workload/);
  });

  test.each([
    ['volumes', { volumes: [null] }, 'spec.volumes[0]: Invalid value: must be a kplus.Volume'],
    ['hostAliases', { hostAliases: [null] }, 'spec.hostAliases[0]: Invalid value null: must be an object'],
    ['volumes that are not a list', { volumes: 'logs' }, 'volumes: Invalid value "logs": must be a list'],
  ])('a null entry in LogSidecarPod %s is a props error, not a TypeError', (_what, props, message) => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: LogDestination.stdout(), ...(props as any) }))
      .toThrow(`test/pod: ${message}`);
  });
});

describe('a second LogSidecar on one workload', () => {
  test('with the default names is told which props give it its own', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app()] });
    LogSidecar.addTo(web, { destination: LogDestination.stdout() });
    expect(() => LogSidecar.addTo(web, { destination: LogDestination.stdout(), logDirectory: '/other' })).toThrow(
      'test/web: spec.template.spec.containers[2].name: Duplicate value: "log-shipper" (also spec.template.spec.containers[1]). '
      + 'Fix: a second LogSidecar on one workload needs its own names: give it sidecarName (e.g. "log-shipper-2") and logVolumeName, '
      + 'or ship several files with LogSidecar.streamEach. [container-name-unique]');
  });
});

describe('the sidecar\'s resources', () => {
  const small = { cpu: { request: kplus.Cpu.millis(10) } };
  test('are given as resources, as on ProxySidecar and Ambassador, or under their old name sidecarResources', () => {
    for (const key of ['resources', 'sidecarResources']) {
      const chart = Testing.chart();
      const web = new kplus.Deployment(chart, 'web', { containers: [app()] });
      LogSidecar.addTo(web, { destination: LogDestination.stdout(), [key]: small });
      expect(Testing.synth(chart)[0].spec.template.spec.containers[1].resources).toEqual({ requests: { cpu: '10m' } });
    }
  });

  test('given under both names are refused', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app()] });
    expect(() => LogSidecar.addTo(web, { destination: LogDestination.stdout(), resources: small, sidecarResources: small }))
      .toThrow('test/web: sidecarResources: Invalid value: given beside resources, which is the same prop under its current name. Fix: keep only resources. [props]');
  });
});
