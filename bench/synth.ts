import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { checkManifest } from '../src';
import * as engine from '../src/checks/engine';
import { median, timeRounds } from './_measure';
import { handWrittenPod, patternPod } from './bench-pods';
import { manifests, newChart, prepare, shipper, Variant, VARIANT_IDS, VARIANTS } from './variants';

/**
 * `npm run bench`: synthesis cost of the pattern constructs against hand-written cdk8s-plus-27, raw
 * ApiObjects and plain YAML, at 1,000 and 10,000 pods (variants.ts): the time in one process, the
 * variants interleaved over rounds (one warm-up, then ROUNDS measured; medians), and the peak memory of
 * one synthesis of each in a process of its own (peak-memory.ts). Asserts nothing: it prints what it
 * measured.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const root = path.resolve(__dirname, '..', '..');
const quiet = process.stderr.write.bind(process.stderr);

// (a) and (b) must emit the same documents, or they did not do the same work.
(() => {
  const a = newChart();
  const b = newChart();
  for (let i = 0; i < 3; i++) {
    patternPod(a.chart, i);
    handWrittenPod(b.chart, i, shipper);
  }
  const sortDocs = (docs: any[]) => docs.map((d) => JSON.stringify(d)).sort();
  const da = sortDocs(Testing.synth(a.chart));
  const db = sortDocs(Testing.synth(b.chart));
  if (JSON.stringify(da) !== JSON.stringify(db)) {
    console.error('the pattern and the hand-written pods differ:\n', da.find((d, i) => d !== db[i]), '\n', db.find((d, i) => d !== da[i]));
    process.exit(1);
  }
  console.log(`check: (a) patterns and (b) hand-written cdk8s-plus emit the same ${da.length} documents for 3 pods`);
})();

// The engine's time inside the synthesis of (a): the checks call it through the engine module's export
// (CommonJS), which is wrapped here, for the bench only, to time each call. The first checks of each run
// are timed apart: V8 optimizes the engine only after it has run a while (see docs/performance.md).
const WARM_UP_CHECKS = 200;
const inSynthesis = { ns: 0n, calls: 0, on: false, callsThisRun: 0, warmUpNs: 0n, warmUpCalls: 0 };
const unwrapped = engine.checkManifest;
(engine as { checkManifest: typeof checkManifest }).checkManifest = (...args) => {
  if (!inSynthesis.on) return unwrapped(...args);
  const started = process.hrtime.bigint();
  try {
    return unwrapped(...args);
  } finally {
    const ns = process.hrtime.bigint() - started;
    inSynthesis.ns += ns;
    inSynthesis.calls++;
    if (inSynthesis.callsThisRun++ < WARM_UP_CHECKS) {
      inSynthesis.warmUpNs += ns;
      inSynthesis.warmUpCalls++;
    }
  }
};

/** A run of a variant; (a)'s is where the engine's calls are timed. */
function runVariant(v: Variant, n: number): string {
  if (v !== 'a') return VARIANTS[v].run(n);
  inSynthesis.on = true;
  inSynthesis.callsThisRun = 0;
  try {
    return VARIANTS.a.run(n);
  } finally {
    inSynthesis.on = false;
  }
}

const results: Record<string, Record<Variant, { msPerPod: number; peakRssMb: number }>> = {};
for (const n of SIZES) {
  prepare(n);
  const times: Record<Variant, number[]> = { a: [], b: [], c: [], d: [] };
  process.stderr.write = (() => true) as any; // the patterns' warnings are not what is measured
  for (let round = 0; round <= ROUNDS; round++) {
    for (const v of VARIANT_IDS) {
      (global as any).gc?.();
      const [ms] = timeRounds(() => runVariant(v, n), 1, 0);
      if (round > 0) times[v].push(ms); // round 0 is the warm-up
    }
  }
  process.stderr.write = quiet;
  results[n] = Object.fromEntries(VARIANT_IDS.map((v) => [v, { msPerPod: median(times[v]) / n, peakRssMb: peakRssMb(v, n) }])) as any;
}

/** The peak resident memory of one synthesis of a variant in a process of its own (peak-memory.ts). */
function peakRssMb(v: Variant, n: number): number {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'peak-memory.js'), v, String(n)], { encoding: 'utf8' });
  return JSON.parse(output).peakRssMb;
}

// The check engine, per pod, on the benchmark pod.
const enginePods = Array.from({ length: 20_000 }, (_, i) => manifests(i % 50)[0]);
const engineMs = median(timeRounds(() => { for (const p of enginePods) checkManifest(p); }, ROUNDS, 1));
const engineUs = (engineMs * 1000) / enginePods.length;
const engineInSynthesisUs = Number(inSynthesis.ns) / 1000 / Math.max(1, inSynthesis.calls);
const engineWarmUpUs = Number(inSynthesis.warmUpNs) / 1000 / Math.max(1, inSynthesis.warmUpCalls);
const engineAfterWarmUpUs = Number(inSynthesis.ns - inSynthesis.warmUpNs) / 1000 / Math.max(1, inSynthesis.calls - inSynthesis.warmUpCalls);

