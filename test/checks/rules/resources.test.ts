import { checkPodSpec } from '../../../src/checks/engine';
import { containerResourceNameProblem } from '../../../src/checks/rules/resources';
import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

const withResources = (resources: unknown) => ({ containers: [container('a', { resources })] });

describe('resources', () => {
  test.each([
    ['a GPU request without a limit', { requests: { 'nvidia.com/gpu': 1 } }, 'resource-non-overcommitable spec.containers[0].resources.limits'],
    ['a GPU request below its limit', { requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 2 } }, 'resource-non-overcommitable spec.containers[0].resources.requests'],
    ['a hugepages request above its limit', { requests: { 'hugepages-2Mi': '4Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '2Mi', 'memory': '1Gi' } }, 'resource-non-overcommitable spec.containers[0].resources.requests'],
    ['a fractional GPU', { limits: { 'nvidia.com/gpu': '500m' } }, 'resource-quantity spec.containers[0].resources.limits[nvidia.com/gpu]'],
    ['hugepages without cpu or memory', { limits: { 'hugepages-2Mi': '100Mi' } }, 'resource-hugepages spec.containers[0].resources'],
    ['hugepages that are not whole pages', { limits: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' } }, 'resource-hugepages spec.containers[0].resources.limits[hugepages-2Mi]'],
    ['an unprefixed resource that is not standard', { limits: { gpu: 1 } }, 'resource-name spec.containers[0].resources.limits[gpu]'],
    ['a quota resource on a container', { requests: { pods: 1 } }, 'resource-name spec.containers[0].resources.requests[pods]'],
    ['an extended resource with a "requests." prefix', { limits: { 'requests.example.com/foo': 1 } }, 'resource-name spec.containers[0].resources.limits[requests.example.com/foo]'],
    ['a resource name with two slashes', { limits: { 'a/b/c': 1 } }, 'resource-name spec.containers[0].resources.limits[a/b/c]'],
  ])('reports %s', (_name, resources, expected) => {
    expect(errorsOf(withResources(resources))).toEqual([expected]);
  });

  test.each([
    ['a GPU request equal to its limit, written differently', { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': 1 } }],
    ['a GPU limit without a request (the request defaults to it)', { limits: { 'nvidia.com/gpu': 2 } }],
    ['a GPU count of 0', { requests: { 'nvidia.com/gpu': 0 }, limits: { 'nvidia.com/gpu': 0 } }],
    ['hugepages equal to their limit, with memory', { requests: { 'hugepages-2Mi': '100Mi', 'memory': '128Mi' }, limits: { 'hugepages-2Mi': '100Mi', 'memory': '128Mi' } }],
    ['1Gi pages beside cpu only', { limits: { 'hugepages-1Gi': '2Gi', 'cpu': '1' } }],
    ['a resource in a kubernetes.io domain (native: it may be overcommitted)', { requests: { 'example.kubernetes.io/thing': '500m' } }],
    ['ephemeral-storage alone', { requests: { 'ephemeral-storage': '1Gi' } }],
  ])('accepts %s', (_name, resources) => {
    expect(errorsOf(withResources(resources))).toEqual([]);
  });

  test('says what the API server says', () => {
    const messages = checkPodSpec(withResources({ requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 2 } }), { podSecurity: 'privileged' }).filter((f) => f.severity === 'error').map((f) => f.message);
    expect(messages).toEqual(['Invalid value: 1: must be equal to nvidia.com/gpu limit of 2']);
    const required = checkPodSpec(withResources({ requests: { 'example.com/foo': 1 } }), { podSecurity: 'privileged' }).filter((f) => f.severity === 'error').map((f) => f.message);
    expect(required).toEqual(['Required value: Limit must be set for non overcommitable resources']);
  });

  test.each([
    ['cpu', undefined], ['hugepages-1Gi', undefined], ['nvidia.com/gpu', undefined], ['kubernetes.io/anything', undefined],
    ['gpu', 'must be a standard resource for containers'], ['storage', 'must be a standard resource for containers'],
    ['requests.example.com/x', "doesn't follow extended resource name standard"],
  ])('resource name %p', (name, problem) => {
    expect(containerResourceNameProblem(name)).toBe(problem);
  });

  test.each([null, 'x', 3, [], { requests: null, limits: 'lots' }, { requests: { 'nvidia.com/gpu': null } }])('does not throw on resources %j', (resources) => {
    expect(() => checkPodSpec(withResources(resources))).not.toThrow();
  });
});

// plugin/pkg/admission/runtimeclass (on by default) validateOverhead: "Pod Overhead set without corresponding
// RuntimeClass defined Overhead"; with a runtimeClassName the overhead must be the class's, which no manifest shows.
test('a pod overhead without a runtimeClassName is refused by the RuntimeClass admission plugin', () => {
  expect(errorsOf({ overhead: { cpu: '250m' }, containers: [container('a')] })).toEqual(['pod-overhead spec.overhead']);
  expect(errorsOf({ overhead: { cpu: '250m' }, runtimeClassName: 'kata', containers: [container('a')] })).toEqual([]);
  expect(errorsOf({ overhead: {}, containers: [container('a')] })).toEqual([]);
});

// validatePodResourceConsistency (PodLevelResources, on by default from 1.34): TestValidatePodResourceConsistency.
test('pod-level resources cover the app containers, from 1.34', () => {
  const spec = { resources: { requests: { cpu: '1' }, limits: { memory: '1Gi' } },
    containers: [container('a', { resources: { requests: { cpu: '600m' } } }), container('b', { resources: { limits: { cpu: '500m', memory: '2Gi' } } })] };
  // memory: b's request defaults to its 2Gi limit, and so the pod's request to at least 2Gi, over its 1Gi limit.
  expect(errorsOf(spec, { kubernetesMinor: 34 })).toEqual(['pod-resources-consistency spec.resources.requests[cpu]',
    'pod-resources-consistency spec.resources.limits[memory]', 'pod-resources-consistency spec.containers[1].resources.limits[memory]']);
  expect(checkPodSpec(spec, { kubernetesMinor: 34 }).find((f) => f.path === 'spec.resources.requests[cpu]')?.message)
    .toBe('Invalid value: "1": must be greater than or equal to aggregate container requests of 1100m');
  expect(errorsOf(spec, { kubernetesMinor: 33 })).toEqual([]);
});
