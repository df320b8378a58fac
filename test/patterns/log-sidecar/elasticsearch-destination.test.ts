import * as kplus from 'cdk8s-plus-27';
import { CaBundle, LogDestination, SidecarMode } from '../../../src';
import { expectSchemaValid } from '../../_support/schema';
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
    ['a password key of 254 characters', { passwordKey: 'k'.repeat(254) }, `basicAuth.passwordKey: Invalid value "${'k'.repeat(254)}": must be no more than 253 characters`],
    ['a Secret name that is not a DNS subdomain', { secretName: 'ES_Creds' }, 'basicAuth.passwordSecret: Invalid Secret name "ES_Creds": a lowercase RFC 1123 subdomain'],
    ['no password Secret (untyped)', { passwordSecret: undefined }, 'basicAuth.passwordSecret: Required value: the Secret is missing'],
    ['the password itself as passwordSecret (untyped)', { passwordSecret: 'changeme' },
      'basicAuth.passwordSecret: Invalid value: a string: this field takes a Kubernetes Secret, not the secret\'s value; '
        + 'a literal would be written in clear text into the manifest'],
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

describe('LogDestination.elasticsearch with a CA bundle', () => {
  const eckCa = (chart: any) => CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'logging-es-http-certs-public'));

  test('gives Fluent Bit the CA file, after the verification keys', () => {
    const { configMap } = synthLogPod((chart) => esDestination(chart, { tls: { ca: eckCa(chart) } }));
    expect(configText(configMap)).toContain([
      '    tls                 On',
      '    tls.verify          On',
      '    tls.verify_hostname On',
      '    tls.ca_file         /fluent-bit/etc/pod-patterns-ca/ca.crt',
      '',
    ].join('\n'));
  });

  test('mounts only the ca.crt key of the Secret, read-only, into the shipper alone', () => {
    const { podDoc, docs } = synthLogPod((chart) => esDestination(chart, { tls: { ca: eckCa(chart) } }));
    const [app, shipper] = podDoc.spec.containers;
    expect(shipper.volumeMounts).toContainEqual({ name: 'log-shipper-ca', mountPath: '/fluent-bit/etc/pod-patterns-ca', readOnly: true });
    expect(app.volumeMounts).toEqual([{ name: 'app-logs', mountPath: '/var/log' }]);
    expect(podDoc.spec.volumes).toContainEqual({
      name: 'log-shipper-ca',
      secret: { secretName: 'logging-es-http-certs-public', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
    });
    expect(docs.some((d) => d.kind === 'Secret')).toBe(false);
    expectSchemaValid(docs);
  });

  test('takes the bundle from a ConfigMap key, under the fixed file name', () => {
    const { podDoc, configMap, docs } = synthLogPod((chart) => esDestination(chart, {
      tls: { ca: CaBundle.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'ca', 'company-root-ca'), 'root.pem') },
    }));
    expect(podDoc.spec.volumes).toContainEqual({ name: 'log-shipper-ca', configMap: { name: 'company-root-ca', items: [{ key: 'root.pem', path: 'ca.crt' }] } });
    expect(configText(configMap)).toMatch(/^ {4}tls\.ca_file +\/fluent-bit\/etc\/pod-patterns-ca\/ca\.crt$/m);
    expectSchemaValid(docs);
  });

  test('follows the sidecar name and mode (a native sidecar mounts it too)', () => {
    const { podDoc } = synthLogPod((chart) => esDestination(chart, { tls: { ca: eckCa(chart) } }), {
      sidecarName: 'shipper', mode: SidecarMode.NATIVE,
    });
    expect(podDoc.spec.initContainers[0].volumeMounts).toContainEqual({ name: 'shipper-ca', mountPath: '/fluent-bit/etc/pod-patterns-ca', readOnly: true });
  });

  test('without a CA the volume and the key are absent', () => {
    const { podDoc, configMap } = synthLogPod((chart) => esDestination(chart, { tls: {} }));
    expect(configText(configMap)).not.toContain('tls.ca_file');
    expect(podDoc.spec.volumes.map((v: any) => v.name)).toEqual(['app-logs', 'log-shipper-config', 'log-shipper-state']);
  });
});

