import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

/** Affinity, each case after validation_test.go TestValidatePod / TestValidatePodCreate (named in the case). */
const withAffinity = (affinity: Record<string, unknown>) => ({ containers: [container('a')], affinity });
const required = (expressions: unknown[], fields: unknown[] = []) => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expressions, matchFields: fields }] } },
});
const NODE = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]';
const POD = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
const podTerm = (term: Record<string, unknown>) => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } });

test.each([
  ['serialized node affinity requirements', {
    ...required([{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }], [{ key: 'metadata.name', operator: 'In', values: ['host1'] }]),
  }],
  ['serialized node affinity requirements, II (empty matchExpressions)', required([])],
  ['serialized pod affinity', podTerm({
    labelSelector: { matchExpressions: [{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }] },
    namespaces: ['ns'], namespaceSelector: { matchLabels: { team: 'a' } }, topologyKey: 'zone',
  })],
  ['preferred pod anti-affinity with weight 10', { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{
    weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } }] } }],
  ['LabelSelector can have the same key as MismatchLabelKeys', podTerm({
    labelSelector: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value1'] }] }, mismatchLabelKeys: ['key'], topologyKey: 'k8s.io/zone' })],
])('accepts %s', (_name, affinity) => {
  expect(errorsOf(withAffinity(affinity))).toEqual([]);
});

test.each([
  ['invalid node selector requirement in node affinity, operator can\'t be null', required([{ key: 'key1' }]), [`affinity ${NODE}.matchExpressions[0].operator`]],
  ['invalid node selector requirement in node affinity, key is invalid', required([{ key: 'invalid key ___@#', operator: 'Exists' }]),
    [`affinity ${NODE}.matchExpressions[0].key`]],
  ['invalid node field selector requirement, more values for field selector', required([], [{ key: 'metadata.name', operator: 'In', values: ['host1', 'host2'] }]),
    [`affinity ${NODE}.matchFields[0].values`]],
  ['invalid node field selector requirement, invalid operator', required([], [{ key: 'metadata.name', operator: 'Exists' }]),
    [`affinity ${NODE}.matchFields[0].operator`]],
  ['invalid node field selector requirement, invalid key', required([], [{ key: 'metadata.namespace', operator: 'In', values: ['ns1'] }]),
    [`affinity ${NODE}.matchFields[0].key`]],
  ['invalid preferredSchedulingTerm in node affinity, weight should be in range 1-100', { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{
    weight: 199, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } }] } },
  ['affinity spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight']],
  ['invalid requiredDuringSchedulingIgnoredDuringExecution node selector, nodeSelectorTerms must have at least one term',
    { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
    ['affinity spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms']],
  ['invalid labelSelector in podaffinity, values should be empty if the operator is Exists', podTerm({
    labelSelector: { matchExpressions: [{ key: 'key2', operator: 'Exists', values: ['value1'] }] }, topologyKey: 'zone' }),
  [`affinity ${POD}.labelSelector.matchExpressions[0].values`]],
  ['invalid namespaceSelector in podaffinity, In operator must include Values', podTerm({
    labelSelector: { matchLabels: { a: 'b' } }, namespaceSelector: { matchExpressions: [{ key: 'key2', operator: 'In' }] }, topologyKey: 'zone' }),
  [`affinity ${POD}.namespaceSelector.matchExpressions[0].values`]],
  ['invalid name space in podaffinity', podTerm({ labelSelector: { matchLabels: { a: 'b' } }, namespaces: ['INVALID_NAMESPACE'], topologyKey: 'zone' }),
    [`affinity ${POD}.namespace`]],
  ['invalid hard pod affinity, empty topologyKey is not allowed', podTerm({ labelSelector: { matchLabels: { a: 'b' } } }), [`affinity ${POD}.topologyKey`]],
  ['invalid pod affinity, key in MatchLabelKeys isn\'t correctly defined', podTerm({ labelSelector: { matchLabels: { a: 'b' } }, matchLabelKeys: ['/simple'],
    topologyKey: 'zone' }), [`affinity ${POD}.matchLabelKeys[0]`]],
  ['invalid hard pod affinity, key exists in both MatchLabelKeys and MismatchLabelKeys', podTerm({
    labelSelector: { matchLabels: { a: 'b' } }, matchLabelKeys: ['samekey'], mismatchLabelKeys: ['samekey'], topologyKey: 'zone' }),
  [`affinity ${POD}.matchLabelKeys[0]`]],
])('refuses %s', (_name, affinity, expected) => {
  expect(errorsOf(withAffinity(affinity))).toEqual(expected);
});

test('invalid required node affinity, value of NodeSelectorRequirement should be a valid label value: from 1.33 (kubernetes#128212)', () => {
  const spec = withAffinity(required([{ key: 'foo', operator: 'In', values: ['-1'] }]));
  expect(errorsOf(spec, { kubernetesMinor: 33 })).toEqual([`affinity ${NODE}.matchExpressions[0].values[0]`]);
  expect(errorsOf(spec, { kubernetesMinor: 32 })).toEqual([]);
});

// TestValidatePod "key exists in both matchLabelKeys and labelSelector": on create the API server merges the
// pod's own value of each matchLabelKeys key into the selector, then refuses a key the selector already had.
describe('a matchLabelKeys key also in the labelSelector', () => {
  const term = podTerm({ labelSelector: { matchExpressions: [{ key: 'key', operator: 'NotIn', values: ['value2'] }] }, matchLabelKeys: ['key'], topologyKey: 'zone' });
  test('is refused when the pod has that label (the merge makes the key appear twice)', () => {
    expect(checkPodSpec(withAffinity(term), { podSecurity: 'privileged' }, 'spec', { labels: { key: 'value1' } })
      .filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}: ${f.message}`))
      .toEqual([`affinity ${POD}.matchLabelKeys[0]: Invalid value: "key": exists in both matchLabelKeys and labelSelector`]);
  });
  test('is accepted when the pod lacks the label: nothing is merged', () => {
    expect(errorsOf(withAffinity(term))).toEqual([]);
  });
});
