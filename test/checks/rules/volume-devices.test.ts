import { checkManifest, checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

const claim = { name: 'block', persistentVolumeClaim: { claimName: 'data' } };
const withDevices = (fields: Record<string, unknown>, volumes: unknown[] = [claim]) => ({ containers: [container('a', fields)], volumes });

describe('volumeDevices', () => {
  test.each([
    ['a device without a name', { volumeDevices: [{ devicePath: '/dev/xvda' }] }, ['volume-device spec.containers[0].volumeDevices[0].name']],
    ['a device of an undeclared volume', { volumeDevices: [{ name: 'other', devicePath: '/dev/xvda' }] }, ['volume-device spec.containers[0].volumeDevices[0].name']],
    ['a device without a path', { volumeDevices: [{ name: 'block' }] }, ['volume-device spec.containers[0].volumeDevices[0].devicePath']],
    ['a device path with ".."', { volumeDevices: [{ name: 'block', devicePath: '/dev/../xvda' }] }, ['volume-device spec.containers[0].volumeDevices[0].devicePath']],
    ['one volume attached twice', { volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }, { name: 'block', devicePath: '/dev/xvdb' }] }, ['volume-device spec.containers[0].volumeDevices[1].name']],
    ['a volume mounted and attached', { volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }], volumeMounts: [{ name: 'block', mountPath: '/data' }] },
      ['volume-device spec.containers[0].volumeDevices[0].name', 'volume-device spec.containers[0].volumeMounts[0].name']],
  ])('reports %s', (_name, fields, expected) => {
    expect(errorsOf(withDevices(fields))).toEqual(expected);
  });

  test('reports two devices on one path, and a device on a mount path', () => {
    const volumes = [claim, { name: 'block2', ephemeral: { volumeClaimTemplate: { spec: {} } } }, { name: 'scratch', emptyDir: {} }];
    expect(errorsOf(withDevices({ volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }, { name: 'block2', devicePath: '/dev/xvda' }] }, volumes.slice(0, 2))))
      .toEqual(['volume-device spec.containers[0].volumeDevices[1].devicePath']);
    expect(errorsOf(withDevices({ volumeDevices: [{ name: 'block', devicePath: '/data' }], volumeMounts: [{ name: 'scratch', mountPath: '/data' }] }, [claim, volumes[2]])))
      .toEqual(['volume-device spec.containers[0].volumeDevices[0].devicePath', 'volume-device spec.containers[0].volumeMounts[0].mountPath']);
  });

  test('a device needs a PersistentVolumeClaim or an ephemeral volume', () => {
    expect(errorsOf(withDevices({ volumeDevices: [{ name: 'scratch', devicePath: '/dev/xvda' }] }, [{ name: 'scratch', emptyDir: {} }])))
      .toEqual(['volume-device spec.containers[0].volumeDevices[0].name']);
  });

  test.each([
    ['a PersistentVolumeClaim', [claim]],
    ['an ephemeral volume', [{ name: 'block', ephemeral: { volumeClaimTemplate: { spec: { volumeMode: 'Block' } } } }]],
  ])('accepts a device of %s, and does not call the volume unused', (_name, volumes) => {
    const spec = withDevices({ volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }] }, volumes);
    expect(errorsOf(spec)).toEqual([]);
    expect(warningsOf(spec).filter((w) => w.startsWith('volume'))).toEqual([]);
  });

  test('the same device path in two containers is fine', () => {
    const device = { volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }] };
    expect(errorsOf({ containers: [container('a', device), container('b', device)], volumes: [claim] })).toEqual([]);
  });

  test("a StatefulSet's volumeClaimTemplates are claims", () => {
    const sts = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: {
        selector: { matchLabels: { app: 'db' } }, serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'block' }, spec: { volumeMode: 'Block' } }],
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [container('a', { volumeDevices: [{ name: 'block', devicePath: '/dev/xvda' }] })] } },
      },
    };
    expect(checkManifest(sts, { podSecurity: 'privileged' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('a relative device path is a warning: the API server accepts it', () => {
    const spec = withDevices({ volumeDevices: [{ name: 'block', devicePath: 'dev/xvda' }] });
    expect(errorsOf(spec)).toEqual([]);
    expect(warningsOf(spec).filter((w) => w.startsWith('volume-device'))).toEqual(['volume-device-path spec.containers[0].volumeDevices[0].devicePath']);
  });

  test.each([null, 'x', 1, [null, 'x', 3, { name: 5, devicePath: {} }]])('does not throw on volumeDevices %j', (volumeDevices) => {
    expect(() => checkPodSpec(withDevices({ volumeDevices, volumeMounts: [null, { name: 3 }] }))).not.toThrow();
  });
});
