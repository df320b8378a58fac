import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkManifest, LogDestination, LogSidecar, PodChecks } from '../../../src';
import { app, synthLogPod } from './_fixtures';

describe('LogDestination.custom', () => {
  test('runs the given container with the log volume, its config files and the log location in its environment', () => {
    const { podDoc, configMap } = synthLogPod(() => LogDestination.custom({
      image: 'registry.example.com/shipper:2.0.1',
      args: ['--config', '/etc/log-shipper/shipper.yaml'],
      configFiles: { 'shipper.yaml': 'to: somewhere\n' },
      envVariables: { EXTRA: kplus.EnvValue.fromValue('1') },
      securityContext: { user: 10001 },
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
    const { configMap } = synthLogPod(() => LogDestination.custom({ image: 'busybox:1.36.1', command: ['tail', '-F', '/var/log/app.log'], securityContext: { user: 10001 } }));
    expect(configMap).toBeUndefined();
  });

  // The engine's one image rule, as for the app: a policy (no Kubernetes component refuses the image), so a
  // warning unless pinned images are required (the plugin's requirePinnedImages, check's --require-pinned-images).
  test('warns on an unpinned image, as for any container, and fails where pinned images are required', () => {
    const { podDoc } = synthLogPod(() => LogDestination.custom({ image: 'busybox', securityContext: { user: 10001 } }));
    const tag = (options: object) => checkManifest(podDoc, options).filter((f) => f.rule === 'image-tag').map((f) => `${f.severity} ${f.path}: ${f.message}`);
    expect(tag({})).toEqual(['warning spec.containers[1].image: container "log-shipper": "busybox" has no tag, so each pull may bring another version']);
    expect(tag({ requirePinnedImages: true })).toEqual([
      'error spec.containers[1].image: container "log-shipper": "busybox" has no tag, so each pull may bring another version (pinned images are required by the requirePinnedImages option)',
    ]);
  });

  test('warns on an unpinned shipper image on a workload checked at baseline', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app()] });
    LogSidecar.addTo(web, { destination: LogDestination.custom({ image: 'busybox:latest', securityContext: { user: 10001 } }) });
    const warnings = PodChecks.of(web).findings().filter((f) => f.rule === 'image-tag');
    expect(warnings.map((f) => `${f.severity} ${f.path}`)).toEqual(['warning spec.template.spec.containers[1].image']);
    expect(warnings[0].message).toContain('uses the moving tag "latest"');
  });

  test.each([
    ['a/b', 'file name "a/b": Invalid value "a/b": a valid config key'],
    ['', 'file name "": must not be empty'],
    ['..', 'file name "..": Invalid value "..": must not be \'..\''],
    ['..data', 'file name "..data": Invalid value "..data": must not start with \'..\''],
    ['x'.repeat(254), `file name "${'x'.repeat(254)}": Invalid value "${'x'.repeat(254)}": must be no more than 253 characters`],
  ])('fails on the config file name %j, which the API server would reject as a ConfigMap key', (name, problem) => {
    expect(() => synthLogPod(() => LogDestination.custom({ image: 'registry.example.com/shipper:2.0.1', configFiles: { [name]: 'x' } })))
      .toThrow(new RegExp(`^test/pod: destination\\(custom\\)\\.configFiles: ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\[destination-configfiles\\]$`));
  });

  test('fails on config file content that is not text (untyped)', () => {
    expect(() => synthLogPod(() => LogDestination.custom({ image: 'registry.example.com/shipper:2.0.1', configFiles: { 'a.conf': 42 as any } })))
      .toThrow('destination(custom).configFiles: file "a.conf": the content must be a string, got number');
  });

  test('fails when LogDestination.custom() gets no props (untyped)', () => {
    expect(() => synthLogPod(() => LogDestination.custom(undefined as any)))
      .toThrow('test/pod: destination(custom): Required value: LogDestination.custom() was called with no props');
  });

  test('needs the uid the shipper runs as, unless it is allowed to run as root', () => {
    expect(() => synthLogPod(() => LogDestination.custom({ image: 'grafana/promtail:2.9.4' })))
      .toThrow(/^test\/pod: destination\(custom\)\.securityContext\.user: Required value: the shipper runs as non-root .*Fix: set securityContext: \{ user: .*\[destination-security-context\]$/);
    const { podDoc } = synthLogPod(() => LogDestination.custom({ image: 'grafana/promtail:2.9.4', securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: true } }), { podSecurity: 'baseline' });
    expect(podDoc.spec.containers[1].securityContext.runAsNonRoot).toBe(false);
  });
});
