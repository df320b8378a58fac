import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';

/**
 * Gated fields, warned about on targets where the API server drops them. The versions are the first in
 * which each gate of kubernetes/kubernetes pkg/features/kube_features.go (a 1.35 copy) is on by default:
 * AppArmorFields beta on 1.30, RecursiveReadOnlyMounts beta on 1.31, PodLevelResources beta on 1.34,
 * ContainerStopSignals alpha from 1.33 (off). ImageVolume (on by default from 1.35) is an error before,
 * not a warning: test/checks/rules/image-volumes.test.ts.
 */
const gated = (spec: any, kubernetesMinor: number) => checkPodSpec(spec, { podSecurity: 'privileged', kubernetesMinor })
  .filter((f) => f.rule === 'field-needs-newer-kubernetes').map((f) => f.path);

test.each([
  ['appArmorProfile on a container', { containers: [container('a', { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })] },
    30, 'spec.containers[0].securityContext.appArmorProfile'],
  ['appArmorProfile on the pod', { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [container('a')] },
    30, 'spec.securityContext.appArmorProfile'],
  ['recursiveReadOnly', { containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'Enabled' }] })],
    volumes: [{ name: 'v', emptyDir: {} }] }, 31, 'spec.containers[0].volumeMounts[0].recursiveReadOnly'],
  ['pod-level resources', { resources: { limits: { cpu: '1' } }, containers: [container('a')] }, 34, 'spec.resources'],
])('%s is a warning below 1.%i and nothing from it', (_name, spec, since, path) => {
  expect(gated(spec, since - 1)).toEqual([path]);
  expect(gated(spec, since)).toEqual([]);
  expect(gated(spec, 37)).toEqual([]);
});

test('a stop signal (alpha, off by default) is a warning at every target', () => {
  const spec = { containers: [container('a', { lifecycle: { stopSignal: 'SIGUSR1' } })] };
  for (const minor of [27, 33, 35, 37]) expect(gated(spec, minor)).toEqual(['spec.containers[0].lifecycle.stopSignal']);
});

test('the message names the version from which the field works, and the target', () => {
  const [finding] = checkPodSpec({ resources: { limits: { cpu: '1' } }, containers: [container('a')] }, { podSecurity: 'privileged', kubernetesMinor: 32 })
    .filter((f) => f.rule === 'field-needs-newer-kubernetes');
  expect(finding.message).toBe('pod-level resources works from Kubernetes 1.34 (feature gate PodLevelResources on by default); '
    + 'on the 1.32 target the API server drops it or refuses it as an unknown field, so it does nothing');
});
