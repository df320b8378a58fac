import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Ambassador, CaBundle, ProxySidecar } from '../../src';
import { freePort, listening } from '../_support/loopback';

/**
 * The network sidecars' generated nginx configurations, run with a real nginx on loopback (Debian's 1.22
 * with its stream module; the image's 1.28 accepts the same directives): `nginx -t` on each, then traffic
 * through them. A system test (`npm run test:system`, run by CI, which installs nginx and openssl): it
 * fails, never skips, when they are missing.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'network-sidecars-'));
const STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

/** A throwaway CA, and a certificate for 127.0.0.1 and localhost that it signed. */
function certificates(name: string): { ca: string; cert: string; key: string } {
  const at = (f: string) => path.join(work, `${name}-${f}`);
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name} CA`, '-keyout', at('ca.key'), '-out', at('ca.crt'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', at('tls.key'), '-out', at('tls.csr'));
  fs.writeFileSync(at('san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl('x509', '-req', '-in', at('tls.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', at('san.cnf'), '-out', at('tls.crt'));
  return { ca: at('ca.crt'), cert: at('tls.crt'), key: at('tls.key') };
}


/** The nginx.conf and the nginx command of the first nginx sidecar of the synthesized chart, with the pod's paths moved into `dir`. */
function generated(chart: Chart, dir: string, files: Record<string, string>): { conf: string; command: string[] } {
  const docs = Testing.synth(chart);
  const workload = docs.find((d) => d.kind === 'Pod' || d.kind === 'Deployment');
  const spec = workload.kind === 'Pod' ? workload.spec : workload.spec.template.spec;
  const sidecar = [...(spec.initContainers ?? []), ...spec.containers].find((c: any) => c.image.startsWith('nginxinc/'));
  let text: string = docs.find((d) => d.kind === 'ConfigMap' && d.data['nginx.conf']).data['nginx.conf'];
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
  text = text.replaceAll('/tmp/', `${dir}/run/`);
  for (const [from, to] of Object.entries(files)) text = text.replaceAll(from, to);
  // Debian builds the stream module as a dynamic module; the image has it built in.
  if (text.includes('\nstream {') && fs.existsSync(STREAM_MODULE)) text = `load_module ${STREAM_MODULE};\n${text}`;
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, text);
  const command = sidecar.command.map((a: string) => (a === '/etc/nginx/pod-patterns/nginx.conf' ? conf : a));
  return { conf, command };
}

const running: ChildProcess[] = [];
async function startNginx(command: string[], readyPort: number): Promise<ChildProcess> {
  const conf = command[command.indexOf('-c') + 1];
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', stdoutFile(conf), 'pipe'] });
  running.push(child);
  let output = '';
  child.stderr!.on('data', (d) => { output += d; });
  for (let i = 0; i < 100; i++) {
    if (await listening(readyPort)) return child;
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${readyPort}: ${output}`);
}

afterAll(async () => {
  for (const child of running) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    }
  }
});

/**
 * nginx's stdout is a file here: node's pipes to a child are sockets, which nginx cannot open as
 * `/dev/stdout` (ENXIO); in a pod, a container's stdout is a pipe, which it can.
 */
function stdoutFile(conf: string): number {
  return fs.openSync(`${conf}.stdout`, 'a');
}

function nginxTest(conf: string): { status: number | null; output: string } {
  const result = spawnSync('nginx', ['-t', '-e', 'stderr', '-c', conf], { encoding: 'utf8', stdio: ['ignore', stdoutFile(conf), 'pipe'] });
  return { status: result.status, output: `${result.stderr}` };
}

test('nginx and openssl are installed (npm run test:system needs them; .ci/run installs them)', () => {
  expect(spawnSync('nginx', ['-v']).status).toBe(0);
  expect(spawnSync('openssl', ['version']).status).toBe(0);
});

