import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

const withEnv = (fields: Record<string, unknown>) => ({ containers: [container('a', fields)] });
const keyRef = (ref: string, selector: unknown) => withEnv({ env: [{ name: 'A', valueFrom: { [ref]: selector } }] });

describe('environment', () => {
  test.each([
    [{ env: [{ name: '' }] }, 'env-name spec.containers[0].env[0].name'],
    [{ env: [{ name: '1A' }] }, 'env-name spec.containers[0].env[0].name'],
    [{ env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }, 'env-value-from spec.containers[0].env[0].valueFrom'],
    [{ env: [{ name: 'A', valueFrom: {} }] }, 'env-value-from spec.containers[0].env[0].valueFrom'],
  ])('reports %j', (fields, expected) => {
    expect(errorsOf(withEnv(fields), { kubernetesMinor: 27 })).toEqual([expected]);
  });

  describe.each(['configMapKeyRef', 'secretKeyRef'])('%s', (ref) => {
    const at = `spec.containers[0].env[0].valueFrom.${ref}`;
    test.each([
      [{ key: 'k' }, `env-value-from ${at}.name`],
      [{ name: '', key: 'k' }, `env-value-from ${at}.name`],
      [{ name: 'App_Config', key: 'k' }, `env-value-from ${at}.name`],
      [{ name: 'app' }, `env-value-from ${at}.key`],
      [{ name: 'app', key: 'a/b' }, `env-value-from ${at}.key`],
      [{ name: 'app', key: '..data' }, `env-value-from ${at}.key`],
      [{ name: 'app', key: '.' }, `env-value-from ${at}.key`],
      [{ name: 'app', key: 'k'.repeat(254) }, `env-value-from ${at}.key`],
    ])('reports %j', (selector, expected) => {
      expect(errorsOf(keyRef(ref, selector))).toEqual([expected]);
    });
    test('accepts a dotted name and keys of every allowed character, optional or not', () => {
      expect(errorsOf(keyRef(ref, { name: 'app.config-1', key: 'LOG_level-2.txt' }))).toEqual([]);
      expect(errorsOf(keyRef(ref, { name: 'app', key: '.hidden', optional: true }))).toEqual([]);
      expect(errorsOf(keyRef(ref, { name: 'app', key: 'k'.repeat(253) }))).toEqual([]);
    });
  });

  test('says what is wrong with a key in the API server\'s words', () => {
    const [finding] = checkPodSpec(keyRef('secretKeyRef', { name: 'db', key: '..data' }), { podSecurity: 'privileged' }).filter((f) => f.severity === 'error');
    expect(finding.message).toBe('Invalid value: "..data": must not start with \'..\'');
  });

  test.each([
    [[{ configMapRef: {} }], 'env-from spec.containers[0].envFrom[0].configMapRef.name'],
    [[{ secretRef: { name: 'Db' } }], 'env-from spec.containers[0].envFrom[0].secretRef.name'],
    [[{ prefix: 'DB_' }], 'env-from spec.containers[0].envFrom[0]'],
    [[{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }], 'env-from spec.containers[0].envFrom[0]'],
    [[{ prefix: '1_', configMapRef: { name: 'a' } }], 'env-from spec.containers[0].envFrom[0].prefix'],
    [[{ prefix: 'MY PREFIX', configMapRef: { name: 'a' } }], 'env-from spec.containers[0].envFrom[0].prefix'],
  ])('reports envFrom %j', (envFrom, expected) => {
    expect(errorsOf(withEnv({ envFrom }), { kubernetesMinor: 27 })).toEqual([expected]);
  });

  test('accepts envFrom with a prefix that is a variable name, or none', () => {
    expect(errorsOf(withEnv({ envFrom: [{ prefix: 'db.x-', secretRef: { name: 'db', optional: true } }, { configMapRef: { name: 'app.config' }, prefix: '' }] }))).toEqual([]);
  });

  test('never throws on untyped env', () => {
    for (const env of ['x', 5, [null], [{ valueFrom: 'x' }], [{ name: 'A', valueFrom: { secretKeyRef: 5 } }], [{ name: 'A', valueFrom: { configMapKeyRef: { name: {}, key: [] } } }]]) {
      expect(() => checkPodSpec(withEnv({ env, envFrom: env }))).not.toThrow();
    }
  });

  describe('names from Kubernetes 1.32 (RelaxedEnvironmentVariableValidation)', () => {
    const names = { env: [{ name: 'Logging:LogLevel:Default', value: 'x' }, { name: '1ST_VAR', value: 'y' }], envFrom: [{ prefix: 'App:', configMapRef: { name: 'app' } }] };
    test('reports names with ":" or a leading digit before 1.32', () => {
      expect(errorsOf(withEnv(names), { kubernetesMinor: 31 })).toEqual([
        'env-name spec.containers[0].env[0].name', 'env-name spec.containers[0].env[1].name', 'env-from spec.containers[0].envFrom[0].prefix',
      ]);
    });
    test('accepts any printable ASCII but "=" from 1.32', () => {
      expect(errorsOf(withEnv(names), { kubernetesMinor: 32 })).toEqual([]);
      expect(errorsOf(withEnv({ env: [{ name: 'A=B', value: 'x' }, { name: 'tab\there', value: 'y' }] }), { kubernetesMinor: 32 }))
        .toEqual(['env-name spec.containers[0].env[0].name', 'env-name spec.containers[0].env[1].name']);
    });
  });

  test('accepts an envFrom name ending in "-", which the API server checks as a name prefix', () => {
    expect(errorsOf(withEnv({ envFrom: [{ configMapRef: { name: 'app-config-', optional: true } }] }))).toEqual([]);
    expect(errorsOf(withEnv({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'app-config-', key: 'k' } } }] })))
      .toEqual(['env-value-from spec.containers[0].env[0].valueFrom.configMapKeyRef.name']);
  });
});
