import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LogDestination, LogSidecar, PodPatternError, SidecarMode } from '../../../src';
import { app, synthLogPod } from './_fixtures';

describe('LogDestination.tail', () => {
  test('follows the one file, from its first line and across rotations, as nobody, with no environment', () => {
    const { podDoc } = synthLogPod(() => LogDestination.tail(), { filePattern: 'app.log' });
    const sidecar = podDoc.spec.containers[1];
    expect(sidecar.image).toBe('busybox:1.36.1');
    expect(sidecar.command).toEqual(['tail', '-n+1', '-F', '/var/log/app.log']);
    expect(sidecar.securityContext).toMatchObject({ runAsUser: 65534, runAsNonRoot: true, readOnlyRootFilesystem: true });
    expect(sidecar.env).toBeUndefined();
  });

  test('refuses a wildcard, which tail does not expand', () => {
    expect(() => synthLogPod(() => LogDestination.tail()))
      .toThrow('test/pod: filePattern: Invalid value "*.log": LogDestination.tail() follows one file, and tail reads no wildcards');
  });

  test('works as a native sidecar on a Job', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [app()] });
    LogSidecar.addTo(job, { destination: LogDestination.tail(), filePattern: 'app.log', mode: SidecarMode.NATIVE });
    const [doc] = Testing.synth(chart);
    expect(doc.spec.template.spec.initContainers[0]).toMatchObject({ name: 'log-shipper', restartPolicy: 'Always' });
  });
});

describe('LogSidecar.streamEach', () => {
  test('adds one sidecar per file, in order, sharing the first one\'s log volume', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [app()] });
    const sidecars = LogSidecar.streamEach(pod, { files: { 'stream-a': 'a.log', 'stream-b': 'b.log' } });
    expect(sidecars.map((s) => s.sidecar.name)).toEqual(['stream-a', 'stream-b']);
    expect(sidecars[1].logVolume).toBe(sidecars[0].logVolume);
    const [doc] = Testing.synth(chart);
    expect(doc.spec.volumes).toEqual([{ name: 'app-logs', emptyDir: {} }]);
    expect(doc.spec.containers.map((c: any) => c.name)).toEqual(['app', 'stream-a', 'stream-b']);
  });

  test.each([
    ['no files', {}, 'files: Required value'],
    ['files as an array', { files: ['a.log'] }, 'files: Required value: got an array'],
    ['a file that is not a string', { files: { s: 1 } }, 'files["s"]: Invalid value 1: must be a file name'],
    ['a file with a directory', { files: { s: 'x/a.log' } }, 'filePattern: Invalid value "x/a.log"'],
    ['a sidecar name that is not a DNS label', { files: { S_1: 'a.log' } }, 'S_1'],
  ])('refuses %s', (_name, props, message) => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [app()] });
    expect(() => LogSidecar.streamEach(pod, props as any)).toThrow(PodPatternError);
    expect(() => LogSidecar.streamEach(new kplus.Pod(Testing.chart(), 'pod', { containers: [app()] }), props as any)).toThrow(message);
  });
});

describe('configMapName and configVolumeName', () => {
  test('refuse names the API server would refuse', () => {
    expect(() => synthLogPod(() => LogDestination.stdout(), { configMapName: 'Fluentd_Config' }))
      .toThrow('configMapName: Invalid value "Fluentd_Config"');
    expect(() => synthLogPod(() => LogDestination.stdout(), { configVolumeName: 'config.volume' }))
      .toThrow('configVolumeName: Invalid value "config.volume"');
  });

  test('refuse a config volume name taken by the log volume', () => {
    expect(() => synthLogPod(() => LogDestination.stdout(), { configVolumeName: 'app-logs' }))
      .toThrow('Duplicate value "app-logs": the log volume has that name');
  });

  test('are refused for a destination without configuration, rather than ignored', () => {
    expect(() => synthLogPod(() => LogDestination.tail(), { filePattern: 'app.log', configMapName: 'x' }))
      .toThrow('configMapName: the tail destination has no configuration, so there is nothing to name');
  });

  test('name the generated ConfigMap (kept mutable) and its volume', () => {
    const { podDoc, configMap } = synthLogPod(() => LogDestination.stdout(), { configMapName: 'shipper-config', configVolumeName: 'config-volume' });
    expect(configMap.metadata.name).toBe('shipper-config');
    expect(configMap.immutable).toBe(false);
    expect(podDoc.spec.volumes).toContainEqual({ name: 'config-volume', configMap: { name: 'shipper-config' } });
  });
});
