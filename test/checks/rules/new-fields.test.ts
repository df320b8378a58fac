import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';

/**
 * Fields of 1.34 to 1.37, judged as their releases do, each after its KEP in kubernetes/enhancements
 * (the README's design and validation sections): a valid pod is not refused, an invalid one is caught.
 */
const errorsOf = (spec: Record<string, unknown>, kubernetesMinor: number) => checkPodSpec(spec, { kubernetesMinor })
  .filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);

describe('container restart rules (KEP-5307, ContainerRestartRules beta in 1.35; KEP-5532 RestartAllContainers beta in 1.36)', () => {
  const rules = (action = 'Restart', extra: Record<string, unknown> = {}) => ({
    restartPolicy: 'Never', restartPolicyRules: [{ action, exitCodes: { operator: 'In', values: [42] } }], ...extra,
  });

  test('an init container may say Never with rules that retry it on some exit codes', () => {
    expect(errorsOf({ initContainers: [container('migrate', rules())], containers: [container('app')] }, 35)).toEqual([]);
    expect(errorsOf({ initContainers: [container('migrate', rules())], containers: [container('app')] }, 34))
      .toEqual(['container-restart-policy spec.initContainers[0].restartPolicy']);
  });

  test('the rules are validated: the action, the operator, the codes, and the container\'s own restartPolicy', () => {
    const bad = { containers: [container('a', { restartPolicyRules: [{ action: 'Explode', exitCodes: { operator: 'Maybe', values: ['1'] } }] })] };
    expect(errorsOf(bad, 35)).toEqual([
      'container-restart-policy spec.containers[0].restartPolicy',
      'container-restart-policy spec.containers[0].restartPolicyRules[0].action',
      'container-restart-policy spec.containers[0].restartPolicyRules[0].exitCodes.operator',
      'container-restart-policy spec.containers[0].restartPolicyRules[0].exitCodes.values[0]',
    ]);
  });

  test('RestartAllContainers is an action from 1.36', () => {
    const spec = { containers: [container('a', rules('RestartAllContainers'))] };
    expect(errorsOf(spec, 36)).toEqual([]);
    expect(errorsOf(spec, 35)).toEqual(['container-restart-policy spec.containers[0].restartPolicyRules[0].action']);
  });
});

describe('env files (KEP-3721, EnvFiles beta in 1.35): the volume must exist and be an emptyDir', () => {
  const reading = (volumes: unknown[]) => ({
    volumes, containers: [container('a', { env: [{ name: 'TOKEN', valueFrom: { fileKeyRef: { volumeName: 'env', path: 'vars.env', key: 'TOKEN' } } }] })],
  });

  test.each([
    ['an emptyDir', [{ name: 'env', emptyDir: {} }], []],
    ['no such volume', [], ['env-value-from spec.containers[0].env[0].valueFrom.fileKeyRef.volumeName']],
    ['a ConfigMap volume', [{ name: 'env', configMap: { name: 'vars' } }], ['env-value-from spec.containers[0].env[0].valueFrom.fileKeyRef.volumeName']],
  ])('%s', (_name, volumes, errors) => {
    expect(errorsOf(reading(volumes as unknown[]), 35)).toEqual(errors);
  });

  test('the path is relative and stays in the volume', () => {
    const spec = reading([{ name: 'env', emptyDir: {} }]);
    (spec.containers[0] as any).env[0].valueFrom.fileKeyRef.path = '../etc/passwd';
    expect(errorsOf(spec, 35)).toEqual(['env-value-from spec.containers[0].env[0].valueFrom.fileKeyRef.path']);
  });
});

test('pod-level resources may hold hugepages from 1.34 (KEP-2837; component-helpers SupportedPodLevelResources)', () => {
  const spec = { resources: { limits: { cpu: '1', memory: '1Gi', 'hugepages-2Mi': '100Mi' } }, containers: [container('a')] };
  expect(errorsOf(spec, 34)).toEqual([]);
  // A default 1.33 drops pod-level resources (PodLevelResources alpha) before it validates them.
  expect(errorsOf(spec, 33)).toEqual([]);
  expect(checkPodSpec(spec, { podSecurity: 'privileged', kubernetesMinor: 33 }).filter((f) => f.rule === 'field-needs-newer-kubernetes')
    .map((f) => f.path)).toEqual(['spec.resources']);
});

test('hostnameOverride (KEP-4762): a DNS subdomain of at most 64 characters, not with setHostnameAsFQDN or hostNetwork', () => {
  expect(errorsOf({ hostnameOverride: 'db-1.example.com', containers: [container('a')] }, 35)).toEqual([]);
  expect(errorsOf({ hostnameOverride: 'Db_1', containers: [container('a')] }, 35)).toEqual(['pod-dns-names spec.hostnameOverride']);
  expect(errorsOf({ hostnameOverride: 'a'.repeat(65), containers: [container('a')] }, 35)).toEqual(['pod-dns-names spec.hostnameOverride']);
  expect(errorsOf({ hostnameOverride: 'db-1.example.com', setHostnameAsFQDN: true, containers: [container('a')] }, 35)).toEqual(['pod-dns-names spec.hostnameOverride']);
});
