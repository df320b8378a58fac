import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

/**
 * The check command as CI runs it, cold, in a fresh process each time: over the example app's dist/ (the
 * start-up cost: node, the YAML reader and the engine, never cdk8s), and over one file of 10,000 pods (the
 * per-pod cost). Medians of ROUNDS runs.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'lib', 'src', 'cli', 'bin.js');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeRun(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bin, 'check', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && result.status !== 1) throw new Error(`check failed (${result.status}): ${result.stdout}${result.stderr}`);
  }
  return median(times);
}

/** A pod like the bench's others: an app and a helper sharing a volume, restricted-clean. */
function pod(i: number): unknown {
  const securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  const volumeMounts = [{ name: 'exchange', mountPath: '/exchange' }];
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}` },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      volumes: [{ name: 'exchange', emptyDir: {} }],
      containers: [
        { name: 'app', image: 'busybox:1.36.1', ports: [{ containerPort: 8080 }], securityContext, volumeMounts },
        { name: 'helper', image: 'busybox:1.36.1', securityContext, volumeMounts },
      ],
    },
  };
}

const PODS = 10000;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-check-')), 'pods.yaml');
fs.writeFileSync(file, Array.from({ length: PODS }, (_, i) => stringify(pod(i))).join('---\n'));

const cold = timeRun([path.join(root, 'dist')]);
const many = timeRun([file]);
console.log(`check command (cold, ${ROUNDS} runs, median): dist/ of the example app ${cold.toFixed(0)} ms; `
  + `${PODS.toLocaleString('en')} pods in one file ${(many / 1000).toFixed(2)} s, ${((many - cold) / PODS * 1000).toFixed(0)} µs per pod`);
