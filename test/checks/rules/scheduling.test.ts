import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

/**
 * Tolerations, topology spread, host aliases, readiness and scheduling gates, and the scheduling names, each
 * case after one of kubernetes/kubernetes pkg/apis/core/validation/validation_test.go (named in the case),
 * as whole pod specs.
 */
const spec = (extra: Record<string, unknown>) => ({ containers: [container('a')], ...extra });

describe('tolerations (TestValidatePod)', () => {
  test.each([
    ['populate forgiveness tolerations with exists operator', { key: 'foo', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
    ['populate forgiveness tolerations with equal operator', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoExecute', tolerationSeconds: 60 }],
    ['empty key with Exists operator is OK', { operator: 'Exists', effect: 'NoSchedule' }],
    ['empty operator is OK for toleration, defaults to Equal', { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    ['empty effect is OK', { key: 'foo', operator: 'Equal', value: 'bar' }],
    ['negative tolerationSeconds is OK', { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -2 }],
  ])('accepts: %s', (_name, toleration) => {
    expect(errorsOf(spec({ tolerations: [toleration] }))).toEqual([]);
  });
  test.each([
    ['invalid toleration key', { key: 'nospecialchars^=@', operator: 'Equal', value: 'bar' }, 'tolerations spec.tolerations[0].key'],
    ['invalid toleration operator', { key: 'foo', operator: 'In', value: 'bar' }, 'tolerations spec.tolerations[0].operator'],
    ['value must be empty when operator is Exists', { key: 'foo', operator: 'Exists', value: 'bar' }, 'tolerations spec.tolerations[0].operator'],
    ['operator must be Exists when key is empty', { operator: 'Equal', value: 'bar' }, 'tolerations spec.tolerations[0].operator'],
    ['effect must be NoExecute when tolerationSeconds is set', { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 20 },
      'tolerations spec.tolerations[0].effect'],
    ['an unknown effect', { key: 'foo', operator: 'Exists', effect: 'NoRun' }, 'tolerations spec.tolerations[0].effect'],
    ['Lt, an alpha operator off by default', { key: 'foo', operator: 'Lt', value: '5' }, 'tolerations spec.tolerations[0].operator'],
  ])('refuses: %s', (_name, toleration, expected) => {
    expect(errorsOf(spec({ tolerations: [toleration] }))).toEqual([expected]);
  });
});

describe('topologySpreadConstraints (TestValidateTopologySpreadConstraints)', () => {
  const ok = { maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule' };
  test.each([
    ['all required fields ok', { ...ok, minDomains: 3 }],
    ['can use MinDomains with ScheduleAnyway, when MinDomains = nil', { ...ok, whenUnsatisfiable: 'ScheduleAnyway' }],
    ['supported policy name set on NodeAffinityPolicy and NodeTaintsPolicy', { ...ok, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' }],
    ['matchLabelKeys with a labelSelector', { ...ok, labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] }],
  ])('accepts: %s', (_name, constraint) => {
    expect(errorsOf(spec({ topologySpreadConstraints: [constraint] }))).toEqual([]);
  });
  const at = 'spec.topologySpreadConstraints[0]';
  test.each([
    ['missing MaxSkew', { ...ok, maxSkew: undefined }, [`topology-spread ${at}.maxSkew`]],
    ['negative MaxSkew', { ...ok, maxSkew: -1 }, [`topology-spread ${at}.maxSkew`]],
    ['negative minDomains is invalid', { ...ok, minDomains: -1 }, [`topology-spread ${at}.minDomains`]],
    ['cannot use non-nil MinDomains with ScheduleAnyway', { ...ok, whenUnsatisfiable: 'ScheduleAnyway', minDomains: 10 }, [`topology-spread ${at}.minDomains`]],
    ['use negative MinDomains with ScheduleAnyway(invalid)', { ...ok, whenUnsatisfiable: 'ScheduleAnyway', minDomains: -1 },
      [`topology-spread ${at}.minDomains`, `topology-spread ${at}.minDomains`]],
    ['missing TopologyKey', { ...ok, topologyKey: '' }, [`topology-spread ${at}.topologyKey`]],
    ['missing scheduling mode', { ...ok, whenUnsatisfiable: '' }, [`topology-spread ${at}.whenUnsatisfiable`]],
    ['unsupported scheduling mode', { ...ok, whenUnsatisfiable: 'N/A' }, [`topology-spread ${at}.whenUnsatisfiable`]],
    ['unsupported policy name set on NodeAffinityPolicy', { ...ok, nodeAffinityPolicy: 'Unknown' }, [`topology-spread ${at}.nodeAffinityPolicy`]],
    ['key in MatchLabelKeys isn\'t correctly defined', { ...ok, labelSelector: {}, matchLabelKeys: ['/simple'] }, [`topology-spread ${at}.matchLabelKeys[0]`]],
    ['key in MatchLabelKeys is forbidden to be specified when labelSelector is not set', { ...ok, matchLabelKeys: ['foo'] }, [`topology-spread ${at}.matchLabelKeys`]],
  ])('refuses: %s', (_name, constraint, expected) => {
    expect(errorsOf(spec({ topologySpreadConstraints: [constraint] }))).toEqual(expected);
  });
  test('duplicate constraints', () => {
    expect(errorsOf(spec({ topologySpreadConstraints: [ok, ok] })))
      .toEqual(['topology-spread spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}']);
  });
});

describe('host aliases, gates and names (TestValidatePodSpec, TestValidatePodReadinessGates, TestValidatePodCreateWithSchedulingGates)', () => {
  test.each([
    ['populate HostAliases', { hostAliases: [{ ip: '12.34.56.78', hostnames: ['host1', 'host2'] }] }],
    ['populate HostAliases with `foo.bar` hostnames', { hostAliases: [{ ip: '12.34.56.78', hostnames: ['host1.foo', 'host2.bar'] }] }],
    ['two readiness gates', { readinessGates: [{ conditionType: 'example.com/condition1' }, { conditionType: 'example.com/condition2' }] }],
    ['create a Pod with schedulingGates', { schedulingGates: [{ name: 'foo' }] }],
    ['populate all fields (nodeName)', { nodeName: 'foobar' }],
    ['populate PriorityClassName', { priorityClassName: 'valid-name' }],
    ['populate RuntimeClassName', { runtimeClassName: 'valid-sandbox' }],
  ])('accepts: %s', (_name, extra) => {
    expect(errorsOf(spec(extra))).toEqual([]);
  });
  test.each([
    ['with hostAliases with invalid IP', { hostAliases: [{ ip: '999.999.999.999', hostnames: ['host1'] }] }, 'host-aliases spec.hostAliases[0].ip'],
    ['with hostAliases with invalid hostname', { hostAliases: [{ ip: '12.34.56.78', hostnames: ['@#$^#@#$'] }] }, 'host-aliases spec.hostAliases[0].hostnames[0]'],
    ['invalid condition type', { readinessGates: [{ conditionType: 'invalid/condition/type' }] }, 'readiness-gates spec.readinessGates[0].conditionType'],
    ['create a Pod with nodeName and schedulingGates', { nodeName: 'node', schedulingGates: [{ name: 'foo' }] }, 'scheduling-gates spec.nodeName'],
    ['a scheduling gate twice', { schedulingGates: [{ name: 'foo' }, { name: 'foo' }] }, 'scheduling-gates spec.schedulingGates[1]'],
    ['bad nodeName', { nodeName: 'node name' }, 'pod-dns-names spec.nodeName'],
    ['bad PriorityClassName', { priorityClassName: 'InvalidName' }, 'pod-dns-names spec.priorityClassName'],
    ['bad RuntimeClassName', { runtimeClassName: 'invalid/sandbox' }, 'pod-dns-names spec.runtimeClassName'],
    ['an empty RuntimeClassName, which is validated when set', { runtimeClassName: '' }, 'pod-dns-names spec.runtimeClassName'],
  ])('refuses: %s', (_name, extra, expected) => {
    expect(errorsOf(spec(extra))).toEqual([expected]);
  });
});

test('TestValidateTopologySpreadConstraints "key exists in both matchLabelKeys and labelSelector": refused, whatever the pod\'s labels', () => {
  const spec = { containers: [{ name: 'a', image: 'registry.example.com/a:1.0' }], topologySpreadConstraints: [{
    maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['foo'],
    labelSelector: { matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['value1', 'value2'] }] } }] };
  expect(errorsOf(spec)).toEqual(['topology-spread spec.topologySpreadConstraints[0].matchLabelKeys[0]']);
});
