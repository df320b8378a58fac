import * as kplus from 'cdk8s-plus-27';
import { LogDestination } from '../../../src';
import { configText, esDestination, synthLogPod } from './_fixtures';

describe('LogDestination.elasticsearch', () => {
  test('generates a Fluent Bit configuration with a tail input and an es output', () => {
    const { configMap } = synthLogPod((chart) => esDestination(chart, { port: 9243, tls: {} }));
    expect(configText(configMap)).toBe([
      '[SERVICE]',
      '    Flush       1',
      '    Daemon      Off',
      '    Log_Level   info',
      '    HTTP_Server Off',
      '',
      '[INPUT]',
      '    Name             tail',
      '    Tag              app.logs',
      '    Path             /var/log/*.log',
      '    Path_Key         file',
      '    Read_from_Head   True',
      '    DB               /fluent-bit/state/tail.db',
      '    DB.locking       True',
      '    Refresh_Interval 5',
      '    Skip_Long_Lines  On',
      '    Mem_Buf_Limit    5MB',
      '',
      '[OUTPUT]',
      '    Name                es',
      '    Match               app.logs',
      '    Host                elasticsearch.logging.svc.cluster.local',
      '    Port                9243',
      '    Index               app-logs',
      '    Suppress_Type_Name  On',
      '    Retry_Limit         5',
      '    HTTP_User           shipper',
      '    HTTP_Passwd         ${LOG_SHIPPER_ES_PASSWORD}',
      '    tls                 On',
      '    tls.verify          On',
      '    tls.verify_hostname On',
      '',
    ].join('\n'));
  });

  test('takes the password from the Secret through an environment variable, never as a literal', () => {
    const { podDoc, configMap, docs } = synthLogPod((chart) => esDestination(chart));
    expect(podDoc.spec.containers[1].env).toEqual([
      { name: 'LOG_SHIPPER_ES_PASSWORD', valueFrom: { secretKeyRef: { name: 'es-credentials', key: 'password' } } },
    ]);
    expect(configText(configMap)).toMatch(/^ {4}HTTP_Passwd +\$\{LOG_SHIPPER_ES_PASSWORD\}$/m);
    expect(docs.some((d) => d.kind === 'Secret')).toBe(false);
  });

  test('defaults to port 9200, plain HTTP and no authentication', () => {
    const { configMap, podDoc } = synthLogPod((chart) => esDestination(chart, { basicAuth: undefined }));
    const text = configText(configMap);
    expect(text).toMatch(/^ {4}Port +9200$/m);
    expect(text).not.toContain('tls');
    expect(text).not.toContain('HTTP_User');
    expect(podDoc.spec.containers[1].env).toBeUndefined();
  });

  test('can turn certificate verification off explicitly', () => {
    const { configMap } = synthLogPod((chart) => esDestination(chart, { tls: { verify: false } }));
    expect(configText(configMap)).toContain('    tls.verify          Off\n    tls.verify_hostname Off\n');
  });

  test('reads a custom password key', () => {
    const { podDoc } = synthLogPod((chart) => esDestination(chart, {
      basicAuth: { username: 'u', passwordSecret: kplus.Secret.fromSecretName(chart, 'x', 'creds'), passwordKey: 'es-pass' },
    }));
    expect(podDoc.spec.containers[1].env[0].valueFrom.secretKeyRef).toEqual({ name: 'creds', key: 'es-pass' });
  });
});

