import { checkManifest } from '../../../src/checks/engine';
import { container, deployment, pod } from '../../_support/raw-pods';

/**
 * Unknown fields, as kubectl's strict field validation (server-side, on by default since 1.27) refuses them:
 * `strict decoding error: unknown field "spec.containers[0].imagePulPolicy"`. Which fields each minor has
 * is read from kubernetes/api's types.go at the release tags (src/checks/api-fields.generated.ts).
 */
const unknownOf = (manifest: any, kubernetesMinor?: number) => checkManifest(manifest, { kubernetesMinor })
  .filter((f) => f.rule === 'unknown-field').map((f) => `${f.severity} ${f.path}: ${f.message}. Fix: ${f.fix}`);

test('a typo is refused with the field it most likely meant', () => {
  expect(unknownOf(pod({ containers: [container('a', { imagePulPolicy: 'Always' })] }))).toEqual([
    'error spec.containers[0].imagePulPolicy: unknown field "spec.containers[0].imagePulPolicy": the API has no field "imagePulPolicy" here '
      + '(did you mean "imagePullPolicy"?). Fix: rename it to imagePullPolicy',
  ]);
});

test('a misplaced field is refused where it is: runAsUser on the container, allowPrivilegeEscalation on the pod', () => {
  const misplaced = pod({ securityContext: { allowPrivilegeEscalation: false }, containers: [container('a', { runAsUser: 1000 })] });
  expect(unknownOf(misplaced).map((f) => f.split(':')[0])).toEqual(['error spec.securityContext.allowPrivilegeEscalation', 'error spec.containers[0].runAsUser']);
});

test('a field of a newer Kubernetes is unknown to an older target, and names the minor that has it', () => {
  const withRules = pod({ containers: [container('a', { restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] })] });
  const [at33] = unknownOf(withRules, 33);
  expect(at33).toContain('unknown field "spec.containers[0].restartPolicyRules" at Kubernetes 1.33: the field is new in 1.34 (feature gate ContainerRestartRules)');
  expect(unknownOf(withRules, 34)).toEqual([]);
});

test('objects in lists, maps and workload templates are walked; status and annotations are not judged', () => {
  const d = deployment({ containers: [container('a', { ports: [{ containerPort: 80, hostIp: '0.0.0.0' }] })] });
  d.status = { anything: 1 };
  d.metadata.annotations = { 'free-form': 'yes' };
  expect(unknownOf(d).map((f) => f.split(':')[0])).toEqual(['error spec.template.spec.containers[0].ports[0].hostIp']);
  expect(unknownOf(d)[0]).toContain('did you mean "hostIP"?');
});

test('never throws, and stays quick, on hostile keys and shapes', () => {
  const hostile = pod({ containers: [container('a', { ['x'.repeat(1_000_000)]: 1, env: 'not a list', securityContext: [] })], volumes: { not: 'a list' } });
  expect(() => checkManifest(hostile)).not.toThrow();
  expect(unknownOf(hostile)).toHaveLength(1);
});

/**
 * A field the target's API has, behind a feature gate that is off by default there: the API server drops
 * it (`dropDisabledPodFields`), so the pod is accepted and the field does nothing. When a gate is on by
 * default comes from pkg/features/kube_features.go where the engine read it, else from its KEP's
 * milestones in kubernetes/enhancements (src/checks/feature-gates.generated.ts).
 */
describe('gated fields', () => {
  const findingsOf = (manifest: any, kubernetesMinor: number) => checkManifest(manifest, { kubernetesMinor })
    .filter((f) => f.rule === 'field-needs-newer-kubernetes' || f.rule === 'unknown-field').map((f) => `${f.severity} ${f.rule} ${f.path}`);

  test('1.37\'s alpha fields are accepted and dropped (KEP-5855 bindMountOptions, KEP-5502 emptyDir mode)', () => {
    const p = pod({ containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/v', bindMountOptions: ['noexec'] }] })], volumes: [{ name: 'v', emptyDir: { mode: '0700' } }] });
    expect(findingsOf(p, 37)).toEqual([
      'warning field-needs-newer-kubernetes spec.containers[0].volumeMounts[0].bindMountOptions',
      'warning field-needs-newer-kubernetes spec.volumes[0].emptyDir.mode',
    ]);
    expect(findingsOf(p, 36)).toEqual(['error unknown-field spec.containers[0].volumeMounts[0].bindMountOptions', 'error unknown-field spec.volumes[0].emptyDir.mode']);
  });

  test('hostnameOverride (KEP-4762): unknown before 1.34, dropped at 1.34 (alpha), kept from 1.35 (beta)', () => {
    const p = pod({ containers: [container('a')], hostnameOverride: 'web.example.com' });
    expect(findingsOf(p, 33)).toEqual(['error unknown-field spec.hostnameOverride']);
    expect(findingsOf(p, 34)).toEqual(['warning field-needs-newer-kubernetes spec.hostnameOverride']);
    expect(findingsOf(p, 35)).toEqual([]);
    expect(checkManifest(p, { kubernetesMinor: 34 }).find((f) => f.path === 'spec.hostnameOverride')?.message)
      .toContain('its feature gate HostnameOverride is off by default there (on by default from 1.35, by its KEP\'s milestones, beta taken as on by default)');
  });

  test('appArmorProfile: unknown before 1.30 rather than only dropped (kube_features.go: on from 1.30)', () => {
    const p = pod({ containers: [container('a', { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })] });
    expect(findingsOf(p, 29)).toEqual(['error unknown-field spec.containers[0].securityContext.appArmorProfile']);
    expect(findingsOf(p, 30)).toEqual([]);
  });
});
