import { Chart, Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Ambassador, checkManifest, MetricsAdapter, MetricsAdapterPod, MetricsExporter, SidecarMode } from '../../../src';
import { NGINX_EXPORTER_IMAGE, REDIS_EXPORTER_IMAGE } from '../../../src/patterns/adapter/metrics-exporter';
import { patternError } from '../../_support/pattern-error';

const nginx = (port = 8080): kplus.ContainerProps => ({ name: 'web', image: 'nginxinc/nginx-unprivileged:1.28.0-alpine', ports: [{ number: port }], securityContext: { user: 101 } });
const redis = (port = 6379): kplus.ContainerProps => ({ name: 'redis', image: 'redis:7.4.1', ports: [{ number: port }], securityContext: { user: 999 } });

function deployment(chart: Chart, containers: kplus.ContainerProps[]): kplus.Deployment {
  return new kplus.Deployment(chart, 'web', { containers });
}

const podSpec = (docs: any[]) => docs.find((d) => d.spec?.template).spec.template.spec;
const podMetadata = (docs: any[]) => docs.find((d) => d.spec?.template).spec.template.metadata;

describe('MetricsAdapter with the nginx exporter', () => {
  test('adds the pinned exporter, reading the stub_status server it adds to the app, on a named port with scrape annotations', () => {
    const chart = Testing.chart();
    const adapter = MetricsAdapter.addTo(deployment(chart, [nginx()]), { exporter: MetricsExporter.nginx() });
    const docs = Testing.synth(chart);
    const [app, exporter] = podSpec(docs).containers;
    expect(exporter).toMatchObject({
      name: 'nginx-exporter', image: NGINX_EXPORTER_IMAGE,
      args: ['--nginx.scrape-uri=http://127.0.0.1:8081/stub_status', '--web.listen-address=:9113', '--web.telemetry-path=/metrics'],
      ports: [{ containerPort: 9113, name: 'metrics' }],
      readinessProbe: { httpGet: { path: '/metrics', port: 9113 } },
      securityContext: { runAsUser: 65534, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    });
    expect(NGINX_EXPORTER_IMAGE).toMatch(/:\d+\.\d+\.\d+$/);
    expect(REDIS_EXPORTER_IMAGE).toMatch(/:v\d+\.\d+\.\d+$/);
    // The status server joins the image's conf.d (subPath: the image's own default.conf stays), and its port is declared.
    expect(app.volumeMounts).toEqual([{ name: 'nginx-exporter-status', mountPath: '/etc/nginx/conf.d/pod-patterns-stub-status.conf', subPath: 'pod-patterns-stub-status.conf', readOnly: true }]);
    expect(app.ports).toEqual([{ containerPort: 8080 }, { containerPort: 8081, name: 'stub-status' }]);
    const conf: string = docs.find((d) => d.kind === 'ConfigMap').data['pod-patterns-stub-status.conf'];
    expect(conf).toContain('  listen 127.0.0.1:8081;\n');
    expect(conf).toContain('  location = /stub_status {\n    stub_status;\n  }\n');
    expect(podMetadata(docs).annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9113', 'prometheus.io/path': '/metrics' });
    expect([adapter.metricsPort, adapter.portName, adapter.appContainer.name]).toEqual([9113, 'metrics', 'web']);
    for (const doc of docs) expect(checkManifest(doc, { podSecurity: 'baseline' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('an app that serves stub_status itself: nothing is mounted, and the app must declare the status port', () => {
    const chart = Testing.chart();
    MetricsAdapter.addTo(deployment(chart, [{ ...nginx(), ports: [{ number: 8080 }, { number: 9000 }] }]),
      { exporter: MetricsExporter.nginx({ statusConfigDirectory: false, statusPort: 9000, statusPath: '/basic_status' }) });
    const docs = Testing.synth(chart);
    expect(podSpec(docs).containers[0].volumeMounts).toBeUndefined();
    expect(podSpec(docs).containers[1].args[0]).toBe('--nginx.scrape-uri=http://127.0.0.1:9000/basic_status');
    expect(docs.filter((d) => d.kind === 'ConfigMap')).toEqual([]);

    const e = patternError(() => MetricsAdapter.addTo(deployment(Testing.chart(), [nginx()]),
      { exporter: MetricsExporter.nginx({ statusConfigDirectory: false }) }));
    expect(e).toMatchObject({ rule: 'adapter-target-port', field: 'exporter.statusPort' });
    expect(e.message).toContain('no app container declares port 8081, which the exporter reads (declared ports: "web": 8080)');
    expect(e.message).toContain('MetricsExporter.nginx({ statusPort })');
  });

  test('picks the nginx container among several, or asks for appContainer', () => {
    const chart = Testing.chart();
    const adapter = MetricsAdapter.addTo(deployment(chart, [{ name: 'php', image: 'php:8.3-fpm', securityContext: { user: 33 } }, nginx()]),
      { exporter: MetricsExporter.nginx() });
    expect(adapter.appContainer.name).toBe('web');
    const two = deployment(Testing.chart(), [nginx(), { ...nginx(8090), name: 'web2' }]);
    expect(patternError(() => MetricsAdapter.addTo(two, { exporter: MetricsExporter.nginx() })).message)
      .toContain('2 app containers, 2 of them nginx, to add the stub_status server to');
  });
});

describe('MetricsAdapter with the Redis exporter', () => {
  test('reads Redis on loopback, with the password from a Secret', () => {
    const chart = Testing.chart();
    const statefulSet = new kplus.StatefulSet(chart, 'redis', { containers: [redis()] });
    const password = { secret: kplus.Secret.fromSecretName(chart, 'pw', 'redis-auth'), key: 'password' };
    MetricsAdapter.addTo(statefulSet, { exporter: MetricsExporter.redis({ password }) });
    const exporter = podSpec(Testing.synth(chart)).containers[1];
    expect(exporter).toMatchObject({
      name: 'redis-exporter', image: REDIS_EXPORTER_IMAGE,
      args: ['--redis.addr=redis://127.0.0.1:6379', '--web.listen-address=:9121', '--web.telemetry-path=/metrics'],
      env: [{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis-auth', key: 'password' } } }],
    });
  });

  test('an exporter pointed at a port no container declares', () => {
    const e = patternError(() => MetricsAdapter.addTo(deployment(Testing.chart(), [redis(6380)]), { exporter: MetricsExporter.redis() }));
    expect(e).toMatchObject({ rule: 'adapter-target-port', field: 'exporter.redisPort' });
    expect(e.message).toContain('no app container declares port 6379');
    expect(e.message).toContain('MetricsExporter.redis({ redisPort })');
  });
});

describe('MetricsAdapter with any exporter', () => {
  test('custom: the image, arguments and ports given', () => {
    const chart = Testing.chart();
    MetricsAdapter.addTo(deployment(chart, [{ name: 'app', image: 'registry.example.com/jvm-app:1.0', ports: [{ number: 9010 }], securityContext: { user: 1000 } }]), {
      exporter: MetricsExporter.custom({ image: 'registry.example.com/jmx-exporter:1.0.1', targetPort: 9010, metricsPort: 9404, args: ['9404', '/etc/jmx/config.yaml'] }),
      portName: 'jmx-metrics',
    });
    expect(podSpec(Testing.synth(chart)).containers[1]).toMatchObject({
      name: 'exporter', image: 'registry.example.com/jmx-exporter:1.0.1', args: ['9404', '/etc/jmx/config.yaml'], ports: [{ containerPort: 9404, name: 'jmx-metrics' }],
    });
  });

  test.each([
    ['no exporter', {}, 'adapter-exporter', 'exporter', 'no exporter given'],
    ['a plain object', { exporter: { kind: 'nginx' } }, 'adapter-exporter', 'exporter', 'is not a MetricsExporter'],
    ['no image', { exporter: MetricsExporter.custom({ targetPort: 8080, metricsPort: 9100 } as any) }, 'adapter-exporter', 'exporter.image', 'must name an image'],
    ['a privileged metrics port', { exporter: MetricsExporter.nginx({ metricsPort: 80 }) }, 'adapter-port', 'exporter.metricsPort', 'only root (or CAP_NET_BIND_SERVICE) may listen below 1024'],
    ['a metrics port out of range', { exporter: MetricsExporter.redis({ metricsPort: 70000 }) }, 'network-sidecar-port', 'exporter.metricsPort', 'must be an integer from 1 to 65535'],
    ['metrics on the port it reads', { exporter: MetricsExporter.custom({ image: 'x/e:1', targetPort: 9100, metricsPort: 9100 }) }, 'adapter-port', 'exporter.metricsPort', 'the exporter reads the app on targetPort 9100'],
    ['a root uid', { exporter: MetricsExporter.custom({ image: 'x/e:1', targetPort: 8080, metricsPort: 9100, user: 0 }) }, 'adapter-exporter', 'exporter.user', 'must be a non-root uid'],
    ['a bad port name', { exporter: MetricsExporter.nginx(), portName: 'Metrics_Port' }, 'adapter-port', 'portName', '"Metrics_Port"'],
    ['a status path with a space', { exporter: MetricsExporter.nginx({ statusPath: '/stub status' }) }, 'adapter-exporter', 'exporter.statusPath', 'must be an absolute URL path'],
    ['a relative config directory', { exporter: MetricsExporter.nginx({ statusConfigDirectory: 'conf.d' }) }, 'adapter-exporter', 'exporter.statusConfigDirectory', '"conf.d"'],
    ['SidecarMode.shutdownMarker()', { exporter: MetricsExporter.nginx(), mode: SidecarMode.shutdownMarker() }, 'sidecar-mode', 'mode', 'supports SidecarMode.CLASSIC and SidecarMode.NATIVE'],
  ])('refuses %s, naming the prop', (_what, props, rule, field, text) => {
    const e = patternError(() => MetricsAdapter.addTo(deployment(Testing.chart(), [nginx()]), props as any));
    expect(e).toMatchObject({ rule, field });
    expect(e.message).toContain(text);
  });

  test('the other network sidecars never take the exporter for the app, nor it them', () => {
    const chart = Testing.chart();
    const workload = deployment(chart, [redis()]);
    MetricsAdapter.addTo(workload, { exporter: MetricsExporter.redis() });
    Ambassador.addTo(workload, { remoteHost: 'cache.example.com', remotePort: 6380, localPort: 7000 });
    const containers = podSpec(Testing.synth(chart)).containers;
    expect(containers.map((c: any) => [c.name, (c.env ?? []).map((e: any) => e.name)])).toEqual([
      ['redis', ['AMBASSADOR_ADDRESS']], ['redis-exporter', []], ['ambassador', []],
    ]);
  });

  test('an exporter without arguments has no args field', () => {
    const chart = Testing.chart();
    MetricsAdapter.addTo(deployment(chart, [nginx()]), { exporter: MetricsExporter.custom({ image: 'x/e:1.0', targetPort: 8080, metricsPort: 9100 }) });
    expect(podSpec(Testing.synth(chart)).containers[1]).not.toHaveProperty('args');
  });

  test('null options are the defaults, as undefined is (from JavaScript): no TypeError', () => {
    const chart = Testing.chart();
    MetricsAdapter.addTo(deployment(chart, [nginx()]), { exporter: MetricsExporter.nginx(null as any) }).addPodMonitor(null as any);
    MetricsAdapter.addTo(new kplus.StatefulSet(chart, 'redis', { containers: [redis()] }), { exporter: MetricsExporter.redis(null as any) });
    expect(Testing.synth(chart).filter((d) => d.kind === 'PodMonitor')).toHaveLength(1);
    expect(patternError(() => MetricsAdapter.addTo(deployment(Testing.chart(), [nginx()]), { exporter: MetricsExporter.custom(null as any) })).field)
      .toBe('exporter.image');
    expect(patternError(() => MetricsAdapter.addTo(deployment(Testing.chart(), [nginx()]), null as any)).field).toBe('exporter');
  });

  test('a scrape port already taken in the pod: the port-conflict check names the container that holds it', () => {
    const e = patternError(() => MetricsAdapter.addTo(deployment(Testing.chart(), [{ ...nginx(), ports: [{ number: 8080 }, { number: 9113 }] }]),
      { exporter: MetricsExporter.nginx() }));
    expect(e.rule).toBe('port-conflict');
    expect(e.message).toContain('port 9113/TCP is also declared by container "web"');
  });

  test('a stub_status port another container holds', () => {
    const e = patternError(() => MetricsAdapter.addTo(deployment(Testing.chart(), [nginx(), { ...redis(8081), name: 'side' }]),
      { exporter: MetricsExporter.nginx() }));
    expect(e).toMatchObject({ rule: 'adapter-port', field: 'exporter.statusPort' });
    expect(e.message).toContain('Duplicate value 8081: container "side" declares it');
    expect(e.message).toContain('give MetricsExporter.nginx() another statusPort');
  });

  test('on a Job: a classic exporter is refused (the Job would never complete); a native one runs until the app exits', () => {
    const job = () => new kplus.Job(Testing.chart(), 'job', { containers: [redis()] });
    const e = patternError(() => MetricsAdapter.addTo(job(), { exporter: MetricsExporter.redis() }));
    expect(e.rule).toBe('sidecar-on-job');
    expect(e.message).toContain('choose mode: SidecarMode.NATIVE');
    const chart = Testing.chart();
    const cronJob = new kplus.CronJob(chart, 'cron', { schedule: Cron.daily(), containers: [redis()] });
    MetricsAdapter.addTo(cronJob, { exporter: MetricsExporter.redis(), mode: SidecarMode.NATIVE });
    const spec = Testing.synth(chart).find((d) => d.kind === 'CronJob').spec.jobTemplate.spec.template.spec;
    expect(spec.initContainers[0]).toMatchObject({ name: 'redis-exporter', restartPolicy: 'Always', startupProbe: { httpGet: { path: '/metrics', port: 9121 } } });
  });

  test('a second adapter: its own sidecarName, and no second set of scrape annotations', () => {
    const chart = Testing.chart();
    const workload = deployment(chart, [nginx(), redis()]);
    MetricsAdapter.addTo(workload, { exporter: MetricsExporter.nginx(), appContainer: workload.containers[0] });
    const e = patternError(() => MetricsAdapter.addTo(workload, { exporter: MetricsExporter.redis() }));
    expect(e).toMatchObject({ rule: 'adapter-scrape', field: 'scrapeAnnotations' });
    expect(e.message).toContain('already name the metrics of "nginx-exporter" (port 9113)');
    const second = MetricsAdapter.addTo(workload, { exporter: MetricsExporter.redis(), scrapeAnnotations: false });
    second.addPodMonitor({ interval: Duration.seconds(30) });
    const docs = Testing.synth(chart);
    expect(podSpec(docs).containers.map((c: any) => c.name)).toEqual(['web', 'redis', 'nginx-exporter', 'redis-exporter']);
    expect(podMetadata(docs).annotations['prometheus.io/port']).toBe('9113');
    const monitor = docs.find((d) => d.kind === 'PodMonitor');
    expect(monitor).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      spec: { selector: { matchLabels: podMetadata(docs).labels }, podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }] },
    });
  });

  test('MetricsAdapterPod: the Pod-shaped entry point meets restricted', () => {
    const chart = Testing.chart();
    const pod = new MetricsAdapterPod(chart, 'cache', { containers: [{ ...redis(), securityContext: { user: 999, group: 999 } }], exporter: MetricsExporter.redis() });
    expect(() => Testing.synth(chart)).not.toThrow();
    const doc = Testing.synth(chart).find((d) => d.kind === 'Pod');
    expect(doc.spec.containers.map((c: any) => c.name)).toEqual(['redis', 'redis-exporter']);
    expect(pod.sidecar.name).toBe('redis-exporter');
    expect(checkManifest(doc, { podSecurity: 'restricted' }).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
