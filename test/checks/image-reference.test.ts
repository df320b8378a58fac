import { checkPodSpec } from '../../src/checks/engine';
import { imageTagProblem, parseImageReference } from '../../src/checks/image-reference';
import { container } from '../_support/raw-pods';

const sha = 'sha256:' + 'a'.repeat(64);

describe('parseImageReference', () => {
  test.each([
    ['nginx', { name: 'nginx' }],
    ['nginx:1.25.3', { name: 'nginx', tag: '1.25.3' }],
    ['registry.example.com:5000/team/app', { name: 'registry.example.com:5000/team/app' }],
    ['registry.example.com:5000/team/app:2.0', { name: 'registry.example.com:5000/team/app', tag: '2.0' }],
    [`nginx@${sha}`, { name: 'nginx', digest: sha }],
    [`nginx:latest@${sha}`, { name: 'nginx', tag: 'latest', digest: sha }],
  ])('%s', (image, expected) => {
    expect(parseImageReference(image)).toEqual({ digest: undefined, ...expected });
  });
});

describe('image-tag, one rule for every container', () => {
  test.each(['nginx', 'nginx:latest', 'registry.example.com:5000/app', 'registry.example.com:5000/app:latest'])('%s is not pinned', (image) => {
    expect(imageTagProblem(image)).toMatch(/no tag|moving tag "latest"/);
  });
  test.each(['nginx:1.25.3', `nginx@${sha}`, `nginx:latest@${sha}`, 'registry.example.com:5000/app:2.0'])('%s is pinned', (image) => {
    expect(imageTagProblem(image)).toBeUndefined();
  });

  const spec = { initContainers: [container('step', { image: 'busybox' })], containers: [container('app', { image: 'alpine:latest' })] };
  const tagFindings = (podSecurity: 'baseline' | 'restricted') => checkPodSpec(spec, { podSecurity })
    .filter((f) => f.rule === 'image-tag').map((f) => `${f.severity} ${f.path}`);

  test('is a warning for a pod checked at baseline, init and app containers alike', () => {
    expect(tagFindings('baseline')).toEqual(['warning spec.initContainers[0].image', 'warning spec.containers[0].image']);
  });
  test('is an error for a pod that must meet restricted', () => {
    expect(tagFindings('restricted')).toEqual(['error spec.initContainers[0].image', 'error spec.containers[0].image']);
  });
  test('names the container, the image and the fix', () => {
    const [finding] = checkPodSpec(spec, { podSecurity: 'restricted' }).filter((f) => f.rule === 'image-tag');
    expect(finding.message).toBe('container "step": "busybox" has no tag, so each pull may bring another version');
    expect(finding.fix).toBe('pin a version tag (e.g. "busybox:1.2.3") or a digest ("busybox@sha256:...")');
  });
});