describe('the TLS proxy in front of the app', () => {
  const dir = path.join(work, 'proxy');
  const certs = certificates('proxy');
  const seen: Array<{ method?: string; url?: string; httpVersion: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  let upstream: http.Server;
  let ports: { app: number; proxy: number; redirect: number };

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, httpVersion: req.httpVersion, headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    ports = { app: (upstream.address() as net.AddressInfo).port, proxy: await freePort(), redirect: await freePort() };
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [{ name: 'app', image: 'registry.example.com/app:1.0', ports: [{ number: ports.app }], securityContext: { user: 1000 } }] });
    ProxySidecar.addTo(web, {
      appPort: ports.app, port: ports.proxy, redirectPort: ports.redirect, tlsSecret: kplus.Secret.fromSecretName(chart, 'tls', 'web-tls'), maxBodySize: Size.kibibytes(64),
    });
    const { conf, command } = generated(chart, dir, { '/etc/nginx/pod-patterns-tls/tls.crt': certs.cert, '/etc/nginx/pod-patterns-tls/tls.key': certs.key });
    expect(nginxTest(conf)).toEqual({ status: 0, output: expect.stringContaining('test is successful') });
    await startNginx(command, ports.proxy);
  });
  afterAll(() => new Promise((resolve) => upstream.close(resolve)));

  function request(options: https.RequestOptions & { body?: string }): Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port: ports.proxy, ca: fs.readFileSync(certs.ca), servername: 'localhost', ...options }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(options.body);
    });
  }

  test('terminates TLS with the Secret\'s certificate and forwards to the app on 127.0.0.1, with the forwarded headers', async () => {
    const response = await request({ path: '/hello?x=1', headers: { host: 'web.example.com' } });
    expect(response.status).toBe(200);
    const echoed = JSON.parse(response.body);
    expect(echoed.url).toBe('/hello?x=1');
    expect(echoed.headers).toMatchObject({
      'host': 'web.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1',
      'x-forwarded-host': 'web.example.com', 'x-forwarded-port': '443',
    });
  });

  test('speaks HTTP/1.1 to the app and keeps the connection alive (no Connection: close)', async () => {
    await request({ path: '/keepalive' });
    const last = seen[seen.length - 1];
    expect(last.httpVersion).toBe('1.1');
    expect(last.headers.connection).toBeUndefined();
  });

  test('passes a request body through, and refuses one over maxBodySize with 413', async () => {
    const small = await request({ method: 'POST', path: '/upload', body: 'a'.repeat(1000), headers: { 'content-type': 'text/plain' } });
    expect(JSON.parse(small.body).body).toBe('a'.repeat(1000));
    const large = await request({ method: 'POST', path: '/upload', body: 'a'.repeat(100 * 1024) });
    expect(large.status).toBe(413);
  });

  test('the redirect port answers plain HTTP with a 301 to https', async () => {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: ports.redirect, path: '/a/b?c=d', headers: { host: 'web.example.com' } }, resolve).on('error', reject);
    });
    response.resume();
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('https://web.example.com/a/b?c=d');
  });

  test('a client that does not trust the CA is refused by its own TLS check (the certificate is the Secret\'s)', async () => {
    await expect(request({ path: '/', ca: undefined })).rejects.toThrow(/self[- ]signed|unable to (verify|get)/i);
  });
});

