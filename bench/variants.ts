import * as os from 'os';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import { handWrittenPod, patternPod, rawPod, ShipperConfig } from './bench-pods';

/**
 * The four ways the benchmark synthesizes the same pods (see bench-pods.ts), shared by the timing run
 * (synth.ts) and the peak-memory runs (peak-memory.ts).
 */
export type Variant = 'a' | 'b' | 'c' | 'd';
export const VARIANT_IDS: readonly Variant[] = ['a', 'b', 'c', 'd'];

export function newChart(): { app: App; chart: Chart } {
  const app = new App({ outdir: os.tmpdir() });
  return { app, chart: new Chart(app, 'bench') };
}

// The generated shipper configuration, and the plain manifests, taken once from the pattern output.
const sample = (() => {
  const { chart } = newChart();
  patternPod(chart, 0);
  return Testing.synth(chart);
})();
const sampleConfig = sample.find((d) => d.kind === 'ConfigMap');
const fileName = Object.keys(sampleConfig.data)[0];
export const shipper: ShipperConfig = {
  // The ConfigMap name is derived from the pod name and the (identical) content, as the pattern does.
  configMapName: (i) => sampleConfig.metadata.name.replace(/^pod-0-/, `pod-${i}-`),
  fileName,
  text: sampleConfig.data[fileName],
};

/** The plain manifests of pod `i`, as (a) emits them. */
export const manifests = (i: number) => JSON.parse(JSON.stringify(sample).replace(/pod-0/g, `pod-${i}`)) as any[];

/** A variant's work for `n` pods, after `prepare(n)`: it returns the YAML. */
export interface VariantRun {
  readonly label: string;
  readonly run: (n: number) => string;
}

/** The plain manifests of (c) and (d), prepared before timing: they are the input, not the work. */
let plain: any[][] = [];

export function prepare(n: number): void {
  plain = Array.from({ length: n }, (_, i) => manifests(i));
}

export const VARIANTS: Record<Variant, VariantRun> = {
  a: {
    label: '(a) pattern constructs',
    run: (n) => {
      const { app, chart } = newChart();
      for (let i = 0; i < n; i++) patternPod(chart, i);
      return app.synthYaml();
    },
  },
  b: {
    label: '(b) hand-written cdk8s-plus-27',
    run: (n) => {
      const { app, chart } = newChart();
      for (let i = 0; i < n; i++) handWrittenPod(chart, i, shipper);
      return app.synthYaml();
    },
  },
  c: {
    label: '(c) raw ApiObjects',
    run: (n) => {
      const { app, chart } = newChart();
      for (let i = 0; i < n; i++) rawPod(chart, i, (j) => plain[j]);
      return app.synthYaml();
    },
  },
  d: { label: '(d) yaml stringify of plain objects', run: (n) => Yaml.stringify(...plain.slice(0, n).flat()) },
};
