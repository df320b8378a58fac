import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

const withVolume = (volume: Record<string, unknown>) => ({ containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/v' }] })], volumes: [{ name: 'v', ...volume }] });

describe('configMap, secret, downwardAPI and projected files', () => {
  test.each([
    [{ configMap: { name: 'c', items: [{ path: 'a' }] } }, 'volume-items spec.volumes[0].configMap.items[0].key'],
    [{ configMap: { name: 'c', items: [{ key: 'a' }] } }, 'volume-items spec.volumes[0].configMap.items[0].path'],
    [{ configMap: { name: 'c', items: [{ key: 'a', path: '/etc/a' }] } }, 'volume-items spec.volumes[0].configMap.items[0].path'],
    [{ secret: { secretName: 's', items: [{ key: 'a', path: 'x/../../a' }] } }, 'volume-items spec.volumes[0].secret.items[0].path'],
    [{ secret: { secretName: 's', items: [{ key: 'a', path: '..data' }] } }, 'volume-items spec.volumes[0].secret.items[0].path'],
    [{ secret: { secretName: 's', items: [{ key: 'a', path: 'a', mode: 512 }] } }, 'volume-items spec.volumes[0].secret.items[0].mode'],
    [{ secret: { secretName: 's', items: [{ key: 'a', path: 'a', mode: -1 }] } }, 'volume-items spec.volumes[0].secret.items[0].mode'],
    [{ secret: { secretName: 's', defaultMode: '0644' } }, 'volume-reference spec.volumes[0].secret.defaultMode'],
    [{ configMap: { defaultMode: 420 } }, 'volume-reference spec.volumes[0].configMap.name'],
    [{ downwardAPI: { items: [{ path: 'a/../../labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }, 'volume-items spec.volumes[0].downwardAPI.items[0].path'],
    [{ projected: { defaultMode: 1000, sources: [] } }, 'volume-reference spec.volumes[0].projected.defaultMode'],
    [{ projected: { sources: [{ secret: { items: [{ key: 'a', path: 'a' }] } }] } }, 'volume-reference spec.volumes[0].projected.sources[0].secret.name'],
    [{ projected: { sources: [{ configMap: { name: 'c', items: [{ key: 'a', path: 'a', mode: 0o1000 }] } }] } }, 'volume-items spec.volumes[0].projected.sources[0].configMap.items[0].mode'],
    [{ projected: { sources: [{ secret: { name: 's' }, configMap: { name: 'c' } }] } }, 'volume-source spec.volumes[0].projected.sources[0]'],
  ])('reports %j', (volume, expected) => {
    expect(errorsOf(withVolume(volume))).toEqual([expected]);
  });

  test('a path of ".." is outside the volume and a reserved name, as the API server reports it twice', () => {
    const messages = checkPodSpec(withVolume({ configMap: { name: 'c', items: [{ key: 'a', path: '..' }] } }), { podSecurity: 'privileged' }).filter((f) => f.severity === 'error').map((f) => f.message);
    expect(messages).toEqual(['Invalid value: "..": must not contain \'..\'', 'Invalid value: "..": must not start with \'..\'']);
  });

  test('reports two projected files on one path, across sources and within one', () => {
    expect(errorsOf(withVolume({
      projected: {
        sources: [
          { secret: { name: 's', items: [{ key: 'user', path: 'creds/user' }] } },
          { configMap: { name: 'c', items: [{ key: 'user', path: 'creds/user' }, { key: 'a', path: 'a' }, { key: 'b', path: 'a' }] } },
          { downwardAPI: { items: [{ path: 'creds/user', fieldRef: { fieldPath: 'metadata.name' } }] } },
        ],
      },
    }))).toEqual([
      'volume-items spec.volumes[0].projected.sources[1].configMap.items[0].path',
      'volume-items spec.volumes[0].projected.sources[1].configMap.items[2].path',
      'volume-items spec.volumes[0].projected.sources[2].downwardAPI.items[0].path',
    ]);
  });

  test('accepts nested relative paths, dots inside names, and modes from 0 to 0777', () => {
    expect(errorsOf(withVolume({
      projected: {
        defaultMode: 0o777,
        sources: [
          { secret: { name: 's', items: [{ key: 'a', path: 'a/b.c/..d', mode: 0 }, { key: 'b', path: 'a./b', mode: 0o777 }] } },
          { configMap: { name: 'c', items: [{ key: 'a', path: 'c' }] } },
          { serviceAccountToken: { path: 'token' } },
        ],
      },
    }))).toEqual([]);
    expect(errorsOf(withVolume({ configMap: { name: 'c', defaultMode: 0, items: [{ key: 'k', path: 'same' }] } }))).toEqual([]);
  });

  test('never throws on untyped items and sources', () => {
    for (const items of [5, 'x', [null, 5, 'x'], [{ key: 5, path: {} }], [{ path: ['a'] }]]) {
      expect(() => checkPodSpec(withVolume({ configMap: { name: 'c', items } }))).not.toThrow();
      expect(() => checkPodSpec(withVolume({ projected: { sources: items } }))).not.toThrow();
      expect(() => checkPodSpec(withVolume({ projected: { sources: [{ secret: { items } }, { downwardAPI: { items } }] } }))).not.toThrow();
    }
  });
});
