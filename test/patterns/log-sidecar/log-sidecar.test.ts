import { Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ILogDestination, LogDestination, LogSidecar, LogSidecarPod, ShipperKeyFile, SidecarMode } from '../../../src';
import { expectSchemaValid } from '../../_support/schema';
import { app } from './_fixtures';

describe('LogSidecar on workloads', () => {
  test('adds the sidecar to a Deployment and mounts the logs into every app container', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [app(), { name: 'worker', image: 'busybox:1.36.1' }] });
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
    const metrics = set.addContainer({ name: 'metrics', image: 'busybox:1.36.1' });
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
    expect(() => LogSidecar.addTo(pod, { destination: LogDestination.stdout() })).toThrow('Duplicate value "log-shipper"');
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

/** The stdout shipper (config in /fluent-bit/etc/pod-patterns, state in /fluent-bit/state) with key files. */
const withKeyFiles = (keyFiles: Array<Partial<ShipperKeyFile>>): ILogDestination => ({
  kind: 'test',
  shipper: (context) => ({ ...LogDestination.stdout().shipper(context), keyFiles: keyFiles as ShipperKeyFile[] }),
});

describe('LogSidecar key files', () => {
  const caFile = (chart: any, overrides: Partial<ShipperKeyFile> = {}): Partial<ShipperKeyFile> => ({
    volumeSuffix: 'ca', directory: '/etc/shipper-ca', fileName: 'ca.crt', key: 'ca.pem',
    secret: kplus.Secret.fromSecretName(chart, 'ca', 'es-ca'), ...overrides,
  });

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

  test.each([
    ['the log volume', { logVolumeName: 'log-shipper-ca' }, {}, 'Duplicate value "log-shipper-ca": the log volume has that name'],
    ['a state volume of the sidecar', {}, { volumeSuffix: 'state', directory: '/etc/shipper-ca' }, 'Duplicate value "log-shipper-state": another volume of the sidecar has that name'],
    ['the configuration volume of the sidecar', {}, { volumeSuffix: 'config' }, 'Duplicate value "log-shipper-config": another volume of the sidecar has that name'],
  ])('fails when a key file volume would share its name with %s', (_what, props, file, message) => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([caFile(chart, file)]), ...props }))
      .toThrow(new RegExp(`^test/pod: spec\\.volumes\\.name: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Fix: .*\\[volume-name-unique\\]$`));
  });

  test('fails when a volume of the workload already has the name of a sidecar volume', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [app()], volumes: [kplus.Volume.fromEmptyDir(chart, 'v', 'log-shipper-ca')] });
    expect(() => LogSidecar.addTo(pod, { destination: withKeyFiles([caFile(chart)]) }))
      .toThrow('spec.volumes.name: Duplicate value "log-shipper-ca": another volume of this workload has that name');
  });

  test('fails when the log volume has the name of the shipper\'s state volume, instead of failing at synth', () => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: LogDestination.stdout(), logVolumeName: 'log-shipper-state' }))
      .toThrow('test/pod: spec.volumes.name: Duplicate value "log-shipper-state": the log volume has that name');
  });

  test.each([
    ['is the configuration directory', '/fluent-bit/etc/pod-patterns', 'is /fluent-bit/etc/pod-patterns, the shipper\'s configuration directory'],
    ['is inside the configuration directory', '/fluent-bit/etc/pod-patterns/ca', 'is inside /fluent-bit/etc/pod-patterns, the shipper\'s configuration directory'],
    ['contains the configuration directory', '/fluent-bit/etc', 'contains /fluent-bit/etc/pod-patterns, the shipper\'s configuration directory'],
    ['is inside the state directory', '/fluent-bit/state/ca', 'is inside /fluent-bit/state, the shipper\'s state directory'],
  ])('fails when a key file directory %s', (_what, directory, problem) => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([caFile(chart, { directory })]) }))
      .toThrow(`test/pod: destination.keyFiles[0].directory: Invalid value "${directory}": ${problem}. Fix: mount the file in a directory of its own`);
  });

  test('fails on a relative key file directory', () => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([caFile(chart, { directory: 'etc/ca' })]) }))
      .toThrow(/^test\/pod: destination\.keyFiles\[0\]\.directory: Invalid value "etc\/ca": .*\[destination-key-files\]$/);
  });

  test.each([
    ['/var/log/ca', 'contains /var/log/ca'],
    ['/var', 'is inside /var'],
  ])('the log directory must not overlap the key file directory %s', (directory, relation) => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([caFile(chart, { directory })]) }))
      .toThrow(`test/pod: logDirectory: Invalid value "/var/log": ${relation}, a directory the test shipper uses itself`);
  });

  test('fails when two key files share a directory', () => {
    const chart = Testing.chart();
    const first = caFile(chart);
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([first, { ...first, volumeSuffix: 'ca2' }]) }))
      .toThrow('destination.keyFiles[1].directory: Invalid value "/etc/shipper-ca": is /etc/shipper-ca, the shipper\'s ca directory');
  });

  test.each([
    ['neither a Secret nor a ConfigMap', { secret: undefined }, 'destination.keyFiles[0]: must name exactly one of secret and configMap'],
    ['a file name with a slash', { fileName: 'certs/ca.crt' }, 'destination.keyFiles[0].fileName: Invalid value "certs/ca.crt"'],
    ['an empty key', { key: '' }, 'destination.keyFiles[0].key: must not be empty'],
  ])('fails on a key file with %s', (_what, file, message) => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: withKeyFiles([caFile(chart, file as any)]) }))
      .toThrow(new RegExp(`^test/pod: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[destination-key-files\\]$`));
  });
});

describe('log directories, compared in normal form', () => {
  test.each([
    ['//usr/bin', '//usr/bin', '/usr/bin'],
    ['/usr//lib/', '/usr//lib', '/usr/lib'],
  ])('refuses %s (shown as %s), which is %s', (logDirectory, shown, hidden) => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()], destination: LogDestination.stdout(), logDirectory }))
      .toThrow(`test/pod: logDirectory: Invalid value "${shown}": the log volume would hide ${hidden}`);
  });

  test('accepts a directory inside a state directory of the shipper (an emptyDir: a nested mount)', () => {
    const chart = Testing.chart();
    const mongo = () => LogDestination.mongodb({
      image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3',
      connectionString: { secret: kplus.Secret.fromSecretName(chart, 'mongo', 'mongo-uri'), key: 'uri' },
      collection: 'app_logs',
    });
    new LogSidecarPod(chart, 'pod', { containers: [app()], destination: mongo(), logDirectory: '/tmp/logs' });
    const shipper = Testing.synth(chart).find((d) => d.kind === 'Pod').spec.containers[1];
    expect(shipper.volumeMounts.map((m: any) => m.mountPath)).toEqual(expect.arrayContaining(['/tmp', '/tmp/logs']));
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
