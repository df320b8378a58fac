import { ApiObject } from 'cdk8s';
import { checkManifest } from '../src';
import { renderAsL1 } from '../src/core/l1-render';
import { sameManifest } from '../src/core/same-manifest';
import { sharedShapeCopy } from '../src/core/shared-shape-copy';
import { median, timeRounds } from './_measure';
import { handWrittenPod } from './bench-pods';
import { newChart, shipper } from './variants';

/**
 * `node --expose-gc lib/bench/render-shapes.js`: what the objects of a render cost the code that reads
 * them, as the L1 makes them (each with a hidden class of its own, see src/core/shared-shape-copy.ts)
 * against the render the checks make (src/core/l1-render.ts), a copy of the L1's render and the same data
 * parsed from JSON; and what each way of rendering costs. Times the check engine, the output guard's
 * comparison, the renders and the copy, per bench pod, and the heap one held manifest takes. Asserts
 * nothing: it prints what it measured.
 */
const PODS = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const gc = (global as { gc?: () => void }).gc;
if (!gc) {
  console.error('run it with node --expose-gc');
  process.exit(2);
}
process.stderr.write = (() => true) as typeof process.stderr.write;

// The hand-written pods (b), whose ApiObjects are cdk8s-plus's own L1s: their render is the raw one.
const { chart } = newChart();
for (let i = 0; i < PODS; i++) handWrittenPod(chart, i, shipper);
const originals = chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Pod');
const rendered = () => originals.map((o) => o.toJson());

const perPod = (fn: () => void) => (median(timeRounds(fn, ROUNDS, 1)) * 1000) / PODS;
/** Each form of the same renders, made afresh (for the heap figure) or once (for the times). */
const forms: Record<string, () => unknown[]> = {
  'as the L1 renders them': rendered,
  'as the checks render them': () => originals.map((o) => renderAsL1(o)),
  'shared-shape copy': () => rendered().map(sharedShapeCopy),
  'parsed from JSON': () => JSON.parse(JSON.stringify(rendered())),
};
const other = rendered().map(sharedShapeCopy);

/** Heap taken by holding one render per pod in the given form, per pod (KB). */
function heldKb(make: () => unknown[]): number {
  gc!();
  const before = process.memoryUsage().heapUsed;
  const held = make();
  gc!();
  const kb = (process.memoryUsage().heapUsed - before) / 1024 / PODS;
  if (held.length !== PODS) throw new Error('a render is missing'); // and `held` stays alive until measured
  return kb;
}

console.log(`${PODS} bench pods; medians of ${ROUNDS} rounds; Node.js ${process.version}\n`);
console.log('| objects | check engine (µs/pod) | guard comparison (µs/pod) | heap held (KB/pod) |');
console.log('| --- | --- | --- | --- |');
const results: Record<string, { engineUs: number; compareUs: number; heldKb: number }> = {};
for (const [form, make] of Object.entries(forms)) {
  const manifests = make();
  const engineUs = perPod(() => manifests.forEach((m) => checkManifest(m)));
  const compareUs = perPod(() => manifests.forEach((m, i) => sameManifest(m, other[i])));
  results[form] = { engineUs, compareUs, heldKb: heldKb(make) };
  console.log(`| ${form} | ${engineUs.toFixed(1)} | ${compareUs.toFixed(1)} | ${results[form].heldKb.toFixed(1)} |`);
}
const renders = rendered();
const copyUs = perPod(() => renders.forEach((m) => sharedShapeCopy(m)));
const renderUs = perPod(() => rendered());
const checkRenderUs = perPod(() => originals.forEach((o) => renderAsL1(o)));
// cdk8s's own render of the same objects, without the L1's filter: what both of the others start from.
const coreRenderUs = perPod(() => originals.forEach((o) => ApiObject.prototype.toJson.call(o)));
console.log(`\nper pod: the L1's render ${renderUs.toFixed(1)} µs, a copy of it ${copyUs.toFixed(1)} µs; the checks' render `
  + `${checkRenderUs.toFixed(1)} µs; cdk8s's render before any filter ${coreRenderUs.toFixed(1)} µs`);
console.log(JSON.stringify({ bench: 'render-shapes', pods: PODS, rounds: ROUNDS, results, copyUs, renderUs, checkRenderUs, coreRenderUs }));
