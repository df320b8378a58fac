import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { checkManifest } from '../../src';
import { hasPodSpec } from '../../src/checks/engine';
import { addExampleCharts } from '../../src/example/app';

/**
 * The engine must not reject what the API server accepts: pods in the shapes of the Kubernetes
 * documentation (test/fixtures/valid-pods) and every pod the example app emits raise no errors. Pod Security
 * Standards are admission policy, not API validation, so the documentation pods are checked at `privileged`.
 */
const dir = path.join(__dirname, '..', 'fixtures', 'valid-pods');
const documents = fs.readdirSync(dir).sort().flatMap((file) =>
  // YAML 1.1, as kubectl reads it: `defaultMode: 0644` is octal there.
  parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf-8'), { version: '1.1' }).map((d) => [`${file}: ${d.toJS().kind} ${d.toJS().metadata.name}`, file, d.toJS()] as const));

test.each(documents)('accepts %s', (_name, file, doc) => {
  // native-sidecar.yaml is for a 1.29 cluster, pod-certificates.yaml for 1.37; the others are checked for the version their
  // annotation needs (1.27 when none).
  const kubernetesMinor = ({ 'native-sidecar.yaml': 29, 'pod-certificates.yaml': 37 } as Record<string, number>)[file];
  const errors = checkManifest(doc, { podSecurity: 'privileged', kubernetesMinor }).filter((f) => f.severity === 'error');
  expect(errors).toEqual([]);
});

test('the corpus covers every workload kind', () => {
  expect(new Set(documents.map(([, , doc]) => doc.kind))).toEqual(new Set(['Pod', 'Deployment', 'Job', 'CronJob', 'StatefulSet', 'DaemonSet']));
});

test('every pod and pod template of the example app passes at the level it declares', () => {
  const app = Testing.app();
  addExampleCharts(app);
  const docs = app.charts.flatMap((chart) => Testing.synth(chart));
  const pods = docs.filter((d) => hasPodSpec(d));
  expect(new Set(pods.map((d) => d.kind))).toEqual(new Set(['Pod', 'Deployment', 'Job', 'StatefulSet']));
  for (const doc of pods) {
    expect(checkManifest(doc).filter((f) => f.severity === 'error')).toEqual([]);
  }
});
