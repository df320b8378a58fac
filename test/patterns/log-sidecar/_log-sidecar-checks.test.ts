import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LogDestination, LogSidecar, LogSidecarPod } from '../../../src';
import { app, caFile, esDestination, mongoDestination, synthLogPod, withKeyFiles } from './_fixtures';

// The pattern's own checks of its input (src/patterns/log-sidecar/_log-sidecar-checks.ts); the destinations'
// checks are tested with each destination.

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('LogSidecarPod errors', () => {
  test.each([
    ['relative', 'var/log', 'must be an absolute path'],
    ['root', '/', 'the log volume cannot be mounted over the root directory'],
  ])('fails on a %s log directory', (_what, logDirectory, problem) => {
    expect(() => synthLogPod((chart) => esDestination(chart), { logDirectory })).toThrow(`test/pod: logDirectory: Invalid value "${logDirectory}": ${problem}`);
  });

  test.each(['', 'logs/*.log', '*.log *.txt', '..'])('fails on the file pattern "%s"', (filePattern) => {
    expect(() => synthLogPod((chart) => esDestination(chart), { filePattern })).toThrow('test/pod: filePattern: Invalid value');
  });

  test.each([
    ['*.log,*.txt', 'split the tail path at the comma'],
    ['${APP}.log', 'Fluent Bit would replace ${...}'],
    ['#{x}.log', 'Fluentd would run #{...}'],
    ['app-%Y.log', 'Fluentd\'s tail source would read % as a date placeholder'],
    ['app\u0000.log', 'must be one line without control characters'],
  ])('fails on the file pattern %j, which a shipper would misread', (filePattern, problem) => {
    expect(() => synthLogPod(() => LogDestination.stdout(), { filePattern }))
      .toThrow(new RegExp(`^test/pod: filePattern: Invalid value ${escape(JSON.stringify(filePattern))}: .*${escape(problem)}.*\\[log-file-pattern\\]$`));
  });

  test.each([
    ['/var/log/a,b', 'split the tail path at the comma'],
    ['/var/${APP}', 'Fluent Bit would replace ${...}'],
    ['/var/log/#{x}', 'Fluentd would run #{...}'],
    ['/var/log/%Y', 'date placeholder'],
    ['/var/log/*', 'as a wildcard'],
    ['/var/log/app[1]', 'as a wildcard'],
    ['/var/log/\nx', 'must be one line'],
  ])('fails on the log directory %j, which a shipper would misread', (logDirectory, problem) => {
    expect(() => synthLogPod(() => LogDestination.stdout(), { logDirectory }))
      .toThrow(new RegExp(`^test/pod: logDirectory: Invalid value ${escape(JSON.stringify(logDirectory))}: .*${escape(problem)}.*\\[log-directory\\]$`));
  });

  test('fails without an app container', () => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { destination: LogDestination.stdout() }))
      .toThrow('test/pod: spec.containers: Required value: the log sidecar needs an app container that writes the logs');
  });

  test('fails without a destination', () => {
    const chart = Testing.chart();
    expect(() => new LogSidecarPod(chart, 'pod', { containers: [app()] } as any)).toThrow('test/pod: destination: is missing');
  });

  test('accepts the longest sidecar name whose volume names fit in 63 characters', () => {
    // Fluent Bit's volumes are <name>-config and <name>-state: "-config" is the longer suffix (7).
    const { podDoc } = synthLogPod(() => LogDestination.stdout(), { sidecarName: 's'.repeat(56) });
    expect(podDoc.spec.volumes.map((v: any) => v.name)).toEqual(['app-logs', `${'s'.repeat(56)}-config`, `${'s'.repeat(56)}-state`]);
  });

  test('fails on a sidecar name whose volume names would be cut by cdk8s-plus, naming the maximum', () => {
    const name = 's'.repeat(57);
    expect(() => synthLogPod(() => LogDestination.stdout(), { sidecarName: name }))
      .toThrow(`test/pod: sidecarName: Invalid value "${name}" (57 characters): the sidecar's volume "${name}-config" would be 64 characters, more than 63. `
        + 'Fix: use a sidecarName of at most 56 characters for this destination. [volume-name]');
  });

  test('counts the longest volume suffix of the destination (custom state directories)', () => {
    expect(() => synthLogPod(() => LogDestination.custom({ image: 'registry.example.com/shipper:2.0.1', command: ['ship'], stateDirectories: ['/var/lib/position-database'], securityContext: { user: 10001 } }), { sidecarName: 's'.repeat(50) }))
      .toThrow('Fix: use a sidecarName of at most 45 characters for this destination. [volume-name]');
  });

  test('fails on a state directory whose volume name would not be a DNS label', () => {
    expect(() => synthLogPod(() => LogDestination.custom({ image: 'registry.example.com/shipper:2.0.1', stateDirectories: ['/var/lib/state_'], securityContext: { user: 10001 } })))
      .toThrow('test/pod: spec.volumes.name: Invalid value "log-shipper-state-" (the volume of a shipper directory): a lowercase RFC 1123 label');
  });

  test.each([
    ['/var/log/..', 'must not contain "." or ".." segments'],
    ['/var/../etc/app', 'must not contain "." or ".." segments'],
    ['/var/./log', 'must not contain "." or ".." segments'],
  ])('fails on the log directory %s', (logDirectory, problem) => {
    expect(() => synthLogPod(() => LogDestination.stdout(), { logDirectory })).toThrow(`test/pod: logDirectory: Invalid value "${logDirectory}": ${problem}`);
  });

  test.each([
    ['/fluent-bit', 'stdout', 'is /fluent-bit, a directory the stdout shipper uses itself'],
    ['/fluent-bit/etc', 'stdout', 'is inside /fluent-bit, a directory the stdout shipper uses itself'],
    ['/fluent-bit/state', 'elasticsearch', 'is /fluent-bit/state, a directory the elasticsearch shipper uses itself'],
    ['/fluent-bit/etc/pod-patterns', 'stdout', 'is /fluent-bit/etc/pod-patterns, a directory the stdout shipper uses itself'],
    ['/fluentd', 'mongodb', 'is /fluentd, a directory the mongodb shipper uses itself'],
    ['/fluentd/etc', 'mongodb', 'is inside /fluentd'],
    ['/usr/local', 'mongodb', 'contains /usr/local/bundle, a directory the mongodb shipper uses itself'],
    ['/tmp', 'mongodb', 'is /tmp, a directory the mongodb shipper uses itself'],
    ['/usr', 'stdout', 'the log volume would hide /usr/bin in the app and in the shipper'],
    ['/etc', 'stdout', 'the log volume would hide /etc/ssl in the app and in the shipper'],
    ['/bin', 'stdout', 'the log volume would hide /bin in the app and in the shipper'],
  ])('fails on the log directory %s with the %s destination', (logDirectory, kind, problem) => {
    const destination = (chart: any) => (kind === 'stdout' ? LogDestination.stdout() : kind === 'elasticsearch' ? esDestination(chart) : mongoDestination(chart));
    expect(() => synthLogPod(destination, { logDirectory })).toThrow(new RegExp(`^test/pod: logDirectory: Invalid value "${escape(logDirectory)}": ${escape(problem)}.*\\[log-directory\\]$`));
  });

  test.each(['/usr/local/tomcat/logs', '/etc/app/logs', '/srv/fluent-bit-logs', '/tmp'])('accepts the log directory %s with Fluent Bit', (logDirectory) => {
    const { podDoc } = synthLogPod(() => LogDestination.stdout(), { logDirectory });
    expect(podDoc.spec.containers[1].volumeMounts[0]).toEqual({ name: 'app-logs', mountPath: logDirectory, readOnly: true });
  });

  test('fails when the sidecar name is taken by the app', () => {
    expect(() => synthLogPod(() => LogDestination.stdout(), { sidecarName: 'app' }))
      .toThrow('spec.containers[1].name: Duplicate value: "app" (also spec.containers[0])');
  });

  test('fails when the app already mounts another volume at the log directory', () => {
    const chart = Testing.chart();
    const other = kplus.Volume.fromEmptyDir(chart, 'other', 'other');
    expect(() => new LogSidecarPod(chart, 'pod', {
      containers: [{ ...app(), volumeMounts: [{ volume: other, path: '/var/log' }] }],
      destination: LogDestination.stdout(),
    })).toThrow('spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/var/log": must be unique');
  });
});

describe('LogSidecar key files', () => {
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
      database: 'logs',
      collection: 'app_logs',
    });
    new LogSidecarPod(chart, 'pod', { containers: [app()], destination: mongo(), logDirectory: '/tmp/logs' });
    const shipper = Testing.synth(chart).find((d) => d.kind === 'Pod').spec.containers[1];
    expect(shipper.volumeMounts.map((m: any) => m.mountPath)).toEqual(expect.arrayContaining(['/tmp', '/tmp/logs']));
  });
});
