import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { MetricsAdapter, MetricsExporter } from '../../src';
import { freePort, listening } from '../_support/loopback';

/**
 * The metrics adapters run for real: Debian's nginx with the generated stub_status server, and Debian's
 * redis-server, each read by Debian's exporter (prometheus-nginx-exporter 0.11, prometheus-redis-exporter
 * 1.45) started with the arguments the adapter generated, on loopback as in the pod. What they serve is
 * checked with `promtool check metrics` (Debian's prometheus) and for the traffic the test sent. A system
 * test (`npm run test:system`; CI installs the packages): it fails, never skips, when they are missing.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-adapters-'));
const running: ChildProcess[] = [];


/** Starts a program and waits until something listens on `port`. */
async function start(command: string, args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.push(child);
  let output = '';
  child.stderr!.on('data', (d) => { output += d; });
  for (let i = 0; i < 200; i++) {
    if (await listening(port)) return child;
    if (child.exitCode !== null) throw new Error(`${command} exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${command} did not listen on ${port}: ${output}`);
}

afterAll(async () => {
  for (const child of running) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    }
  }
});

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: urlPath }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject);
  });
}

/** The exporter container and the pod spec of the chart's one workload, as synthesized. */
function synthesized(chart: Chart): { docs: any[]; exporter: any; app: any } {
  const docs = Testing.synth(chart);
  const spec = docs.find((d) => d.kind === 'Deployment' || d.kind === 'StatefulSet').spec.template.spec;
  const exporter = spec.containers.find((c: any) => c.name.endsWith('-exporter'));
  const app = spec.containers.find((c: any) => c !== exporter);
  return { docs, exporter, app };
}

/** The value of a metric line `name{...} value` (the first one matching). */
function sample(metrics: string, name: string, labels = ''): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name}{`)));
  if (line === undefined) throw new Error(`no ${name}${labels} in:\n${metrics}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * `promtool check metrics` parses the exposition format (exit 1 and "error while linting" on a format
 * error) and then lints metric names (exit 3: both exporters keep some names that predate the naming
 * conventions, e.g. nginx_connections_accepted without `_total`, which is theirs to change). Passing means:
 * it parses, and every remaining remark is a naming remark about a metric that was served.
 */
function expectPromtoolPasses(metrics: string): void {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: metrics, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  expect([0, 3]).toContain(result.status);
  expect(output).not.toMatch(/error while linting|parsing error/);
  const served = new Set(metrics.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]));
  for (const remark of output.split('\n').filter((l) => l !== '')) {
    expect([remark, served.has(remark.split(' ')[0])]).toEqual([remark, true]);
    expect(remark).toMatch(/ (should|should not|use base unit) /);
  }
}

/** Scrapes where the readiness probe and the scrape annotations point, and checks that they agree. */
async function scrape(docs: any[], exporter: any): Promise<string> {
  const probe = exporter.readinessProbe.httpGet;
  const annotations = docs.find((d) => d.spec?.template).spec.template.metadata.annotations;
  expect([annotations['prometheus.io/port'], annotations['prometheus.io/path']]).toEqual([String(probe.port), probe.path]);
  const { status, body } = await get(probe.port, probe.path);
  expect(status).toBe(200);
  return body;
}

test('the packages are installed (npm run test:system needs them; .ci/run installs them)', () => {
  for (const [command, flag] of [['nginx', '-v'], ['prometheus-nginx-exporter', '-version'], ['prometheus-redis-exporter', '-version'],
    ['redis-server', '--version'], ['promtool', '--version']]) {
    expect([command, spawnSync(command, [flag]).status]).toEqual([command, 0]);
  }
});

