import { Testing } from 'cdk8s';
import { checkManifest } from '../../src';
import { schemaProblems } from '../_support/schema';
import { unknownFields } from '../_support/strict-schema';

import { matrix } from './_workload-matrix';

describe.each(matrix)('%s on a %s', (pattern, kind, apply, make) => {
  const synth = () => {
    const chart = Testing.chart();
    apply(make(chart));
    return Testing.synth(chart);
  };

  test('synthesizes documents valid for the schema, the engine and the strict API', () => {
    const docs = synth();
    const workload = docs.find((d) => d.kind === kind);
    expect(workload).toBeDefined();
    // Native sidecars are Kubernetes 1.29+ and valid against the 1.33 schema; everything else against 1.27.
    const native = pattern.endsWith('(native)')
      || (['LogSidecar', 'ProxySidecar', 'Ambassador', 'MetricsAdapter'].includes(pattern) && (kind === 'Job' || kind === 'CronJob'));
    // An image volume is Kubernetes 1.35+: valid against the 1.36 schema only.
    const schema = pattern === 'ImageFiles' ? '1.36' : native ? '1.33' : '1.27';
    for (const doc of docs) {
      expect(schemaProblems(doc)).toBeUndefined();
      expect(checkManifest(doc, { podSecurity: 'baseline' }).filter((f) => f.severity === 'error')).toEqual([]);
      expect(unknownFields(doc, schema)).toEqual([]);
      expect(unknownFields(doc, '1.36')).toEqual([]);
    }
  });

  test('matches its snapshot', () => {
    expect(synth().find((d) => d.kind === kind)).toMatchSnapshot();
  });
});
