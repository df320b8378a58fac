import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

describe('names', () => {
  test('accepts distinct valid names', () => {
    expect(errorsOf({ initContainers: [container('init')], containers: [container('app'), container('sidecar')], volumes: [] })).toEqual([]);
  });
  test('reports a missing container name', () => {
    expect(errorsOf({ containers: [{ image: 'x:1' }] })).toEqual(['container-name spec.containers[0].name']);
  });
  test('reports a name over 63 characters', () => {
    expect(errorsOf({ containers: [container('a'.repeat(64))] })).toEqual(['container-name spec.containers[0].name']);
  });
  test('reports an ephemeral container that reuses a name', () => {
    expect(errorsOf({ containers: [container('a')], ephemeralContainers: [container('a')] }, { ownerKind: 'PodTemplate' }))
      .toEqual(['ephemeral-containers spec.ephemeralContainers', 'container-name-unique spec.ephemeralContainers[0].name']);
  });
  test('reports volume names that are missing, invalid or duplicated', () => {
    const volumes = [{ emptyDir: {} }, { name: 'Bad', emptyDir: {} }, { name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }];
    const mounts = [{ name: 'Bad', mountPath: '/a' }, { name: 'v', mountPath: '/b' }];
    expect(errorsOf({ containers: [container('a', { volumeMounts: mounts })], volumes })).toEqual([
      'volume-name spec.volumes[0].name', 'volume-name spec.volumes[1].name', 'volume-name-unique spec.volumes[3].name',
    ]);
  });
  test('says "must be a string" of a name that is not one, and "Required value" of a missing one', () => {
    const messages = checkPodSpec({ containers: [{ name: 5, image: 'x:1' }], volumes: [{ name: 7, emptyDir: {} }, { emptyDir: {} }] }, { podSecurity: 'privileged' })
      .filter((f) => f.rule === 'container-name' || f.rule === 'volume-name').map((f) => `${f.path}: ${f.message}`);
    expect(messages).toEqual(['spec.containers[0].name: Invalid value: 5: must be a string', 'spec.volumes[0].name: Invalid value: 7: must be a string', 'spec.volumes[1].name: Required value']);
  });
});