describe('LogDestination.elasticsearch errors', () => {
  test.each([
    ['a URL', 'https://es.example.com', 'must be a bare host name, not a URL'],
    ['credentials', 'user:secret@es', 'must not carry credentials'],
    ['a port', 'es:9200', 'must not include a port'],
    ['an underscore', 'es_host', 'is not a valid host name'],
    ['a bad IPv4 address', '10.0.0.300', 'is not a valid IPv4 address'],
    ['nothing', '', 'got nothing'],
  ])('fails on a host with %s', (_what, host, problem) => {
    expect(() => synthLogPod((chart) => esDestination(chart, { host })))
      .toThrow(new RegExp(`^test/pod: destination\\(elasticsearch\\)\\.host: .*${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test.each([0, 65536, 70000, -1, 9200.5])('fails on port %d', (port) => {
    expect(() => synthLogPod((chart) => esDestination(chart, { port })))
      .toThrow(`test/pod: destination(elasticsearch).port: must be an integer from 1 to 65535, got ${port}`);
  });

  test.each([
    ['', 'must not be empty'],
    ['App-Logs', 'must be lower case'],
    ['logs/2024', 'must not contain'],
    ['_logs', 'must not start with -, _ or +'],
  ])('fails on the index "%s"', (index, problem) => {
    expect(() => synthLogPod((chart) => esDestination(chart, { index }))).toThrow(`test/pod: destination(elasticsearch).index: ${problem}`);
  });

  test('fails on a password given as a literal', () => {
    expect(() => synthLogPod((chart) => esDestination(chart, { basicAuth: { username: 'u', password: 'hunter2' } })))
      .toThrow('test/pod: destination(elasticsearch.basicAuth).password: a password given as a literal would be written in clear text');
    expect(() => synthLogPod((chart) => esDestination(chart, { password: 'hunter2' })))
      .toThrow('destination(elasticsearch).password: a password given as a literal');
  });

  test('fails on an empty user name', () => {
    expect(() => synthLogPod((chart) => esDestination(chart, {
      basicAuth: { username: '', passwordSecret: kplus.Secret.fromSecretName(chart, 'x', 'creds') },
    }))).toThrow('destination(elasticsearch).basicAuth.username: must not be empty');
  });

  test.each([
    ['basicAuth.username', 'a newline', { basicAuth: { username: 'ship\nper' } }, 'must be one line without control characters'],
    ['basicAuth.username', 'a trailing space', { basicAuth: { username: 'shipper ' } }, 'must not start or end with spaces'],
    ['basicAuth.username', 'a leading tab', { basicAuth: { username: '\tshipper' } }, 'must be one line without control characters'],
    ['basicAuth.username', '"${"', { basicAuth: { username: 'ship${HOME}' } }, 'Fluent Bit replaces ${NAME} with the environment variable NAME'],
    ['index', '"${"', { index: 'logs-${hostname}' }, 'Fluent Bit replaces ${NAME}'],
  ])('fails on a %s with %s, which Fluent Bit would misread, before any configuration is rendered', (field, _what, overrides: any, problem) => {
    expect(() => synthLogPod((chart) => esDestination(chart, {
      ...overrides,
      ...(overrides.basicAuth ? { basicAuth: { ...overrides.basicAuth, passwordSecret: kplus.Secret.fromSecretName(chart, 'x', 'creds') } } : {}),
    }))).toThrow(new RegExp(`^test/pod: destination\\(elasticsearch\\)\\.${field.replace('.', '\\.')}: .*${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[log-destination-value\\]$`));
  });

  test.each([
    ['an empty password key', { passwordKey: '' }, 'basicAuth.passwordKey: must not be empty'],
    ['a password key with a slash', { passwordKey: 'a/b' }, `basicAuth.passwordKey: Invalid value "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`],
    ['a password key of 254 characters', { passwordKey: 'k'.repeat(254) }, 'basicAuth.passwordKey: must be no more than 253 characters'],
    ['a Secret name that is not a DNS subdomain', { secretName: 'ES_Creds' }, 'basicAuth.passwordSecret: Invalid Secret name "ES_Creds": a lowercase RFC 1123 subdomain'],
    ['no password Secret (untyped)', { passwordSecret: undefined }, 'basicAuth.passwordSecret: Required value: the Secret is missing'],
  ])('fails on %s, which the API server would reject', (_what, auth: any, message) => {
    expect(() => synthLogPod((chart) => esDestination(chart, {
      basicAuth: { username: 'u', passwordSecret: kplus.Secret.fromSecretName(chart, 'x', auth.secretName ?? 'creds'), ...auth, secretName: undefined },
    }))).toThrow(new RegExp(`^test/pod: destination\\(elasticsearch\\)\\.${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[destination-basicauth\\]$`));
  });

  test.each([undefined, null])('fails when LogDestination.elasticsearch() gets %p (untyped)', (props) => {
    expect(() => synthLogPod(() => LogDestination.elasticsearch(props as any)))
      .toThrow(/^test\/pod: destination\(elasticsearch\): Required value: LogDestination\.elasticsearch\(\) was called with (no props|null)\. Fix: pass \{ host, index \}.*\[log-destination\]$/);
  });
});
