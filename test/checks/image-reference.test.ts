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
  const tagFindings = (options: object) => checkPodSpec(spec, options)
    .filter((f) => f.rule === 'image-tag').map((f) => `${f.severity} ${f.path}`);

  // No Kubernetes component refuses an unpinned image: it is a policy, an error only where it is chosen.
  test('is a warning at every Pod Security level, init and app containers alike', () => {
    for (const podSecurity of [undefined, 'baseline', 'restricted'] as const) {
      expect(tagFindings({ podSecurity })).toEqual(['warning spec.initContainers[0].image', 'warning spec.containers[0].image']);
    }
  });
  test('is an error where pinned images are required, and says who required them', () => {
    expect(tagFindings({ requirePinnedImages: true })).toEqual(['error spec.initContainers[0].image', 'error spec.containers[0].image']);
    const [finding] = checkPodSpec(spec, { requirePinnedImages: true, pinnedImagesSource: '--require-pinned-images' }).filter((f) => f.rule === 'image-tag');
    expect(finding.message).toBe('container "step": "busybox" has no tag, so each pull may bring another version (pinned images are required by --require-pinned-images)');
  });
  test('names the container, the image and the fix', () => {
    const [finding] = checkPodSpec(spec, {}).filter((f) => f.rule === 'image-tag');
    expect(finding.message).toBe('container "step": "busybox" has no tag, so each pull may bring another version');
    expect(finding.fix).toBe('pin a version tag (e.g. "busybox:1.2.3") or a digest ("busybox@sha256:...")');
  });
});
