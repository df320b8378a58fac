import * as os from 'os';
import { Testing } from 'cdk8s';
import { checkManifest } from '../src';
import { addExampleCharts } from '../src/example/app';
import { median, timeRounds } from './_measure';

/**
 * The check engine's cost per pod, over the pods of the example app (shared volumes, init chains, log
 * sidecars, root and restricted pods). Prints a table line and a JSON line; asserts nothing.
 */
const app = Testing.app();
addExampleCharts(app);
const pods = app.charts.flatMap((chart) => Testing.synth(chart)).filter((d) => d.kind === 'Pod');
const N = 20_000;
const batch = Array.from({ length: N }, (_, i) => pods[i % pods.length]);
let findings = 0;
const rounds = timeRounds(() => {
  findings = 0;
  for (const doc of batch) findings += checkManifest(doc).length;
}, 7, 2);
const usPerPod = (median(rounds) * 1000) / N;
console.log(`check engine: ${usPerPod.toFixed(2)} µs per pod (median of ${rounds.length} rounds of ${N} pods, ${findings} findings per round; `
  + `${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version})`);
console.log(JSON.stringify({ bench: 'check-engine', usPerPod: Number(usPerPod.toFixed(3)), pods: N, rounds: rounds.length }));