describe('LogDestination.elasticsearch CA bundle errors', () => {
  const expectTlsError = (overrides: (chart: any) => Record<string, unknown>, field: string, problem: string) => {
    expect(() => synthLogPod((chart) => esDestination(chart, overrides(chart))))
      .toThrow(new RegExp(`^test/pod: destination\\(elasticsearch\\)\\.${field.replace(/\./g, '\\.')}: ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[destination-tls\\]$`));
  };

  test('fails on a CA with verify: false, which Fluent Bit would ignore', () => {
    expectTlsError((chart) => ({ tls: { verify: false, ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'es-ca')) } }),
      'tls.ca', 'is not used with verify: false');
  });

  test('fails on a CA given while TLS is off (beside tls instead of inside it, untyped)', () => {
    expectTlsError((chart) => ({ ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'es-ca')) }),
      'ca', 'TLS is off (no tls option), so a CA bundle would not be used');
  });

  test('fails on a CA beside tls even when TLS is on (untyped)', () => {
    expectTlsError((chart) => ({ tls: {}, ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'es-ca')) }),
      'ca', 'is not an option of the destination, so the CA bundle would not be used');
  });

  test.each([
    ['a plain object', (chart: any) => ({ secret: kplus.Secret.fromSecretName(chart, 'ca', 'es-ca'), key: 'ca.crt' }), 'Unsupported value a plain object: not a CaBundle'],
    ['a file path', () => '/etc/ssl/ca.pem', 'Unsupported value "/etc/ssl/ca.pem": not a CaBundle'],
  ])('fails on a CA that is %s (untyped)', (_what, ca, problem) => {
    expectTlsError((chart) => ({ tls: { ca: ca(chart) } }), 'tls.ca', problem);
  });

  test.each([
    ['an empty key', 'Secret', 'es-ca', '', 'tls.ca.key', 'must not be empty'],
    ['a key with a slash', 'Secret', 'es-ca', 'certs/ca.crt', 'tls.ca.key', `Invalid value "certs/ca.crt": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`],
    ['a key of 254 characters', 'ConfigMap', 'es-ca', 'k'.repeat(254), 'tls.ca.key', `Invalid value "${'k'.repeat(254)}": must be no more than 253 characters`],
    ['the key ".."', 'ConfigMap', 'es-ca', '..', 'tls.ca.key', `Invalid value "..": must not be '..'`],
    ['a key starting with ".."', 'Secret', 'es-ca', '..data', 'tls.ca.key', `Invalid value "..data": must not start with '..'`],
    ['a Secret name that is not a DNS subdomain', 'Secret', 'ES_CA', 'ca.crt', 'tls.ca', 'Invalid Secret name "ES_CA": a lowercase RFC 1123 subdomain'],
    ['a ConfigMap name that is not a DNS subdomain', 'ConfigMap', 'es-ca.', 'ca.crt', 'tls.ca', 'Invalid ConfigMap name "es-ca.": a lowercase RFC 1123 subdomain'],
  ])('fails on %s, which the API server would reject', (_what, kind, name, key, field, problem) => {
    expectTlsError((chart) => ({
      tls: {
        ca: kind === 'Secret'
          ? CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', name), key)
          : CaBundle.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'ca', name), key),
      },
    }), field, problem);
  });

  test.each([
    ['Secret', () => CaBundle.fromSecret(undefined as any)],
    ['ConfigMap', () => CaBundle.fromConfigMap(null as any)],
  ])('fails on a missing %s (untyped)', (kind, ca) => {
    expectTlsError(() => ({ tls: { ca: ca() } }), 'tls.ca', `Required value: the ${kind} is missing`);
  });
});
