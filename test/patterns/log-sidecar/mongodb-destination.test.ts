import * as kplus from 'cdk8s-plus-27';
import { checkManifest, LogDestination } from '../../../src';
import { fluentdProblems } from '../../_support/fluentd-grammar';
import { configText, mongoDestination, synthLogPod } from './_fixtures';

describe('LogDestination.mongodb', () => {
  test('generates a Fluentd configuration with a tail source and a mongo match, from a connection string Secret', () => {
    const { configMap, podDoc } = synthLogPod((chart) => mongoDestination(chart));
    expect(configText(configMap)).toBe([
      '<system>',
      '  log_level info',
      '  suppress_config_dump true',
      '</system>',
      '',
      '<source>',
      '  @type tail',
      '  path /var/log/*.log',
      '  pos_file /fluentd/state/tail.pos',
      '  tag app.logs',
      '  path_key file',
      '  read_from_head true',
      '  refresh_interval 5',
      '  <parse>',
      '    @type none',
      '  </parse>',
      '</source>',
      '',
      '<match app.logs>',
      '  @type mongo',
      `  connection_string "#{v = ENV['LOG_SHIPPER_MONGO_URI'].to_s; `
        + "abort('cdk8s-pod-patterns: LOG_SHIPPER_MONGO_URI is empty or unset: set key uri of Secret mongo-uri') if v.empty?; "
        + "require 'uri'; d = URI::DEFAULT_PARSER.unescape(v[%r{\\Amongodb(?:\\+srv)?://[^/?#]*/([^?#]*)}, 1].to_s); "
        + "abort('cdk8s-pod-patterns: LOG_SHIPPER_MONGO_URI (key uri of Secret mongo-uri) names no database, so the logs would go to admin: "
        + "end the host list with /logs, e.g. mongodb://host:27017/logs') if d.empty?; "
        + "abort('cdk8s-pod-patterns: LOG_SHIPPER_MONGO_URI (key uri of Secret mongo-uri) names the database ' + d.inspect + "
        + "', but the shipper is declared to write to logs: make the URI path and the database prop agree') if d != 'logs'; v}\"",
      '  collection app_logs',
      '  <buffer>',
      '    @type file',
      '    path /fluentd/state/buffer',
      '    flush_interval 5s',
      '    flush_at_shutdown true',
      '    chunk_limit_size 8m',
      '    total_limit_size 256m',
      '    retry_max_interval 30s',
      '  </buffer>',
      '</match>',
      '',
    ].join('\n'));
    const sidecar = podDoc.spec.containers[1];
    expect(sidecar.env).toEqual([{ name: 'LOG_SHIPPER_MONGO_URI', valueFrom: { secretKeyRef: { name: 'mongo-uri', key: 'uri' } } }]);
    expect(sidecar.args).toEqual(['fluentd', '--config', '/fluentd/etc/pod-patterns/fluent.conf']);
    expect(sidecar.command).toBeUndefined();
  });

  test('writes host, port and database, with the password from a Secret', () => {
    const { configMap, podDoc } = synthLogPod((chart) => mongoDestination(chart, {
      connectionString: undefined, host: 'mongodb.data.svc.cluster.local', database: 'logs',
      auth: { username: 'shipper', password: { secret: kplus.Secret.fromSecretName(chart, 'p', 'mongo-auth'), key: 'pw' }, authSource: 'admin' },
    }));
    const text = configText(configMap);
    expect(text).toContain([
      '  @type mongo',
      '  host mongodb.data.svc.cluster.local',
      '  port 27017',
      '  database logs',
      '  user shipper',
      '  password "#{v = ENV[\'LOG_SHIPPER_MONGO_PASSWORD\'].to_s; '
        + 'abort(\'cdk8s-pod-patterns: LOG_SHIPPER_MONGO_PASSWORD is empty or unset: set key pw of Secret mongo-auth\') if v.empty?; v}"',
      '  auth_source admin',
      '  collection app_logs',
    ].join('\n'));
    expect(podDoc.spec.containers[1].env[0].valueFrom.secretKeyRef).toEqual({ name: 'mongo-auth', key: 'pw' });
  });

  test('double-quotes values that Fluentd would otherwise misread, and the result follows its grammar', () => {
    const { configMap } = synthLogPod((chart) => mongoDestination(chart, {
      connectionString: undefined, host: 'mongodb', database: "o'brien",
      collection: 'app "logs" #1',
      auth: { username: '[admin]', password: { secret: kplus.Secret.fromSecretName(chart, 'p', 'mongo-auth'), key: 'pw' }, authSource: '{users}' },
    }), { logDirectory: "/var/log/it's here" });
    const text = configText(configMap);
    expect(text).toContain('  path "/var/log/it\'s here/*.log"\n');
    expect(text).toContain(`  database "o'brien"\n`);
    expect(text).toContain('  user "[admin]"\n');
    expect(text).toContain('  auth_source "{users}"\n');
    expect(text).toContain('  collection "app \\"logs\\" #1"\n');
    expect(fluentdProblems(text)).toEqual([]);
  });

  test('escapes a backslash as Fluentd reads it back: one backslash', () => {
    // Not run through fluentdProblems: that checker looks at each backslash alone, so it takes the second
    // half of "\\" for an escape of the next letter. Fluentd's parser pairs them (literal_parser.rb).
    const text = configText(synthLogPod((chart) => mongoDestination(chart, { collection: 'a\\ops' })).configMap);
    expect(text).toContain('  collection "a\\\\ops"\n');
  });

  test('leaves plain values bare', () => {
    const text = configText(synthLogPod((chart) => mongoDestination(chart, { collection: 'app-logs.v2' })).configMap);
    expect(text).toContain('  collection app-logs.v2\n');
  });

  test('runs as the numeric user of the shipped Dockerfile, with emptyDirs for its state and /tmp', () => {
    const { podDoc } = synthLogPod((chart) => mongoDestination(chart));
    const sidecar = podDoc.spec.containers[1];
    expect(sidecar.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, runAsNonRoot: true, readOnlyRootFilesystem: true });
    expect(sidecar.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'log-shipper-state', mountPath: '/fluentd/state' },
      { name: 'log-shipper-tmp', mountPath: '/tmp' },
    ]));
  });
});

