import { checkPodSpec } from '../../src/checks/engine';
import { PodContext } from '../../src/checks/pod-context';

describe('PodContext', () => {
  test('lists init, app and ephemeral containers with their paths, and which ones run beside the app', () => {
    const ctx = new PodContext({
      initContainers: [{ name: 'init' }, { name: 'sidecar', restartPolicy: 'Always' }],
      containers: [{ name: 'app' }],
      ephemeralContainers: [{ name: 'debug' }],
    }, 'spec.template.spec', {});
    expect(ctx.containers.map((c) => `${c.path} ${c.name}`)).toEqual([
      'spec.template.spec.initContainers[0] init', 'spec.template.spec.initContainers[1] sidecar', 'spec.template.spec.containers[0] app', 'spec.template.spec.ephemeralContainers[0] debug',
    ]);
    expect(ctx.concurrent.map((c) => c.name)).toEqual(['sidecar', 'app']);
  });
  test('refuses an unknown Pod Security level instead of silently checking nothing', () => {
    expect(() => checkPodSpec({ containers: [] }, { podSecurity: 'Baseline' as any })).toThrow('podSecurity: Unsupported value "Baseline"');
  });
  test('places metadata beside the spec, whatever the kind', () => {
    expect(new PodContext({}, 'spec', {}).metadataAt('labels')).toBe('metadata.labels');
    expect(new PodContext({}, 'spec.template.spec', {}).metadataAt('labels')).toBe('spec.template.metadata.labels');
    expect(new PodContext({}, 'spec.jobTemplate.spec.template.spec', {}).metadataAt('annotations[a]')).toBe('spec.jobTemplate.spec.template.metadata.annotations[a]');
  });
});
