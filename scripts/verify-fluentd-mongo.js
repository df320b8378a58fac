#!/usr/bin/env node
// End-to-end check of the generated Fluentd -> MongoDB configurations with a real Fluentd (not part of
// `npm test`: CI cannot fetch the sources). Fluentd 1.16.11, serverengine 2.4.0, fluent-plugin-mongo 1.6.3
// and the mongo Ruby driver 2.18.3 run from their source trees with Debian's Ruby; the MongoDB server is
// the stand-in of scripts/mongo-stand-in.js (OP_MSG and SCRAM-SHA-256 on 127.0.0.1).
// Usage: npm run verify:fluentd-mongo -- <fluentd> <serverengine> <fluent-plugin-mongo> <mongo-ruby-driver>
// (the four source trees, in any order; Debian: ruby ruby-msgpack ruby-yajl ruby-cool.io ruby-sigdump
// ruby-tzinfo ruby-strptime ruby-webrick ruby-concurrent ruby-bson).
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Duration, Testing } = require('cdk8s');
const kplus = require('cdk8s-plus-27');
const { LogDestination, LogSidecar, LogSidecarPod, SidecarMode } = require('../lib/src');
const { startMongoStandIn } = require('./mongo-stand-in');

/** Each source tree is recognised by a file only it has, so the order of the arguments does not matter. */
const TREES = {
  fluentd: 'lib/fluent/supervisor.rb',
  serverengine: 'lib/serverengine.rb',
  plugin: 'lib/fluent/plugin/out_mongo.rb',
  driver: 'lib/mongo.rb',
};
const trees = {};
for (const dir of process.argv.slice(2)) {
  const name = Object.keys(TREES).find((t) => fs.existsSync(path.join(dir, TREES[t])));
  if (name) trees[name] = path.resolve(dir);
}
const missing = Object.keys(TREES).filter((t) => !trees[t]);
if (missing.length) {
  console.error(`usage: node scripts/verify-fluentd-mongo.js <fluentd> <serverengine> <fluent-plugin-mongo> <mongo-ruby-driver>\nmissing: ${missing.join(', ')}`);
  process.exit(2);
}
const RUBYLIB = ['fluentd', 'serverengine', 'plugin', 'driver'].map((t) => path.join(trees[t], 'lib')).join(':');

// The image's user (fluentd-mongo.Dockerfile). Run as that uid when this script runs as root.
const SHIPPER_UID = 10001;
const asShipper = process.getuid?.() === 0;
const PASSWORD = 'pw-from-the-secret-7f3a';
const WRONG_PASSWORD = 'not-the-password-91c2';
const USERS = [{ db: 'admin', user: 'shipper', password: PASSWORD }, { db: 'logs', user: 'local-shipper', password: PASSWORD }];

const children = new Set();
const outputs = [];

function check(name, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || detail === undefined ? '' : `\n${typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)}`}`);
  if (!ok) process.exitCode = 1;
}

/** A work directory laid out as in the pod: logs readable by others, state and /tmp writable by the shipper. */
function workdir() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-fluentd-mongo-'));
  fs.chmodSync(work, 0o755);
  for (const [dir, mode] of [['logs', 0o755], ['state', 0o777], ['tmp', 0o1777], ['bin', 0o755]]) {
    fs.mkdirSync(path.join(work, dir));
    fs.chmodSync(path.join(work, dir), mode);
  }
  // The container runs `fluentd ...`; here that is Ruby on the fluentd source tree.
  fs.writeFileSync(path.join(work, 'bin', 'fluentd'), `#!/bin/sh\nexec ruby ${path.join(trees.fluentd, 'bin', 'fluentd')} "$@"\n`, { mode: 0o755 });
  return work;
}

function appendLines(work, lines, file = 'app.log') {
  fs.appendFileSync(path.join(work, 'logs', file), lines.map((l) => `${l}\n`).join(''), { mode: 0o644 });
}

/**
 * The generated fluent.conf and the shipper container, with the pod's paths moved into `work`: a
 * LogSidecarPod, or with `mode` a Job (with its deadline) that LogSidecar.addTo gives that mode.
 */