describe('the ambassador to a remote service', () => {
  const remoteCerts = certificates('remote');
  const otherCa = certificates('other');
  let plainRemote: net.Server;
  let tlsRemote: tls.Server;

  const echo = (socket: net.Socket) => socket.on('data', (d) => socket.write(`echo:${d}`));
  beforeAll(async () => {
    plainRemote = net.createServer(echo);
    tlsRemote = tls.createServer({ cert: fs.readFileSync(remoteCerts.cert), key: fs.readFileSync(remoteCerts.key) }, echo);
    await Promise.all([plainRemote, tlsRemote].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
  });
  afterAll(() => Promise.all([plainRemote, tlsRemote].map((s) => new Promise((resolve) => s.close(resolve)))));

  /** A round trip through the ambassador's local port: what came back, or '' when the connection closed without an answer. */
  function roundTrip(port: number): Promise<string> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('PING'));
      let answer = '';
      socket.on('data', (d) => { answer += d; if (answer.length >= 'echo:PING'.length) socket.end(); });
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
      socket.setTimeout(5000, () => socket.destroy());
    });
  }

  type TlsProps = ((chart: Chart) => { ca?: CaBundle; serverName?: string }) | undefined;
  async function ambassador(name: string, remote: net.Server, tlsProps: TlsProps, caFile?: string) {
    const dir = path.join(work, name);
    const localPort = await freePort();
    const statusPort = await freePort();
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ name: 'app', image: 'registry.example.com/app:1.0', securityContext: { user: 1000 } }] });
    const amb = Ambassador.addTo(pod, {
      remoteHost: 'localhost', remotePort: (remote.address() as net.AddressInfo).port, localPort, statusPort, envVariable: 'REMOTE_ADDR',
      tls: tlsProps?.(chart),
    });
    const { conf, command } = generated(chart, dir, caFile ? { '/etc/nginx/pod-patterns-ca/ca.crt': caFile } : {});
    expect(nginxTest(conf)).toEqual({ status: 0, output: expect.stringContaining('test is successful') });
    await startNginx(command, statusPort);
    return { localPort, statusPort, amb, conf, docs: Testing.synth(chart) };
  }

  test('carries TCP from 127.0.0.1:<localPort> to the remote end, and gives the app the address', async () => {
    const { localPort, statusPort, docs } = await ambassador('plain', plainRemote, undefined);
    expect(await roundTrip(localPort)).toBe('echo:PING');
    const app = docs.find((d) => d.kind === 'Pod').spec.containers[0];
    expect(app.env).toEqual([{ name: 'REMOTE_ADDR', value: `127.0.0.1:${localPort}` }]);
    const ready = await new Promise<number | undefined>((resolve) => http.get(`http://127.0.0.1:${statusPort}/ready`, (r) => { r.resume(); resolve(r.statusCode); }));
    expect(ready).toBe(200);
  });

  test('listens on loopback only: the pod\'s other addresses do not reach it', async () => {
    const { localPort, conf } = await ambassador('loopback', plainRemote, undefined);
    expect(fs.readFileSync(conf, 'utf8')).toContain(`listen 127.0.0.1:${localPort};`);
    // Where the machine has another address, a connection to it on that port is refused.
    const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? '127.0.0.2';
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(localPort, external, () => { socket.destroy(); resolve(false); });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  test('wraps the connection in TLS, verifying the remote end with the CA bundle', async () => {
    const ca = (chart: Chart) => ({ ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'remote-ca')) });
    const { localPort } = await ambassador('tls', tlsRemote, ca, remoteCerts.ca);
    expect(await roundTrip(localPort)).toBe('echo:PING');
  });

  test('refuses a remote end whose certificate another CA signed: nothing is carried', async () => {
    const ca = (chart: Chart) => ({ ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'remote-ca')) });
    const { localPort } = await ambassador('wrong-ca', tlsRemote, ca, otherCa.ca);
    expect(await roundTrip(localPort)).toBe('');
  });
});

describe('the example app\'s network sidecars (dist/)', () => {
  const certs = certificates('dist');
  const dist = path.join(__dirname, '..', '..', 'dist');
  const configs = fs.readdirSync(dist).filter((f) => f.endsWith('.k8s.yaml')).flatMap((file) => {
    const docs = require('yaml').parseAllDocuments(fs.readFileSync(path.join(dist, file), 'utf8')).map((d: any) => d.toJS());
    return docs.filter((d: any) => d?.kind === 'ConfigMap' && d.data?.['nginx.conf']).map((d: any) => [`${file}: ${d.metadata.name}`, d.data['nginx.conf']] as const);
  });

  test('there are some: the TLS proxy and the ambassador', () => {
    expect(configs.length).toBe(2);
  });

  test.each(configs)('%s passes nginx -t', (name, text) => {
    const dir = path.join(work, 'dist', name.replace(/[^a-z0-9-]/gi, '_'));
    fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
    let conf = text.replaceAll('/tmp/', `${dir}/run/`)
      .replaceAll('/etc/nginx/pod-patterns-tls/tls.crt', certs.cert).replaceAll('/etc/nginx/pod-patterns-tls/tls.key', certs.key)
      .replaceAll('/etc/nginx/pod-patterns-ca/ca.crt', certs.ca)
      // nginx resolves an upstream's host when it loads the file: the cluster's service names do not resolve here.
      .replace(/^(\s+server )[a-z0-9.-]+\.svc\.cluster\.local:/m, '$1127.0.0.1:');
    if (conf.includes('\nstream {') && fs.existsSync(STREAM_MODULE)) conf = `load_module ${STREAM_MODULE};\n${conf}`;
    const file = path.join(dir, 'nginx.conf');
    fs.writeFileSync(file, conf);
    expect(nginxTest(file)).toEqual({ status: 0, output: expect.stringContaining('test is successful') });
  });
});
