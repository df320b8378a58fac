import { checkPodSpec } from '../../../src/checks/engine';
import { imageReferenceProblem } from '../../../src/checks/image-reference';
import { container } from '../../_support/raw-pods';

/**
 * Image volumes (KEP 4639, kubernetes/enhancements keps/sig-node/4639-oci-volume-source): the gate ImageVolume
 * is on by default from 1.35 (the KEP's history: "beta (enabled by default) in v1.35"); before, the API
 * server drops the source and refuses the volume left without one. kubernetes/api core/v1 types.go at
 * v0.33.0: "Sub path mounts for containers are not supported ... before 1.33"; the KEP's validation:
 * "not allowed in image volume sources". Pull policies as validatePullPolicy accepts them.
 */
const findings = (spec: any, kubernetesMinor = 35) => checkPodSpec(spec, { podSecurity: 'privileged', kubernetesMinor })
  .filter((f) => f.rule === 'image-volume' && f.severity === 'error');
const pod = (image: any, mount: any = {}) => ({
  containers: [container('app', { volumeMounts: [{ name: 'data', mountPath: '/data', ...mount }] })],
  volumes: [{ name: 'data', image }],
});

test('an image volume is refused below 1.35, naming 1.35, and accepted from it', () => {
  const spec = pod({ reference: 'registry.example.com/data:1.0' });
  const [below] = findings(spec, 34);
  expect(below.path).toBe('spec.volumes[0].image');
  expect(below.message).toContain('an image volume works from Kubernetes 1.35');
  expect(below.message).toContain('"must specify a volume type"');
  expect(below.fix).toContain('raise the target to 1.35');
  expect(findings(spec, 30)[0].message).toContain('(it does not know the field)');
  expect(findings(spec, 35)).toEqual([]);
  expect(findings(spec, 37)).toEqual([]);
  // No second, softer finding for the same field.
  expect(checkPodSpec(spec, { kubernetesMinor: 34 }).filter((f) => f.rule === 'field-needs-newer-kubernetes')).toEqual([]);
});

test('subPath and subPathExpr on a mount of an image volume: refused before 1.33 (the gate on), accepted from it', () => {
  for (const field of ['subPath', 'subPathExpr']) {
    const spec = pod({ reference: 'registry.example.com/data:1.0' }, { [field]: 'sample.war' });
    const at32 = findings(spec, 32).filter((f) => f.path.endsWith(field));
    expect(at32).toHaveLength(1);
    expect(at32[0].path).toBe(`spec.containers[0].volumeMounts[0].${field}`);
    expect(at32[0].message).toContain('not allowed in image volume sources before Kubernetes 1.33');
    expect(findings(spec, 35)).toEqual([]);
  }
  // A subPath on another kind of volume is not this rule's.
  expect(findings({ containers: [container('app', { volumeMounts: [{ name: 'e', mountPath: '/e', subPath: 'x' }] })], volumes: [{ name: 'e', emptyDir: {} }] }, 32))
    .toEqual([]);
});

test('the pull policy: Always, IfNotPresent or Never', () => {
  for (const ok of ['Always', 'IfNotPresent', 'Never', undefined]) expect(findings(pod({ reference: 'a/b:1', pullPolicy: ok }))).toEqual([]);
  const [bad] = findings(pod({ reference: 'a/b:1', pullPolicy: 'IfNotPresnt' }));
  expect(bad).toMatchObject({ path: 'spec.volumes[0].image.pullPolicy' });
  expect(bad.message).toBe('Unsupported value: "IfNotPresnt": supported values: "Always", "IfNotPresent", "Never"');
});

test('a reference the kubelet cannot pull is refused, naming what is wrong', () => {
  const [bad] = findings(pod({ reference: 'Registry.Example.com/Team/App:1.0' }));
  expect(bad.path).toBe('spec.volumes[0].image.reference');
  expect(bad.message).toContain('"Team" with upper-case letters');
  expect(bad.message).toContain('InvalidImageName');
  expect(findings(pod({ reference: 'geektime/sample:v2' }))).toEqual([]);
});

describe('imageReferenceProblem: the grammar of distribution/reference', () => {
  test.each([
    'nginx', 'nginx:1.28.0-alpine', 'library/nginx', 'docker.io/library/nginx:latest', 'localhost/app', 'localhost:5000/app:1',
    'Registry.Example.com:5000/team/app', '[::1]:5000/app:1', 'a/b__c/d-e.f_g---h:TAG_1.0-x',
    `app@sha256:${'a'.repeat(64)}`, `registry.example.com/app:1.0@sha256:${'0'.repeat(64)}`,
  ])('%s is one', (reference) => {
    expect(imageReferenceProblem(reference)).toBeUndefined();
  });

  test.each([
    ['', 'must not be empty'],
    [' nginx', 'leading or trailing whitespace'],
    ['Nginx', 'upper-case'],
    ['team/App', 'upper-case'],
    ['a/b..c', 'invalid repository part'],
    ['a/b._c', 'invalid repository part'],
    ['a/b___c', 'invalid repository part'],
    ['a/-b', 'invalid repository part'],
    ['a//b', 'invalid repository part'],
    ['app:', 'invalid tag'],
    ['app:.1', 'invalid tag'],
    [`app:${'x'.repeat(129)}`, 'invalid tag'],
    ['app@sha256:abc', 'malformed digest'],
    ['reg_istry.example.com/app', 'invalid registry'],
    ['registry.example.com:port/app', 'invalid registry'],
    [`${'a'.repeat(256)}`, 'longer than 255'],
  ])('%j is not: %s', (reference, text) => {
    expect(imageReferenceProblem(reference)).toContain(text);
  });

  test('long hostile inputs are judged, by loops (a backtracking matcher would not finish on these within the test timeout)', () => {
    expect(imageReferenceProblem(`a/${'-'.repeat(100000)}!`)).toContain('longer than 255');
    expect(imageReferenceProblem(`a${'-'.repeat(200)}!`)).toContain('invalid repository part');
    expect(imageReferenceProblem(`${'a-'.repeat(100)}.com/x`)).toContain('invalid registry');
  });
});