describe('nginx, presented as Prometheus metrics by the nginx exporter', () => {
  let docs: any[];
  let exporter: any;
  let appPort: number;

  beforeAll(async () => {
    appPort = await freePort();
    const chart = new Chart(Testing.app(), 'web');
    const deployment = new kplus.Deployment(chart, 'web', {
      containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.28.0-alpine', ports: [{ number: appPort }], securityContext: { user: 101 } }],
    });
    MetricsAdapter.addTo(deployment, { exporter: MetricsExporter.nginx({ statusPort: await freePort(), metricsPort: await freePort() }) });
    ({ docs, exporter } = synthesized(chart));

    // The image's nginx.conf includes /etc/nginx/conf.d/*.conf in http {}; this one stands in for it,
    // including the generated file from where the pod mounts it.
    const dir = path.join(work, 'nginx');
    fs.mkdirSync(path.join(dir, 'conf.d'), { recursive: true });
    const configMap = docs.find((d) => d.kind === 'ConfigMap');
    const [file, text] = Object.entries(configMap.data as Record<string, string>)[0];
    fs.writeFileSync(path.join(dir, 'conf.d', file), text);
    fs.writeFileSync(path.join(dir, 'nginx.conf'), [
      'worker_processes 1;', `pid ${dir}/nginx.pid;`, 'error_log stderr notice;', 'events { worker_connections 64; }',
      'http {', `  access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;`,
      `  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
      `  include ${dir}/conf.d/*.conf;`,
      `  server { listen 127.0.0.1:${appPort}; location / { return 200 "hello"; } }`, '}', '',
    ].join('\n'));
    const nginxArgs = ['-e', 'stderr', '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'];
    expect(spawnSync('nginx', ['-t', ...nginxArgs.slice(0, 4)], { encoding: 'utf8' }).status).toBe(0);
    await start('nginx', nginxArgs, appPort);
    await start('prometheus-nginx-exporter', exporter.args, exporter.ports[0].containerPort);
  });

  test('the stub_status page is served on loopback, at the port the app container declares', async () => {
    const statusPort = Number(/127\.0\.0\.1:(\d+)/.exec(exporter.args[0])![1]);
    const app = docs.find((d) => d.kind === 'Deployment').spec.template.spec.containers[0];
    expect(app.ports.map((p: any) => p.containerPort)).toContain(statusPort);
    const { status, body } = await get(statusPort, '/stub_status');
    expect(status).toBe(200);
    expect(body).toMatch(/^Active connections: \d+/);
  });

  test('the app\'s requests are counted, and promtool accepts the metrics', async () => {
    const before = sample(await scrape(docs, exporter), 'nginx_http_requests_total');
    for (let i = 0; i < 7; i++) expect((await get(appPort, '/')).body).toBe('hello');
    const metrics = await scrape(docs, exporter);
    expect(sample(metrics, 'nginx_up')).toBe(1);
    // The exporter's own poll of stub_status counts too: at least the 7 requests, at most a few more.
    const served = sample(metrics, 'nginx_http_requests_total') - before;
    expect(served).toBeGreaterThanOrEqual(7);
    expect(served).toBeLessThanOrEqual(9);
    expectPromtoolPasses(metrics);
  });
});

describe('Redis, presented as Prometheus metrics by the Redis exporter', () => {
  let docs: any[];
  let exporter: any;
  let redisPort: number;

  /** Sends inline commands to Redis and waits for as many replies. */
  function redis(...commands: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      let replies = '';
      const socket = net.connect(redisPort, '127.0.0.1', () => socket.write(commands.map((c) => `${c}\r\n`).join('')));
      socket.on('data', (d) => {
        replies += d;
        if (replies.split('\r\n').length > commands.length) { socket.destroy(); resolve(replies); }
      });
      socket.on('error', reject);
    });
  }

  beforeAll(async () => {
    redisPort = await freePort();
    const chart = new Chart(Testing.app(), 'cache');
    const statefulSet = new kplus.StatefulSet(chart, 'redis', {
      containers: [{ name: 'redis', image: 'redis:7.4.1', ports: [{ number: redisPort }], securityContext: { user: 999 } }],
    });
    MetricsAdapter.addTo(statefulSet, { exporter: MetricsExporter.redis({ redisPort, metricsPort: await freePort() }) });
    ({ docs, exporter } = synthesized(chart));
    await start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], redisPort);
    await start('prometheus-redis-exporter', exporter.args, exporter.ports[0].containerPort);
  });

  test('the commands the app runs are counted, and promtool accepts the metrics', async () => {
    expect(await redis('SET visits 0', 'INCR visits', 'INCR visits', 'INCR visits', 'GET visits')).toContain('$1\r\n3\r\n');
    const metrics = await scrape(docs, exporter);
    expect(sample(metrics, 'redis_up')).toBe(1);
    expect(sample(metrics, 'redis_commands_total', '{cmd="incr"}')).toBe(3);
    expect(sample(metrics, 'redis_commands_total', '{cmd="set"}')).toBe(1);
    expect(sample(metrics, 'redis_db_keys', '{db="db0"}')).toBe(1);
    expectPromtoolPasses(metrics);
  });
});
