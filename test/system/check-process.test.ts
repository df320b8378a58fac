import '@microsoft/jest-sarif';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { checkManifest } from '../../src/checks/engine';
import { checkAsProcess, CONFLICT_POD } from '../cli/_run';
import { CASES } from '../fixtures/conformance/cases';
import { KNOWN_MISSED } from '../fixtures/conformance/known-missed';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

/**
 * The check command as users run it (a child process of `node lib/src/cli/bin.js`, compiled by
 * `npm run test:system`'s `tsc`), over the repository's
 * corpora: the valid published pods (test/fixtures/valid-pods, after the Kubernetes documentation and
 * others) and the invalid pods of the conformance corpus (after the API server's own validation tests).
 */
const VALID = path.join(__dirname, '..', 'fixtures', 'valid-pods');
const invalid = CASES.filter((c) => !c.valid && (c.minMinor ?? 35) <= 35 && (c.validFrom ?? 99) > 35 && !KNOWN_MISSED.includes(`${c.source} | ${c.reason}`));

let invalidFile: string;
beforeAll(() => {
  invalidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'check-process-')), 'invalid.yaml');
  fs.writeFileSync(invalidFile, invalid.map((c) => `# ${c.source} | ${c.reason}\n${stringify(c.pod)}`).join('---\n'));
});

test('the valid corpus: exit 0, no error, every object counted', async () => {
  const { code, stdout, stderr } = await checkAsProcess(['check', '--pod-security', 'privileged', VALID]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).not.toMatch(/: error /);
  expect(stdout).toMatch(/^0 errors, \d+ warnings?(, \d+ accepted)? in \d+ of \d+ objects.* \(11 inputs\)\nChecked for Kubernetes 1\.35; Pod Security "privileged" enforced\.$/m);
});

test('the invalid corpus as JSON: exit 1, every pod with the errors the engine gives it, each on a line of its own document', async () => {
  const { code, stdout } = await checkAsProcess(['check', '--format', 'json', '--pod-security', 'privileged', invalidFile]);
  expect(code).toBe(1);
  const report = JSON.parse(stdout);
  expect(report.objects).toHaveLength(invalid.length);
  const text = fs.readFileSync(invalidFile, 'utf8').split('\n');
  const starts = text.flatMap((line, i) => (line === 'apiVersion: v1' ? [i + 1] : []));
  report.objects.forEach((object: any, i: number) => {
    const expected = checkManifest(invalid[i].pod, { podSecurity: 'privileged' }).filter((f) => f.severity === 'error').map((f) => f.rule).sort();
    const errors = object.findings.filter((f: any) => f.severity === 'error');
    expect(errors.map((f: any) => f.rule).sort()).toEqual(expected);
    expect(errors.length).toBeGreaterThan(0);
    const end = starts[i + 1] ?? text.length;
    for (const f of object.findings) expect(f.line >= starts[i] && f.line < end).toBe(true);
  });
});

test('the invalid corpus as SARIF: a valid SARIF 2.1.0 log, one result per finding, with its region', async () => {
  const { code, stdout } = await checkAsProcess(['check', '--format', 'sarif', '--pod-security', 'privileged', invalidFile]);
  expect(code).toBe(1);
  const sarif = JSON.parse(stdout);
  expect(sarif).toBeValidSarifLog();
  const results = sarif.runs[0].results;
  expect(results.length).toBeGreaterThanOrEqual(invalid.length);
  for (const r of results) {
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(invalidFile.split('/').map(encodeURIComponent).join('/').replace(/^/, 'file://'));
    expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(sarif.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  }
  // The schema check can fail: a result without its message is not SARIF.
  delete results[0].message;
  expect(sarif).not.toBeValidSarifLog();
});

test('standard input: helm template | cdk8s-pod-patterns check -', async () => {
  const { code, stdout } = await checkAsProcess(['check', '-'], CONFLICT_POD);
  expect(code).toBe(1);
  expect(stdout).toMatch(/^<stdin>:1:1: Pod conflict \(document 1\): 1 error\n {2}<stdin>:23:7: error port-conflict /);
});

test('hostile input returns quickly with a message and exit 2, never a stack trace', async () => {
  const bomb = `a: &a [x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}\n`;
  const deep = path.join(path.dirname(invalidFile), 'deep.yaml');
  fs.writeFileSync(deep, `pods: ${'['.repeat(200000)}\n`);
  const { code, stdout, stderr } = await checkAsProcess(['check', '-', deep], bomb);
  expect(code).toBe(2);
  expect(stdout).toContain('<stdin>:1:1: input error: its aliases expand to more than 1,000,000 values (an alias bomb): refused');
  expect(stdout).toContain(`${deep}:1:1006: input error: collections are nested more than 1000 levels deep`);
  expect(stderr).toBe('');
});

test('a usage error: exit 2 with the problem on stderr', async () => {
  const { code, stderr } = await checkAsProcess(['check', '--format', 'xml', '-']);
  expect(code).toBe(2);
  expect(stderr).toContain("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, junit, github, mermaid.");
});