describe('LogDestination.mongodb errors', () => {
  test('fails when the image is missing, naming the Dockerfile to build', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { image: undefined })))
      .toThrow(/destination\(mongodb\)\.image: must name an image\. Fix: build fluentd-mongo\.Dockerfile/);
  });

  test('fails on the official Fluentd image, which has no MongoDB output', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { image: 'fluent/fluentd:v1.16.11-debian-1.0' })))
      .toThrow('is the official Fluentd image, which has no MongoDB output (fluent-plugin-mongo)');
  });

  test.each(['registry.example.com/fluentd-mongo', 'registry.example.com/fluentd-mongo:latest'])('warns of the unpinned image %s, an error where pinned images are required', (image) => {
    const { podDoc } = synthLogPod((chart) => mongoDestination(chart, { image }));
    expect(checkManifest(podDoc).filter((f) => f.rule === 'image-tag').map((f) => `${f.severity} ${f.path}`)).toEqual(['warning spec.containers[1].image']);
    expect(checkManifest(podDoc, { requirePinnedImages: true }).filter((f) => f.rule === 'image-tag').map((f) => f.severity)).toEqual(['error']);
  });

  test('fails without a database beside a connection string: a URI without a path writes into admin', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { database: undefined })))
      .toThrow('test/pod: destination(mongodb).database: must not be empty. Fix: name the database the logs are written to, e.g. "logs"');
  });

  test('fails with neither host nor connection string', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { connectionString: undefined })))
      .toThrow('destination(mongodb).host: Required value: neither host nor connectionString is given');
  });

  test('fails with both host and connection string', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { host: 'mongodb' }))).toThrow('host and connectionString are both given');
  });

  test.each([
    ['', 'must not be empty'],
    ['logs$x', 'must not contain $'],
    ['system.users', 'must not start with "system."'],
  ])('fails on the collection "%s"', (collection, problem) => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { collection }))).toThrow(`destination(mongodb).collection: ${problem}`);
  });

  test.each([
    ['', 'must not be empty'],
    ['my.logs', 'must not contain'],
  ])('fails on the database "%s" with a host', (database, problem) => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { connectionString: undefined, host: 'mongodb', database })))
      .toThrow(`destination(mongodb).database: ${problem}`);
  });

  test.each([0, 65536])('fails on port %d', (port) => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { connectionString: undefined, host: 'mongodb', database: 'logs', port })))
      .toThrow('destination(mongodb).port: must be an integer from 1 to 65535');
  });

  test('fails on an invalid host', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, { connectionString: undefined, host: 'mongodb://u:p@db', database: 'logs' })))
      .toThrow('destination(mongodb).host: must be a bare host name, not a URL');
  });

  test('fails on a password given as a literal', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, {
      connectionString: undefined, host: 'mongodb', database: 'logs', auth: { username: 'u', password: 'hunter2' },
    }))).toThrow(/destination\(mongodb\)\.auth\.password: a password given as a literal.*\[literal-secret\]/);
  });

  const withAuth = (chart: any, auth: Record<string, unknown>) => ({
    connectionString: undefined, host: 'mongodb', database: 'logs',
    auth: { username: 'shipper', password: { secret: kplus.Secret.fromSecretName(chart, 'p', 'mongo-auth'), key: 'pw' }, ...auth },
  });
  test.each([
    ['collection', 'a newline', () => ({ collection: 'app\nlogs' }), 'must be one line without control characters'],
    ['collection', 'a trailing space', () => ({ collection: 'app ' }), 'must not start or end with spaces'],
    ['collection', 'Ruby interpolation', () => ({ collection: 'app#{1}' }), 'Fluentd runs #{...} as Ruby code'],
    ['database', 'a newline', () => ({ connectionString: undefined, host: 'mongodb', database: 'lo\ngs' }), 'must be one line'],
    ['auth.username', 'a newline', (chart: any) => withAuth(chart, { username: 'ship\nper' }), 'must be one line'],
    ['auth.username', 'a leading space', (chart: any) => withAuth(chart, { username: ' shipper' }), 'must not start or end with spaces'],
    ['auth.username', 'Ruby interpolation', (chart: any) => withAuth(chart, { username: '#{ENV}' }), 'Fluentd runs #{...}'],
    ['auth.authSource', 'a newline', (chart: any) => withAuth(chart, { authSource: 'ad\nmin' }), 'must be one line'],
  ])('fails on a %s with %s, before any configuration is rendered', (field, _what, overrides, problem) => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, overrides(chart))))
      .toThrow(new RegExp(`^test/pod: destination\\(mongodb\\)\\.${field.replace('.', '\\.')}: .*${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[log-destination-value\\]$`));
  });

  test('fails on an authSource that is not a database name', () => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, withAuth(chart, { authSource: 'ad min' }))))
      .toThrow('test/pod: destination(mongodb).auth.authSource: must not contain / \\ . " $ or a space, got "ad min"');
  });

  test.each([
    ['an empty connection string key', (chart: any) => ({ connectionString: { secret: kplus.Secret.fromSecretName(chart, 'm', 'mongo-uri'), key: '' } }), 'connectionString.key: must not be empty', 'destination-connectionstring'],
    ['a connection string key with a slash', (chart: any) => ({ connectionString: { secret: kplus.Secret.fromSecretName(chart, 'm', 'mongo-uri'), key: 'a/b' } }), 'connectionString.key: Invalid value "a/b"', 'destination-connectionstring'],
    ['a connection string key ".."', (chart: any) => ({ connectionString: { secret: kplus.Secret.fromSecretName(chart, 'm', 'mongo-uri'), key: '..' } }), 'connectionString.key: Invalid value "..": must not be', 'destination-connectionstring'],
    ['a connection string Secret with an invalid name', (chart: any) => ({ connectionString: { secret: kplus.Secret.fromSecretName(chart, 'm', 'Mongo URI'), key: 'uri' } }), 'connectionString.secret: Invalid Secret name "Mongo URI"', 'destination-connectionstring'],
    ['a connection string without Secret (untyped)', () => ({ connectionString: { key: 'uri' } }), 'connectionString.secret: Required value: the Secret is missing', 'destination-connectionstring'],
    ['an empty password key', (chart: any) => withAuth(chart, { password: { secret: kplus.Secret.fromSecretName(chart, 'q', 'mongo-auth'), key: '' } }), 'auth.password.key: must not be empty', 'destination-auth'],
    ['a password Secret with an invalid name', (chart: any) => withAuth(chart, { password: { secret: kplus.Secret.fromSecretName(chart, 'q', '-auth'), key: 'pw' } }), 'auth.password.secret: Invalid Secret name "-auth"', 'destination-auth'],
  ])('fails on %s, which the API server would reject', (_what, overrides, message, rule) => {
    expect(() => synthLogPod((chart) => mongoDestination(chart, overrides(chart))))
      .toThrow(new RegExp(`^test/pod: destination\\(mongodb\\)\\.${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[${rule}\\]$`));
  });

  test('fails when LogDestination.mongodb() gets no props (untyped)', () => {
    expect(() => synthLogPod(() => LogDestination.mongodb(undefined as any)))
      .toThrow('test/pod: destination(mongodb): Required value: LogDestination.mongodb() was called with no props. Fix: pass { image, collection }');
  });
});
