import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

const cpu = { resourceName: 'cpu', restartPolicy: 'NotRequired' };

describe('resizePolicy', () => {
  test.each([
    [[{ resourceName: 'ephemeral-storage', restartPolicy: 'NotRequired' }], 'resize-policy spec.containers[0].resizePolicy[0].resourceName'],
    [[{ resourceName: 'memory', restartPolicy: 'Restart' }], 'resize-policy spec.containers[0].resizePolicy[0].restartPolicy'],
    [[{ resourceName: 'memory' }], 'resize-policy spec.containers[0].resizePolicy[0].restartPolicy'],
    [[cpu, cpu], 'resize-policy spec.containers[0].resizePolicy[1]'],
  ])('from 1.33 (resize on by default) rejects %j', (resizePolicy, expected) => {
    expect(errorsOf({ containers: [container('a', { resizePolicy })] }, { kubernetesMinor: 33 })).toEqual([expected]);
  });

  test('before 1.33 the API server drops the field unless the gate is on: a warning', () => {
    const spec = { containers: [container('a', { resizePolicy: [{ resourceName: 'gpu', restartPolicy: 'NotRequired' }] })] };
    expect(errorsOf(spec, { kubernetesMinor: 27 })).toEqual([]);
    expect(warningsOf(spec, { kubernetesMinor: 27 }).filter((w) => w.startsWith('resize-policy'))).toEqual(['resize-policy spec.containers[0].resizePolicy[0].resourceName']);
  });

  test('not on an init container, but on a native sidecar', () => {
    expect(errorsOf({ initContainers: [container('i', { resizePolicy: [cpu] })], containers: [container('a')] }, { kubernetesMinor: 33 }))
      .toEqual(['resize-policy spec.initContainers[0].resizePolicy']);
    expect(errorsOf({ initContainers: [container('s', { restartPolicy: 'Always', resizePolicy: [cpu] })], containers: [container('a')] }, { kubernetesMinor: 33 }))
      .toEqual([]);
  });

  test('accepts both resources with both policies', () => {
    expect(errorsOf({ containers: [container('a', { resizePolicy: [cpu, { resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] }, { kubernetesMinor: 33 })).toEqual([]);
  });

  test.each([null, 'cpu', [null, 3, 'x'], [{ resourceName: {}, restartPolicy: [] }]])('does not throw on %j', (resizePolicy) => {
    expect(() => checkPodSpec({ containers: [container('a', { resizePolicy })] }, { kubernetesMinor: 33 })).not.toThrow();
  });
});
