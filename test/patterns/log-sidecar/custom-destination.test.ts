import * as kplus from 'cdk8s-plus-27';
import { LogDestination } from '../../../src';
import { synthLogPod } from './_fixtures';

describe('LogDestination.custom', () => {
  test('runs the given container with the log volume, its config files and the log location in its environment', () => {
    const { podDoc, configMap } = synthLogPod(() => LogDestination.custom({
      image: 'registry.example.com/shipper:2.0.1',
      args: ['--config', '/etc/log-shipper/shipper.yaml'],
      configFiles: { 'shipper.yaml': 'to: somewhere\n' },
      envVariables: { EXTRA: kplus.EnvValue.fromValue('1') },
    }), { filePattern: '*.json' });
    const sidecar = podDoc.spec.containers[1];
    expect(sidecar.image).toBe('registry.example.com/shipper:2.0.1');
    expect(sidecar.env).toEqual([
      { name: 'LOG_DIRECTORY', value: '/var/log' },
      { name: 'LOG_FILE_PATTERN', value: '*.json' },
      { name: 'EXTRA', value: '1' },
    ]);
    expect(configMap.data).toEqual({ 'shipper.yaml': 'to: somewhere\n' });
    expect(sidecar.volumeMounts).toEqual([
      { name: 'app-logs', mountPath: '/var/log', readOnly: true },
      { name: 'log-shipper-config', mountPath: '/etc/log-shipper', readOnly: true },
    ]);
  });

  test('needs no ConfigMap when there are no config files', () => {
    const { configMap } = synthLogPod(() => LogDestination.custom({ image: 'busybox:1.36.1', command: ['tail', '-F', '/var/log/app.log'] }));
    expect(configMap).toBeUndefined();
  });

  test('fails on an unpinned image', () => {
    expect(() => synthLogPod(() => LogDestination.custom({ image: 'busybox' })))
      .toThrow('test/pod: destination(custom).image: "busybox" has no tag; pin an explicit version');
  });
});
