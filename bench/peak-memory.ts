import { prepare, Variant, VARIANT_IDS, VARIANTS } from './variants';

/**
 * `node lib/bench/peak-memory.js <variant> <pods>`: one synthesis of one variant in a process of its own,
 * as `cdk8s synth` runs, and the peak resident memory of that process (MB) on stdout. The timing run
 * (synth.ts) shares one process between the variants, where the resident memory after a run says more
 * about the runs before it than about the one measured.
 */
const [variant, pods] = process.argv.slice(2);
if (!VARIANT_IDS.includes(variant as Variant) || !/^\d+$/.test(pods ?? '')) {
  console.error('usage: node lib/bench/peak-memory.js a|b|c|d <pods>');
  process.exit(2);
}
const n = Number(pods);
// (c) and (d) start from the plain manifests, their input; the others build theirs.
if (variant === 'c' || variant === 'd') prepare(n);
process.stderr.write = (() => true) as typeof process.stderr.write; // the patterns' warnings are not what is measured
VARIANTS[variant as Variant].run(n);
console.log(JSON.stringify({ variant, pods: n, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