// `cdk8s synth` of the example app, end to end (needs `npm run build` first, as `npm run bench` does):
// as it comes, and as `npm run synth` runs it, with V8's compiled code cached between runs.
const cdk8s = path.join(root, 'node_modules', '.bin', 'cdk8s');
const synthOnce = (env: NodeJS.ProcessEnv) => () =>
  execFileSync(cdk8s, ['synth', '--no-check-upgrade', '--output', path.join(os.tmpdir(), 'bench-dist')], { cwd: root, stdio: 'pipe', env });
const withCache = { ...process.env, NODE_OPTIONS: `--require ${path.join(root, 'scripts', 'compile-cache.js')}` };
const { NODE_OPTIONS: _inherited, ...withoutCache } = process.env;
const synthRuns: number[] = [];
const synthPlainRuns: number[] = [];
for (let round = 0; round <= ROUNDS; round++) { // interleaved; round 0 warms the cache up
  const [cached] = timeRounds(synthOnce(withCache), 1, 0);
  const [plainRun] = timeRounds(synthOnce(withoutCache), 1, 0);
  if (round > 0) { synthRuns.push(cached); synthPlainRuns.push(plainRun); }
}
const synthS = median(synthRuns) / 1000;
const synthPlainS = median(synthPlainRuns) / 1000;

const machine = `${os.cpus()[0].model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
console.log(`\n${new Date().toISOString().slice(0, 10)} on ${machine}; ${ROUNDS} rounds after a warm-up, medians\n`);
console.log('| pods | variant | ms per pod | peak RSS of one synthesis in its own process (MB) |');
console.log('| --- | --- | --- | --- |');
for (const n of SIZES) {
  for (const v of VARIANT_IDS) {
    console.log(`| ${n} | ${VARIANTS[v].label} | ${results[n][v].msPerPod.toFixed(3)} | ${results[n][v].peakRssMb.toFixed(0)} |`);
  }
}
const ratios = Object.fromEntries(SIZES.map((n) => [n, {
  aOverB: results[n].a.msPerPod / results[n].b.msPerPod,
  aOverC: results[n].a.msPerPod / results[n].c.msPerPod,
  aOverD: results[n].a.msPerPod / results[n].d.msPerPod,
  peakRssAOverB: results[n].a.peakRssMb / results[n].b.peakRssMb,
}]));
console.log('');
for (const n of SIZES) {
  console.log(`ratios at ${n}: a/b ${ratios[n].aOverB.toFixed(2)}, a/c ${ratios[n].aOverC.toFixed(2)}, a/d ${ratios[n].aOverD.toFixed(2)}; `
    + `peak memory a/b ${ratios[n].peakRssAOverB.toFixed(2)}`);
}
if (SIZES.length > 1) {
  const [small, large] = [SIZES[0], SIZES[SIZES.length - 1]];
  console.log(`(a) per pod at ${large} / at ${small}: ${(results[large].a.msPerPod / results[small].a.msPerPod).toFixed(2)}`);
}
console.log(`check engine: ${engineUs.toFixed(1)} µs per pod alone, ${engineInSynthesisUs.toFixed(1)} µs per check inside the `
  + `synthesis of (a) (${(engineInSynthesisUs / engineUs).toFixed(2)}x; ${inSynthesis.calls} checks in all rounds, the warm-up included): `
  + `${engineWarmUpUs.toFixed(1)} µs over the first ${WARM_UP_CHECKS} checks of each run, ${engineAfterWarmUpUs.toFixed(1)} µs after them`);
console.log(`cdk8s synth of the example app: ${synthS.toFixed(2)} s with the compile cache of \`npm run synth\`, `
  + `${synthPlainS.toFixed(2)} s without (medians of ${synthRuns.length})`);
console.log(`peak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(JSON.stringify({
  date: new Date().toISOString(), machine, rounds: ROUNDS, results, ratios,
  engineUsPerPod: engineUs, engineUsPerCheckInSynthesis: engineInSynthesisUs,
  engineUsPerCheckInSynthesisFirstChecks: engineWarmUpUs, engineUsPerCheckInSynthesisAfterFirstChecks: engineAfterWarmUpUs,
  cdk8sSynthSeconds: synthS, cdk8sSynthSecondsWithoutCompileCache: synthPlainS, peakRssMb: process.resourceUsage().maxRSS / 1024,
}));