function generate(work, destination, mode) {
  const chart = Testing.chart();
  const app = { name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } };
  const logDirectory = path.join(work, 'logs');
  if (mode) {
    const job = new kplus.Job(chart, 'job', { containers: [app], activeDeadline: Duration.minutes(10) });
    LogSidecar.addTo(job, { destination: destination(chart), logDirectory, mode });
  } else {
    new LogSidecarPod(chart, 'pod', { containers: [app], logDirectory, destination: destination(chart) });
  }
  const docs = Testing.synth(chart);
  const workload = docs.find((d) => d.kind === 'Pod' || d.kind === 'Job');
  const spec = workload.kind === 'Job' ? workload.spec.template.spec : workload.spec;
  const shipper = [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === 'log-shipper');
  const configFile = path.join(work, 'fluent.conf');
  const config = docs.find((d) => d.kind === 'ConfigMap').data['fluent.conf'].replaceAll('/fluentd/state/', `${work}/state/`);
  fs.writeFileSync(configFile, config, { mode: 0o644 });
  const move = (arg) => arg.replace('/fluentd/etc/pod-patterns/fluent.conf', configFile);
  const argv = [...(shipper.command ?? []), ...shipper.args].map(move);
  return { argv, config, shipper };
}

/** Starts the shipper's command in its own process group (Fluentd's supervisor and worker die together). */
function start(work, argv, env) {
  const child = spawn(argv[0], argv.slice(1), {
    cwd: work,
    detached: true,
    env: { PATH: `${path.join(work, 'bin')}:${process.env.PATH}`, HOME: path.join(work, 'tmp'), TMPDIR: path.join(work, 'tmp'), RUBYLIB, ...env },
    ...(asShipper ? { uid: SHIPPER_UID, gid: SHIPPER_UID } : {}),
  });
  const run = { child, output: '', exit: undefined };
  children.add(child);
  child.stdout.on('data', (d) => { run.output += d; });
  child.stderr.on('data', (d) => { run.output += d; });
  run.exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    children.delete(child);
    run.exit = { code, signal };
    outputs.push(run.output);
    resolve(run.exit);
  }));
  return run;
}

