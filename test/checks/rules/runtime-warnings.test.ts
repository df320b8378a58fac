import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';

const warningsOf = (spec: Record<string, unknown>, rule: string) => checkPodSpec(spec).filter((f) => f.rule === rule)
  .map((f) => `${f.severity} ${f.path}: ${f.message}`);

/**
 * What the API server takes with a warning and that then does not do what it says, each as
 * pkg/api/pod/warnings.go warns of it (its warnings_test.go "duplicate env", "null LabelSelector in
 * topologySpreadConstraints", "null LabelSelector in PodAffinity"). Cases in the shapes of theirs.
 */
describe('env-duplicate', () => {
  test('a later definition hides the earlier one unless it builds on it ("$(X)" and more)', () => {
    const spec = { containers: [container('a', { env: [
      { name: 'A', value: 'a' }, { name: 'A', value: 'other' }, { name: 'A', value: '' }, { name: 'A', value: '$(A)' },
      { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'A', value: '$(A) $(A)' }, { name: 'A', value: '$(A):/extra' },
    ] })] };
    expect(warningsOf(spec, 'env-duplicate')).toEqual([1, 2, 3, 4].map((i) =>
      `warning spec.containers[0].env[${i}]: hides previous definition of "A", which may be dropped when using apply`));
  });

  test('the same name in two containers is two variables', () => {
    const spec = { containers: [container('a', { env: [{ name: 'A', value: '1' }] }), container('b', { env: [{ name: 'A', value: '2' }] })] };
    expect(warningsOf(spec, 'env-duplicate')).toEqual([]);
  });
});

describe('null-label-selector', () => {
  test('a topology spread constraint without labelSelector counts no pod (an empty one selects all)', () => {
    const spec = { containers: [container('a')], topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: {} },
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
    ] };
    expect(warningsOf(spec, 'null-label-selector')).toEqual([
      'warning spec.topologySpreadConstraints[1].labelSelector: a null labelSelector results in matching no pod: the constraint counts no pod, so it spreads nothing',
    ]);
  });

  test('a pod (anti-)affinity term without labelSelector selects no pod', () => {
    const spec = { containers: [container('a')], affinity: { podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }],
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: {} } }],
    } } };
    expect(warningsOf(spec, 'null-label-selector').map((w) => w.split(':')[0]))
      .toEqual(['warning spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector']);
  });
});
