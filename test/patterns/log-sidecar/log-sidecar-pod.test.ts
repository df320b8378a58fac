import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LogDestination, LogSidecarPod } from '../../../src';
import { expectSchemaValid } from '../../_support/schema';
import { app, esDestination, synthLogPod } from './_fixtures';

describe('LogSidecarPod', () => {
  test('mounts the log volume read-write in the app and read-only in the sidecar, at the same path', () => {
    const { podDoc } = synthLogPod((chart) => esDestination(chart));
    const [appDoc, sidecarDoc] = podDoc.spec.containers;
    expect(appDoc.name).toBe('app');
    expect(appDoc.volumeMounts).toEqual([{ name: 'app-logs', mountPath: '/var/log' }]);
    expect(sidecarDoc.name).toBe('log-shipper');
    expect(sidecarDoc.volumeMounts[0]).toEqual({ name: 'app-logs', mountPath: '/var/log', readOnly: true });
    expect(podDoc.spec.volumes[0]).toEqual({ name: 'app-logs', emptyDir: {} });
  });

  test('size-limits the log volume when asked', () => {
    const { podDoc } = synthLogPod((chart) => esDestination(chart), { logVolumeSizeLimit: Size.mebibytes(500), logVolumeName: 'logs' });
    expect(podDoc.spec.volumes[0]).toEqual({ name: 'logs', emptyDir: { sizeLimit: '500Mi' } });
  });

  test('uses another log directory and file pattern in the mounts and in the shipper configuration', () => {
    const { podDoc, configMap } = synthLogPod((chart) => esDestination(chart), { logDirectory: '/app/logs/', filePattern: 'access-*.txt' });
    expect(podDoc.spec.containers[0].volumeMounts).toEqual([{ name: 'app-logs', mountPath: '/app/logs' }]);
    expect(podDoc.spec.containers[1].volumeMounts[0].mountPath).toBe('/app/logs');
    expect(configMap.data['fluent-bit.conf']).toContain('Path             /app/logs/access-*.txt');
  });

  test('gives the sidecar small explicit resources, a pinned image and a non-root, read-only context', () => {
    const { podDoc } = synthLogPod((chart) => esDestination(chart));
    const sidecar = podDoc.spec.containers[1];
    expect(sidecar.image).toBe('fluent/fluent-bit:3.2.10');
    expect(sidecar.imagePullPolicy).toBe('IfNotPresent');
    expect(sidecar.resources).toEqual({ requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
    expect(sidecar.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  test('gives the shipper an emptyDir for its position database, since its root filesystem is read-only', () => {
    const { podDoc } = synthLogPod((chart) => esDestination(chart));
    expect(podDoc.spec.containers[1].volumeMounts).toContainEqual({ name: 'log-shipper-state', mountPath: '/fluent-bit/state' });
    expect(podDoc.spec.volumes).toContainEqual({ name: 'log-shipper-state', emptyDir: {} });
  });

  test('mounts the generated configuration from an immutable ConfigMap', () => {
    const { podDoc, configMap } = synthLogPod((chart) => esDestination(chart));
    expect(configMap.immutable).toBe(true);
    expect(podDoc.spec.volumes).toContainEqual({ name: 'log-shipper-config', configMap: { name: configMap.metadata.name } });
    expect(podDoc.spec.containers[1].volumeMounts).toContainEqual({ name: 'log-shipper-config', mountPath: '/fluent-bit/etc/pod-patterns', readOnly: true });
    expect(podDoc.spec.containers[1].args).toEqual(['--config', '/fluent-bit/etc/pod-patterns/fluent-bit.conf']);
  });

  test('names the ConfigMap after its content: same content, same name; new content, new name', () => {
    const first = synthLogPod((chart) => esDestination(chart)).configMap.metadata.name;
    const again = synthLogPod((chart) => esDestination(chart)).configMap.metadata.name;
    const changed = synthLogPod((chart) => esDestination(chart, { index: 'other-logs' })).configMap.metadata.name;
    expect(first).toMatch(/^test-pod-[0-9a-f]{8}-log-shipper-[0-9a-f]{10}$/);
    expect(again).toBe(first);
    expect(changed).not.toBe(first);
  });

  test('exposes the app containers, the sidecar and the log volume', () => {
    const { pod } = synthLogPod((chart) => esDestination(chart));
    expect(pod.appContainers.map((c) => c.name)).toEqual(['app']);
    expect(pod.sidecar.name).toBe('log-shipper');
    expect(pod.logVolume.name).toBe('app-logs');
    expect(pod.logSidecar.configMap).toBeDefined();
  });

  test.each([
    ['elasticsearch', (chart: any) => esDestination(chart)],
    ['stdout', () => LogDestination.stdout()],
    ['mongodb', (chart: any) => LogDestination.mongodb({
      image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3', host: 'mongodb', database: 'logs', collection: 'app',
      auth: { username: 'u', password: { secret: kplus.Secret.fromSecretName(chart, 's', 'mongo-auth'), key: 'password' } },
    })],
    ['custom', () => LogDestination.custom({ image: 'registry.example.com/shipper:2.0.1', configFiles: { 'a.conf': 'x' }, securityContext: { user: 10001 } })],
  ] as const)('every document of a %s log pod passes the Kubernetes 1.27 schema', (_kind, destination) => {
    expectSchemaValid(synthLogPod(destination as any).docs);
  });

  test.each([
    ['elasticsearch', (chart: any) => esDestination(chart)],
    ['mongodb', () => LogDestination.mongodb({
      image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3', host: 'mongodb', database: 'logs', collection: 'app',
    })],
    ['stdout', () => LogDestination.stdout()],
  ] as const)('the %s pod matches its snapshot', (_kind, destination) => {
    expect(synthLogPod(destination as any).docs).toMatchSnapshot();
  });
});

describe('LogSidecarPod errors', () => {
  test('fails without props, naming the destination (untyped)', () => {
    const chart = Testing.chart();
    expect(() => new (LogSidecarPod as any)(chart, 'pod')).toThrow(/^test\/pod: destination: is missing\..*\[log-destination\]$/);
  });

  test.each([
    ['containers', [null], 'spec.containers[0]: Invalid value null: must be container props'],
    ['containers', [app(), 'app'], 'spec.containers[1]: Invalid value "app": must be container props'],
    ['containers', 'app', 'spec.containers: Invalid value "app": must be a list of container props'],
    ['initContainers', [undefined], 'spec.initContainers[0]: Invalid value undefined: must be container props'],
  ])('fails on %s: %j (untyped)', (list, value, message) => {
    const chart = Testing.chart();
    const props: any = { containers: [app()], destination: LogDestination.stdout(), [list]: value };
    expect(() => new LogSidecarPod(chart, 'pod', props)).toThrow(`test/pod: ${message}`);
  });

  test('adds the listed containers, volumes and init containers as cdk8s-plus would', () => {
    const chart = Testing.chart();
    const extra = kplus.Volume.fromEmptyDir(chart, 'extra', 'extra');
    const pod = new LogSidecarPod(chart, 'pod', {
      containers: [app()], volumes: [extra], initContainers: [{ name: 'prepare', image: 'busybox:1.36.1', securityContext: { user: 1000 } }], destination: LogDestination.stdout(),
    });
    const spec = Testing.synth(chart).find((d) => d.kind === 'Pod').spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app', 'log-shipper']);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['prepare']);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['app-logs', 'log-shipper-config', 'log-shipper-state', 'extra']);
    // Containers added through the props still get the pattern pod's restricted defaults.
    expect(spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(pod.appContainers).toHaveLength(1);
  });
});
