#!/usr/bin/env node
// End-to-end check of the generated Fluent Bit configurations with a real fluent-bit binary (not part of
// `npm test`: CI has no Fluent Bit). It ships real log lines through each configuration: to a stand-in
// Elasticsearch bulk endpoint on loopback, and to stdout.
// Usage: npm run build && node scripts/verify-fluent-bit.js /path/to/fluent-bit
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const https = require('https');
const os = require('os');
const path = require('path');
const { Testing } = require('cdk8s');
const kplus = require('cdk8s-plus-27');
const { CaBundle, LogDestination, LogSidecarPod } = require('../lib/src');

const binary = process.argv[2];
if (!binary) {
  console.error('usage: node scripts/verify-fluent-bit.js /path/to/fluent-bit');
  process.exit(2);
}

/** The generated fluent-bit.conf and sidecar env for a destination, with the state directory moved to `work`. */
function generate(work, destination) {
  const chart = Testing.chart();
  new LogSidecarPod(chart, 'pod', {
    securityContext: { user: 1000 },
    containers: [{ name: 'app', image: 'busybox:1.36.1' }],
    logDirectory: path.join(work, 'logs'),
    destination: destination(chart),
  });
  const docs = Testing.synth(chart);
  const config = docs.find((d) => d.kind === 'ConfigMap').data['fluent-bit.conf']
    .replace('/fluent-bit/state/', `${work}/state/`)
    .replace('/fluent-bit/etc/pod-patterns-ca/ca.crt', path.join(work, 'ca.crt'));
  const file = path.join(work, 'fluent-bit.conf');
  fs.writeFileSync(file, config);
  return file;
}

function run(file, env, seconds) {
  return new Promise((resolve) => {
    const child = spawn(binary, ['--config', file], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    setTimeout(() => child.kill('SIGTERM'), seconds * 1000);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function workdir(lines) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-fluent-bit-'));
  fs.mkdirSync(path.join(work, 'logs'));
  fs.mkdirSync(path.join(work, 'state'));
  fs.writeFileSync(path.join(work, 'logs', 'app.log'), lines.map((l) => `${l}\n`).join(''));
  return work;
}

function check(name, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `\n${detail}`}`);
  if (!ok) process.exitCode = 1;
}

async function stdoutDestination() {
  const lines = ['first line for stdout', 'second line for stdout'];
  const work = workdir(lines);
  const result = await run(generate(work, () => LogDestination.stdout()), {}, 4);
  const printed = result.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  check('stdout: starts without configuration errors', !/\[error\]/.test(result.stderr), result.stderr);
  check('stdout: prints every log line as a JSON line', lines.every((l) => printed.some((r) => r.log === l && r.file.endsWith('app.log'))), result.stdout);
}

async function elasticsearchDestination() {
  const lines = ['first line for elasticsearch', 'second line for elasticsearch'];
  const work = workdir(lines);
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ took: 1, errors: false, items: [] }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const file = generate(work, (chart) => LogDestination.elasticsearch({
    host: '127.0.0.1',
    port,
    index: 'app-logs',
    basicAuth: { username: 'shipper', passwordSecret: kplus.Secret.fromSecretName(chart, 's', 'es-credentials') },
  }));
  const result = await run(file, { LOG_SHIPPER_ES_PASSWORD: 'from-the-secret' }, 5);
  server.close();
  const bulk = requests.filter((r) => r.method === 'POST' && r.url.startsWith('/_bulk'));
  const documents = bulk.flatMap((r) => r.body.split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  check('elasticsearch: starts without configuration errors', !/\[error\]/.test(result.stderr), result.stderr);
  check('elasticsearch: POSTs to the _bulk endpoint', bulk.length > 0, JSON.stringify(requests, null, 2));
  check('elasticsearch: writes into the configured index', documents.some((d) => d.create?._index === 'app-logs' || d.index?._index === 'app-logs'), JSON.stringify(documents));
  check('elasticsearch: ships every log line', lines.every((l) => documents.some((d) => d.log === l)), JSON.stringify(documents));
  const expected = `Basic ${Buffer.from('shipper:from-the-secret').toString('base64')}`;
  check('elasticsearch: authenticates with the password from the environment', bulk.every((r) => r.auth === expected), JSON.stringify(bulk.map((r) => r.auth)));
}

/** A private CA and a server certificate for 127.0.0.1 signed by it, made with openssl in `dir`. */
function privateCa(dir, name) {
  const at = (f) => path.join(dir, `${name}-${f}`);
  const openssl = (...args) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name} CA`, '-keyout', at('ca.key'), '-out', at('ca.crt'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', at('server.key'), '-out', at('server.csr'));
  fs.writeFileSync(at('san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', at('san.cnf'), '-out', at('server.crt'));
  return { ca: fs.readFileSync(at('ca.crt')), key: fs.readFileSync(at('server.key')), cert: fs.readFileSync(at('server.crt')) };
}

/**
 * TLS with a private CA (`tls.ca`): Fluent Bit verifies an HTTPS stand-in whose certificate the CA signed,
 * and ships to it; given another CA, it refuses the server and ships nothing.
 */
async function elasticsearchPrivateCa() {
  for (const [label, trusted] of [['the CA that signed the server', true], ['another CA', false]]) {
    const lines = [`tls line (${label})`];
    const work = workdir(lines);
    const signer = privateCa(work, 'signer');
    fs.writeFileSync(path.join(work, 'ca.crt'), trusted ? signer.ca : privateCa(work, 'other').ca);
    const bodies = [];
    const server = https.createServer({ key: signer.key, cert: signer.cert }, (req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        bodies.push(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ took: 1, errors: false, items: [] }));
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const file = generate(work, (chart) => LogDestination.elasticsearch({
      host: '127.0.0.1',
      port: server.address().port,
      index: 'app-logs',
      tls: { verify: true, ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'es-ca')) },
    }));
    const config = fs.readFileSync(file, 'utf-8');
    await run(file, {}, 5);
    server.close();
    const shipped = bodies.some((b) => lines.every((l) => b.includes(l)));
    check(`elasticsearch over TLS, trusting ${label}: the config names the CA file`, new RegExp(`^\\s*tls\\.ca_file\\s+${path.join(work, 'ca.crt')}$`, 'm').test(config), config);
    check(`elasticsearch over TLS, trusting ${label}: ${trusted ? 'ships the line' : 'ships nothing'}`, shipped === trusted, JSON.stringify(bodies));
  }
}

(async () => {
  await stdoutDestination();
  await elasticsearchDestination();
  await elasticsearchPrivateCa();
})();
