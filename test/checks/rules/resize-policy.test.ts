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

  /*
   * validateInitContainers refuses a resize policy on an init container only while the gate is off
   * (`!opts.AllowSidecarResizePolicy`); from 1.33 it takes one on any init container (validation_test.go
   * TestValidateInitContainers, success case "container-4-allowed-resize-policy"). kubernetes/kubernetes#137458
   * (merged 2026-03-17) then refuses RestartContainer on one that is not a sidecar: an error from 1.37.
   */
  test('on an init container: refused before 1.33 where the gate is on, taken from 1.33, RestartContainer refused from 1.37', () => {
    const plain = (restartPolicy: string) => ({ initContainers: [container('i', { resizePolicy: [{ resourceName: 'cpu', restartPolicy }] })],
      containers: [container('a')] });
    expect(warningsOf(plain('NotRequired'), { kubernetesMinor: 32 })).toContain('resize-policy spec.initContainers[0].resizePolicy');
    expect(errorsOf(plain('NotRequired'), { kubernetesMinor: 33 })).toEqual([]);
    expect(errorsOf(plain('NotRequired'), { kubernetesMinor: 37 })).toEqual([]);
    expect(errorsOf(plain('RestartContainer'), { kubernetesMinor: 35 })).toEqual([]);
    expect(warningsOf(plain('RestartContainer'), { kubernetesMinor: 35 })).toContain('resize-policy spec.initContainers[0].resizePolicy[0].restartPolicy');
    expect(errorsOf(plain('RestartContainer'), { kubernetesMinor: 37 })).toEqual(['resize-policy spec.initContainers[0].resizePolicy[0].restartPolicy']);
    expect(errorsOf({ initContainers: [container('i', { resizePolicy: [{ resourceName: 'gpu', restartPolicy: 'NotRequired' }] })],
      containers: [container('a')] }, { kubernetesMinor: 35 })).toEqual(['resize-policy spec.initContainers[0].resizePolicy[0].resourceName']);
  });

  test('on a native sidecar from 1.33', () => {
    expect(errorsOf({ initContainers: [container('s', { restartPolicy: 'Always', resizePolicy: [cpu] })], containers: [container('a')] }, { kubernetesMinor: 33 }))
      .toEqual([]);
    expect(errorsOf({ initContainers: [container('s', { restartPolicy: 'Always', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }] })],
      containers: [container('a')] }, { kubernetesMinor: 37 })).toEqual([]);
  });

  test('accepts both resources with both policies', () => {
    expect(errorsOf({ containers: [container('a', { resizePolicy: [cpu, { resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] }, { kubernetesMinor: 33 })).toEqual([]);
  });

  test.each([null, 'cpu', [null, 3, 'x'], [{ resourceName: {}, restartPolicy: [] }]])('does not throw on %j', (resizePolicy) => {
    expect(() => checkPodSpec({ containers: [container('a', { resizePolicy })] }, { kubernetesMinor: 33 })).not.toThrow();
  });
});
