import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

/** The downward API in env, each case after validation_test.go TestValidateEnv, TestHugePagesEnv, TestLocalStorageEnvWithFeatureGate. */
const withEnv = (valueFrom: Record<string, unknown>) => ({ containers: [container('a', { env: [{ name: 'V', valueFrom }] })] });
const at = 'spec.containers[0].env[0].valueFrom';

test.each([
  "metadata.annotations['key']", "metadata.labels['key']", 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs',
])('accepts fieldRef %s', (fieldPath) => {
  expect(errorsOf(withEnv({ fieldRef: { apiVersion: 'v1', fieldPath } }))).toEqual([]);
});

test.each([
  ['missing FieldPath on ObjectFieldSelector', { apiVersion: 'v1' }, `env-value-from ${at}.fieldRef.fieldPath`],
  ['missing APIVersion on ObjectFieldSelector', { apiVersion: '', fieldPath: 'metadata.name' }, `env-value-from ${at}.fieldRef.apiVersion`],
  ['invalid fieldPath', { fieldPath: 'metadata.whoops' }, `env-value-from ${at}.fieldRef.fieldPath`],
  ['metadata.name with subscript', { fieldPath: "metadata.name['key']" }, `env-value-from ${at}.fieldRef.fieldPath`],
  ['metadata.labels without subscript', { fieldPath: 'metadata.labels' }, `env-value-from ${at}.fieldRef.fieldPath`],
  ['metadata.annotations without subscript', { fieldPath: 'metadata.annotations' }, `env-value-from ${at}.fieldRef.fieldPath`],
  ['metadata.annotations with invalid key', { fieldPath: "metadata.annotations['invalid~key']" }, `env-value-from ${at}.fieldRef`],
  ['metadata.labels with invalid key', { fieldPath: "metadata.labels['Www.k8s.io/test']" }, `env-value-from ${at}.fieldRef`],
  ['unsupported fieldPath', { fieldPath: 'status.phase' }, `env-value-from ${at}.fieldRef.fieldPath`],
  ['an unsupported apiVersion', { apiVersion: 'v2', fieldPath: 'metadata.name' }, `env-value-from ${at}.fieldRef.fieldPath`],
])('refuses fieldRef: %s', (_name, fieldRef, expected) => {
  expect(errorsOf(withEnv({ fieldRef }))).toEqual([expected]);
});

test('the error names the conversion, as the API server does', () => {
  const spec = withEnv({ fieldRef: { fieldPath: 'metadata.whoops' } });
  const [finding] = checkPodSpec(spec, { podSecurity: 'privileged' }).filter((f) => f.severity === 'error');
  expect(finding.message).toBe('Invalid value: "metadata.whoops": error converting fieldPath: field label not supported: metadata.whoops');
});

test.each([
  ['limits.ephemeral-storage', { resource: 'limits.ephemeral-storage', containerName: 'a' }],
  ['requests.ephemeral-storage', { resource: 'requests.ephemeral-storage', containerName: 'a' }],
  ['limits.hugepages-2Mi', { resource: 'limits.hugepages-2Mi' }],
  ['requests.hugepages-2Mi', { resource: 'requests.hugepages-2Mi' }],
  ['limits.cpu with divisor 1m', { resource: 'limits.cpu', divisor: '1m' }],
  ['limits.memory with divisor 1Mi', { resource: 'limits.memory', divisor: '1Mi' }],
])('accepts resourceFieldRef %s', (_name, resourceFieldRef) => {
  expect(errorsOf(withEnv({ resourceFieldRef }))).toEqual([]);
});

test.each([
  ['no resource', {}, `env-value-from ${at}.resourceFieldRef.resource`],
  ['an unknown resource', { resource: 'limits.gpu' }, `env-value-from ${at}.resourceFieldRef.resource`],
  ['a cpu divisor of 2', { resource: 'limits.cpu', divisor: '2' }, `env-value-from ${at}.resourceFieldRef.divisor`],
  ['a memory divisor of 3Mi', { resource: 'requests.memory', divisor: '3Mi' }, `env-value-from ${at}.resourceFieldRef.divisor`],
])('refuses resourceFieldRef: %s', (_name, resourceFieldRef, expected) => {
  expect(errorsOf(withEnv({ resourceFieldRef }))).toEqual([expected]);
});

test('fileKeyRef is a source from 1.35 (EnvFiles beta, on by default), not before', () => {
  const spec = { ...withEnv({ fileKeyRef: { volumeName: 'env', path: 'vars.env', key: 'V' } }), volumes: [{ name: 'env', emptyDir: {} }] };
  expect(errorsOf(spec, { kubernetesMinor: 35 })).toEqual([]);
  expect(errorsOf(spec, { kubernetesMinor: 34 })).toEqual([`env-value-from ${at}`]);
});
