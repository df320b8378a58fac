import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { PodPatternsValidation } from '../../src';
import { exampleApp } from '../../src/example/app';
import { BASE_MAJOR, CDK8S_PLUS_MAJOR, withoutMajorDefaults } from '../_support/cdk8s-plus-major';

const root = path.resolve(__dirname, '..', '..');
const committedDist = path.join(root, 'dist');

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf-8')]));
}

/**
 * dist/ is the example app's one golden copy. This test makes it in this process, in the two steps
 * `cdk8s synth` takes (cdk8s-cli's synthApp, then its validation plugins): the app of src/main.ts, writing to
 * its output directory with construct metadata recorded (the CLI asks for it when cdk8s.yaml declares a
 * validation); then each validation plugin of cdk8s.yaml with its properties over the written manifests,
 * parsed as the CLI parses them (ours writes the diagrams). test/system/cdk8s-synth.test.ts runs the real
 * CLI and compares what it writes with the same dist/.
 */
test('dist/ is what `cdk8s synth` generates today, byte for byte on the base major', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pod-patterns-dist-'));
  try {
    exampleApp({ outdir, recordConstructMetadata: true }).synth();
    const config = parse(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf-8'));
    expect(config.validations.map((v: any) => v.class)).toEqual(['PodPatternsValidation']);
    const manifests = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort().map((f) => path.join(outdir, f));
    let status: string | undefined;
    const violations: any[] = [];
    await new PodPatternsValidation(config.validations[0].properties).validate({
      manifests,
      parseManifest: (p: string) => parseAllDocuments(fs.readFileSync(p, 'utf-8')).map((d) => d.toJS()),
      report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
      logger: { log: () => undefined },
    });
    expect({ status, errors: violations.filter((v) => !v.ruleName.startsWith('[')) }).toEqual({ status: 'success', errors: [] });
    const fresh = readTree(outdir);
    expect(Object.keys(fresh).length).toBeGreaterThan(0);
    if (CDK8S_PLUS_MAJOR === BASE_MAJOR) {
      expect(readTree(committedDist)).toEqual(fresh);
    } else {
      // Another major (npm run test:majors): the same files, the same diagrams and construct paths, and the
      // same manifests but for the defaults that major renders (StatefulSets keep their volumes).
      const manifests = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).map(([f, text]) => [f,
        f.endsWith('.k8s.yaml') ? parseAllDocuments(text).map((d) => withoutMajorDefaults(d.toJS())) : text]));
      expect(manifests(readTree(committedDist))).toEqual(manifests(fresh));
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
