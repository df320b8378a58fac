import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

const mountAll = (...names: string[]) => [container('a', { volumeMounts: names.map((name, i) => ({ name, mountPath: `/m${i}` })) })];

describe('volumes and mounts', () => {
  test('reports a mount of an undeclared volume', () => {
    expect(errorsOf({ containers: [container('a', { volumeMounts: [{ name: 'ghost', mountPath: '/g' }] })] })).toEqual(['volume-mount-name spec.containers[0].volumeMounts[0].name']);
  });
  test('reports a volume with two sources', () => {
    expect(errorsOf({ containers: mountAll('v'), volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] })).toEqual(['volume-source spec.volumes[0].hostPath']);
  });
  test.each([
    [{ path: '' }, 'host-path spec.volumes[0].hostPath.path'],
    [{ path: '/a/../etc' }, 'host-path spec.volumes[0].hostPath.path'],
    [{ path: '/a', type: 'Dir' }, 'host-path spec.volumes[0].hostPath.type'],
  ])('reports the host path %j', (hostPath, expected) => {
    expect(errorsOf({ containers: mountAll('v'), volumes: [{ name: 'v', hostPath }] })).toEqual([expected]);
  });
  test('reports an emptyDir medium the kubelet does not know, and accepts Memory and HugePages', () => {
    expect(errorsOf({ containers: mountAll('v'), volumes: [{ name: 'v', emptyDir: { medium: 'memory' } }] })).toEqual(['empty-dir-medium spec.volumes[0].emptyDir.medium']);
    expect(errorsOf({ containers: mountAll('v', 'w'), volumes: [{ name: 'v', emptyDir: { medium: 'Memory' } }, { name: 'w', emptyDir: { medium: 'HugePages-2Mi' } }] })).toEqual([]);
  });
  // The kubelet sets up only the volumes a container uses (desired_state_of_world_populator, "Skipping unused
  // volume"): Kyverno's policy tests run such pods on a real cluster.
  test('an unmounted emptyDir with an unknown medium is only unused', () => {
    const spec = { containers: mountAll(), volumes: [{ name: 'v', emptyDir: { medium: 'memory' } }] };
    expect(errorsOf(spec)).toEqual([]);
    expect(warningsOf(spec)).toContain('volume-unused spec.volumes[0]');
  });
  test('reports a ConfigMap volume without a name and a file mode out of range', () => {
    expect(errorsOf({ containers: mountAll('v'), volumes: [{ name: 'v', configMap: { defaultMode: 1000 } }] })).toEqual([
      'volume-reference spec.volumes[0].configMap.name', 'volume-reference spec.volumes[0].configMap.defaultMode',
    ]);
  });
  test.each([['-1Mi'], ['lots'], ['500 Mi'], ['1mb'], [true], [{}]])('reports the emptyDir sizeLimit %p', (sizeLimit) => {
    expect(errorsOf({ containers: mountAll('v'), volumes: [{ name: 'v', emptyDir: { sizeLimit } }] })).toEqual(['empty-dir-size-limit spec.volumes[0].emptyDir.sizeLimit']);
  });
  test('accepts emptyDir size limits in every notation, zero included', () => {
    const volumes = ['500Mi', '1G', '0', 0, 1048576, '1.5Gi', '2e9'].map((sizeLimit, i) => ({ name: `v${i}`, emptyDir: { sizeLimit } }));
    expect(errorsOf({ containers: mountAll(...volumes.map((v) => v.name)), volumes })).toEqual([]);
  });
  test('reports Bidirectional propagation in an unprivileged container', () => {
    expect(errorsOf({ containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/v', mountPropagation: 'Bidirectional' }] })], volumes: [{ name: 'v', emptyDir: {} }] }))
      .toEqual(['mount-propagation spec.containers[0].volumeMounts[0].mountPropagation']);
  });
  test('warns about a volume nobody mounts', () => {
    expect(warningsOf({ securityContext: { runAsUser: 1000 }, containers: [container('a')], volumes: [{ name: 'idle', emptyDir: {} }] })).toEqual(['volume-unused spec.volumes[0]']);
  });
  test('warns when a log shipper can write to the log volume, and not when it mounts it read-only', () => {
    const spec = (readOnly: boolean) => ({
      securityContext: { runAsUser: 1000 },
      containers: [
        container('app', { volumeMounts: [{ name: 'logs', mountPath: '/var/log' }] }),
        container('shipper', { image: 'fluent/fluent-bit:3.2.10', volumeMounts: [{ name: 'logs', mountPath: '/var/log', readOnly }] }),
      ],
      volumes: [{ name: 'logs', emptyDir: {} }],
    });
    expect(warningsOf(spec(false))).toEqual(['log-volume-writable-by-shipper spec.containers[1].volumeMounts[0].readOnly']);
    expect(warningsOf(spec(true))).toEqual([]);
  });
  test('says "must be a string" of a mount path that is not one', () => {
    const findings = checkPodSpec({ containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: 5 }] })], volumes: [{ name: 'v', emptyDir: {} }] }, { podSecurity: 'privileged' });
    expect(findings.filter((f) => f.rule === 'mount-path').map((f) => `${f.path}: ${f.message}`)).toEqual(['spec.containers[0].volumeMounts[0].mountPath: Invalid value: 5: must be a string']);
  });
});