async function stop(run, seconds = 20) {
  if (run.exit) return run.exit;
  try { process.kill(-run.child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const timer = setTimeout(() => { try { process.kill(-run.child.pid, 'SIGKILL'); } catch { /* gone */ } }, seconds * 1000);
  const exit = await run.exited;
  clearTimeout(timer);
  return exit;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, seconds) {
  for (let waited = 0; waited < seconds * 1000; waited += 250) {
    if (condition()) return true;
    await sleep(250);
  }
  return condition();
}

const linesIn = (server, db, collection) => server.inserted.filter((i) => i.db === db && i.collection === collection).map((i) => i.document.message);

const secret = (chart, name) => kplus.Secret.fromSecretName(chart, name, name);
const image = 'registry.example.com/fluentd-mongo:1.16.11-1.6.3';

/**
 * Every configuration the destination can emit, with the environment the Secret would give, and whether
 * it talks to the server that requires authentication.
 */
function configurations(open, secured) {
  const auth = (chart, authSource) => ({ username: 'shipper', password: { secret: secret(chart, 'mongo-auth'), key: 'password' }, ...(authSource ? { authSource } : {}) });
  return [
    ['a connection string', open, 'logs', (chart) => LogDestination.mongodb({ image, database: 'logs', collection: 'app_logs', connectionString: { secret: secret(chart, 'mongo-uri'), key: 'uri' } }),
      { LOG_SHIPPER_MONGO_URI: `mongodb://127.0.0.1:${open.port}/logs` }],
    ['a connection string with credentials', secured, 'audit', (chart) => LogDestination.mongodb({ image, database: 'audit', collection: 'app_logs', connectionString: { secret: secret(chart, 'mongo-uri'), key: 'uri' } }),
      { LOG_SHIPPER_MONGO_URI: `mongodb://shipper:${PASSWORD}@127.0.0.1:${secured.port}/audit?authSource=admin` }],
    ['host and database', open, 'logs', () => LogDestination.mongodb({ image, host: '127.0.0.1', port: open.port, database: 'logs', collection: 'app_logs' }), {}],
    ['host and auth (user defined in the database)', secured, 'logs', (chart) => LogDestination.mongodb({ image, host: '127.0.0.1', port: secured.port, database: 'logs', collection: 'app_logs',
      auth: { ...auth(chart), username: 'local-shipper' } }), { LOG_SHIPPER_MONGO_PASSWORD: PASSWORD }],
    ['host and auth with authSource', secured, 'logs', (chart) => LogDestination.mongodb({ image, host: '127.0.0.1', port: secured.port, database: 'logs', collection: 'app_logs', auth: auth(chart, 'admin') }),
      { LOG_SHIPPER_MONGO_PASSWORD: PASSWORD }],
  ];
}

async function shipsEveryLine(open, secured) {
  for (const [name, server, database, destination, env] of configurations(open, secured)) {
    const work = workdir();
    const lines = [`first line via ${name}`, `second line via ${name}`, `a "quoted" line with # and \\ via ${name}`];
    appendLines(work, lines);
    const { argv } = generate(work, destination);
    const before = server.inserted.length;
    const run = start(work, argv, env);
    const arrived = await until(() => lines.every((l) => linesIn(server, database, 'app_logs').includes(l)), 40);
    await stop(run);
    const documents = server.inserted.slice(before);
    check(`${name}: every line arrives as a document in ${database}.app_logs`, arrived, { documents, output: run.output });
    check(`${name}: each document has the line, its file and a time`, documents.length > 0 && documents.every((d) => d.document.file?.endsWith('app.log') && d.document.time instanceof Date), documents);
    check(`${name}: nothing is written into admin`, !documents.some((d) => d.db === 'admin'), documents);
    check(`${name}: stops on SIGTERM with status 0`, run.exit?.code === 0, { exit: run.exit, output: run.output });
  }
}

async function wrongPassword(server) {
  const work = workdir();
  appendLines(work, ['a line that must not arrive']);
  const { argv } = generate(work, (chart) => LogDestination.mongodb({ image, host: '127.0.0.1', port: server.port, database: 'logs', collection: 'denied',
    auth: { username: 'shipper', authSource: 'admin', password: { secret: secret(chart, 'mongo-auth'), key: 'password' } } }));
  const failedBefore = server.authentications.filter((a) => !a.ok).length;
  const run = start(work, argv, { LOG_SHIPPER_MONGO_PASSWORD: WRONG_PASSWORD });
  const refused = await until(() => server.authentications.filter((a) => !a.ok).length > failedBefore, 40);
  await sleep(3000);
  await stop(run);
  check('a wrong password: the server refuses the authentication', refused, server.authentications);
  check('a wrong password: inserts nothing', linesIn(server, 'logs', 'denied').length === 0, server.inserted);
}

async function restartShipsOnlyNewLines(server) {
  const work = workdir();
  const destination = () => LogDestination.mongodb({ image, host: '127.0.0.1', port: server.port, database: 'logs', collection: 'restart' });
  const { argv } = generate(work, destination);
  const first = ['before the restart 1', 'before the restart 2'];
  appendLines(work, first);
  let run = start(work, argv, {});
  await until(() => first.every((l) => linesIn(server, 'logs', 'restart').includes(l)), 40);
  await stop(run);
  const second = ['after the restart 1', 'after the restart 2'];
  appendLines(work, second);
  run = start(work, argv, {});
  await until(() => second.every((l) => linesIn(server, 'logs', 'restart').includes(l)), 40);
  await sleep(6000); // one more flush interval, in case old lines were read again
  await stop(run);
  const shipped = linesIn(server, 'logs', 'restart');
  check('a restart: the new lines arrive', second.every((l) => shipped.includes(l)), shipped);
  check('a restart: the lines shipped before are not shipped again (the position file)', [...first, ...second].every((l) => shipped.filter((s) => s === l).length === 1), shipped);
}

async function shutdownMarker(server) {
  const work = workdir();
  const { argv } = generate(work, () => LogDestination.mongodb({ image, host: '127.0.0.1', port: server.port, database: 'logs', collection: 'job' }),
    SidecarMode.shutdownMarker({ graceSeconds: 8 }));
  const run = start(work, argv, {});
  await sleep(4000);
  appendLines(work, ['the job did some work', 'the last line of the job']);
  fs.writeFileSync(path.join(work, 'logs', '.app-done'), '');
  const exited = await Promise.race([run.exited.then(() => true), sleep(60000).then(() => false)]);
  if (!exited) await stop(run);
  const shipped = linesIn(server, 'logs', 'job');
  check('shutdown marker: the shipper exits by itself after the marker', exited, run.output);
  check('shutdown marker: exits with status 0', run.exit?.code === 0, { exit: run.exit, output: run.output });
  check('shutdown marker: the last line is shipped (flush at shutdown)', shipped.includes('the last line of the job'), { shipped, output: run.output });
}

async function emptyCredentialsStopAtStart(server) {
  const cases = [
    ['an empty connection string', (chart) => LogDestination.mongodb({ image, database: 'logs', collection: 'c', connectionString: { secret: secret(chart, 'mongo-uri'), key: 'uri' } }),
      { LOG_SHIPPER_MONGO_URI: '' }, 'LOG_SHIPPER_MONGO_URI is empty or unset: set key uri of Secret mongo-uri'],
    ['a connection string without a database', (chart) => LogDestination.mongodb({ image, database: 'logs', collection: 'c', connectionString: { secret: secret(chart, 'mongo-uri'), key: 'uri' } }),
      { LOG_SHIPPER_MONGO_URI: `mongodb://127.0.0.1:${server.port}` }, 'names no database, so the logs would go to admin'],
    ['an empty password', (chart) => LogDestination.mongodb({ image, host: '127.0.0.1', port: server.port, database: 'logs', collection: 'c',
      auth: { username: 'shipper', password: { secret: secret(chart, 'mongo-auth'), key: 'password' } } }),
    { LOG_SHIPPER_MONGO_PASSWORD: '' }, 'LOG_SHIPPER_MONGO_PASSWORD is empty or unset: set key password of Secret mongo-auth'],
  ];
  for (const [name, destination, env, message] of cases) {
    const work = workdir();
    appendLines(work, ['never shipped']);
    const run = start(work, generate(work, destination).argv, env);
    const exited = await Promise.race([run.exited.then(() => true), sleep(30000).then(() => false)]);
    if (!exited) await stop(run);
    check(`${name}: Fluentd exits at start with status 1`, exited && run.exit.code === 1, { exit: run.exit, output: run.output });
    const named = run.output.includes('cdk8s-pod-patterns: ') && run.output.includes(message);
    check(`${name}: its output names the problem and the Secret key`, named, run.output);
  }
}

/**
 * MongoDB down when the shipper starts: Fluentd keeps the lines in its file buffer and retries; once a
 * server comes up on that port, they arrive (the retry interval is capped at 30 s).
 */
async function mongoDownAtStart() {
  const probe = require('net').createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
  const work = workdir();
  const lines = ['written while MongoDB was down'];
  appendLines(work, lines);
  const run = start(work, generate(work, () => LogDestination.mongodb({ image, host: '127.0.0.1', port, database: 'logs', collection: 'late' })).argv, {});
  await sleep(45000);
  const alive = run.exit === undefined;
  const server = await startMongoStandIn({ port });
  const arrived = await until(() => linesIn(server, 'logs', 'late').length > 0, 90);
  await stop(run);
  await server.close();
  check('MongoDB down at start: the shipper keeps running', alive, run.output);
  check('MongoDB down at start: the line arrives once the server is up', arrived, run.output);
  check('MongoDB down at start: Fluentd says it retries', /failed to flush the buffer/.test(run.output), run.output);
}

/** Processes still running from one of this script's work directories. */
function leftovers() {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try { return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('verify-fluentd-mongo-'); } catch { return false; }
  });
}

(async () => {
  const user = asShipper ? `uid ${SHIPPER_UID} (the image's user)` : `uid ${process.getuid?.()} (run as root to check uid ${SHIPPER_UID})`;
  console.log(`Fluentd from ${trees.fluentd}, running as ${user}`);
  const open = await startMongoStandIn();
  const secured = await startMongoStandIn({ users: USERS });
  try {
    await shipsEveryLine(open, secured);
    await wrongPassword(secured);
    await restartShipsOnlyNewLines(open);
    await shutdownMarker(open);
    await emptyCredentialsStopAtStart(open);
    await mongoDownAtStart();
    const leaked = outputs.filter((o) => o.includes(PASSWORD) || o.includes(WRONG_PASSWORD));
    check('no password appears in Fluentd\'s output', leaked.length === 0, leaked);
    check(`every run was as uid ${SHIPPER_UID}`, asShipper, 'not run as root: the uid check needs root to switch user');
  } finally {
    for (const child of children) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
    await open.close();
    await secured.close();
  }
  await sleep(500);
  const left = leftovers();
  check('no Fluentd process is left behind', left.length === 0, left);
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
