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
      .toContain('its feature gate HostnameOverride is off by default there (on by default from 1.35, by pkg/features/kube_features.go)');
  });

  /*
   * Gates whose beta stayed off by default, read in kubernetes/kubernetes pkg/features/kube_features.go at 1.35
   * (ClusterTrustBundleProjection: alpha 1.29, beta `Default: false` 1.33; PodCertificateRequest: alpha 1.34,
   * beta `Default: false` 1.35; the website's certificates page: "v1.33 [beta] (disabled by default)"). After
   * 1.35 they are taken as off until their KEPs' GA milestone (KEP-3257 and KEP-4317: stable 1.37), where a
   * gate is locked on.
   */
  test('a clusterTrustBundle projection is dropped from 1.29 to 1.36 and kept from 1.37 (ClusterTrustBundleProjection)', () => {
    const p = pod({ containers: [container('a')], volumes: [{ name: 'v', projected: { sources: [{ clusterTrustBundle: { signerName: 'example.com/ca', path: 'ca.pem' } }] } }] });
    const at = 'spec.volumes[0].projected.sources[0].clusterTrustBundle';
    expect(findingsOf(p, 28)).toEqual([`error unknown-field ${at}`]);
    for (const minor of [29, 33, 35, 36]) expect(findingsOf(p, minor)).toEqual([`warning field-needs-newer-kubernetes ${at}`]);
    expect(findingsOf(p, 37)).toEqual([]);
    expect(checkManifest(p, { kubernetesMinor: 35 }).find((f) => f.path === at)?.message).toContain('its feature gate ClusterTrustBundleProjection is '
      + 'off by default there (on by default from 1.37, by pkg/features/kube_features.go (off through 1.35) and its KEP\'s GA milestone)');
  });

  test('a podCertificate projection is unknown before 1.34, dropped at 1.34-1.36 under the gate that guards it (PodCertificateRequest)', () => {
    const p = pod({ containers: [container('a')], volumes: [{ name: 'v', projected: { sources: [
      { podCertificate: { signerName: 'example.com/s', keyType: 'ECDSAP256', credentialBundlePath: 'c.pem' } }] } }] });
    const at = 'spec.volumes[0].projected.sources[0].podCertificate';
    expect(findingsOf(p, 33)).toEqual([`error unknown-field ${at}`]);
    for (const minor of [34, 35, 36]) expect(findingsOf(p, minor)).toEqual([`warning field-needs-newer-kubernetes ${at}`]);
    expect(findingsOf(p, 37)).toEqual([]);
    // kubernetes/api's +featureGate marker says PodCertificateProjection, which kube_features.go does not define.
    const dropped = checkManifest(p, { kubernetesMinor: 35 }).find((f) => f.path === at);
    expect(dropped?.message).toContain('its feature gate PodCertificateRequest is off by default there');
    expect(dropped?.fix).toContain('enable PodCertificateRequest on the cluster');
  });

  // kube_features.go at 1.35: SELinuxChangePolicy alpha 1.32, beta on 1.33; VolumeAttributesClass beta off 1.31, GA 1.34.
  test('seLinuxChangePolicy is dropped at 1.32 (alpha) and kept from 1.33, not from its KEP\'s older milestones', () => {
    const p = pod({ containers: [container('a')], securityContext: { seLinuxChangePolicy: 'Recursive' } });
    expect(findingsOf(p, 32)).toEqual(['warning field-needs-newer-kubernetes spec.securityContext.seLinuxChangePolicy']);
    expect(findingsOf(p, 33)).toEqual([]);
  });

  test('a volumeAttributesClassName in an ephemeral volume\'s claim is dropped at 1.31-1.33 (beta off) and kept from 1.34', () => {
    const p = pod({ containers: [container('a')], volumes: [{ name: 'v', ephemeral: { volumeClaimTemplate: { spec: {
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeAttributesClassName: 'fast' } } } }] });
    const at = 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.volumeAttributesClassName';
    for (const minor of [31, 33]) expect(findingsOf(p, minor)).toEqual([`warning field-needs-newer-kubernetes ${at}`]);
    expect(findingsOf(p, 34)).toEqual([]);
  });

  // One cause, one finding: a pod that declares it needs 1.29 is told so, not also that its sidecar's field is dropped.
  test('a native sidecar in a pod declared for 1.29, at 1.28: the declaration\'s error alone', () => {
    const p = pod({ initContainers: [container('s', { restartPolicy: 'Always' })], containers: [container('a')] });
    p.metadata.annotations = { 'cdk8s-pod-patterns/min-kubernetes-version': '1.29' };
    expect(checkManifest(p, { kubernetesMinor: 28 }).map((f) => `${f.severity} ${f.rule}`)).toEqual(['error min-kubernetes-version']);
  });

  test('appArmorProfile: unknown before 1.30 rather than only dropped (kube_features.go: on from 1.30)', () => {
    const p = pod({ containers: [container('a', { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })] });
    expect(findingsOf(p, 29)).toEqual(['error unknown-field spec.containers[0].securityContext.appArmorProfile']);
    expect(findingsOf(p, 30)).toEqual([]);
  });
});
