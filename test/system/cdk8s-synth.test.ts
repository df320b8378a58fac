import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

/**
 * The real `cdk8s synth` (cdk8s-cli as a child process; it takes about a second to start): over the example
 * app compiled by `tsc`, and over a plain cdk8s-plus app with our validation plugin. test/example/dist.test.ts
 * makes dist/ in-process the way the CLI does; this checks that the CLI really does it that way.
 */
const root = path.resolve(__dirname, '..', '..');
const cdk8s = path.join(root, 'node_modules', '.bin', 'cdk8s');
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf-8')]));
}

test('`cdk8s synth` of the example app writes dist/, byte for byte', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pod-patterns-dist-'));
  try {
    execFileSync(cdk8s, ['synth', '--no-check-upgrade', '--output', outdir], { cwd: root, stdio: 'pipe', env });
    const fresh = readTree(outdir);
    expect(Object.keys(fresh).length).toBeGreaterThan(0);
    expect(readTree(path.join(root, 'dist'))).toEqual(fresh);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 60_000);

test('the validation plugin makes a real `cdk8s synth` fail on a plain cdk8s-plus pod whose containers share a port', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-synth-'));
  fs.writeFileSync(path.join(dir, 'main.js'), [
    `const { App, Chart } = require(${JSON.stringify(path.join(root, 'node_modules', 'cdk8s'))});`,
    `const kplus = require(${JSON.stringify(path.join(root, 'node_modules', 'cdk8s-plus-27'))});`,
    'const app = new App();',
    "const chart = new Chart(app, 'plain');",
    "new kplus.Pod(chart, 'web', { containers: [{ name: 'a', image: 'nginx:1.25.3', portNumber: 80 }, { name: 'b', image: 'nginx:1.25.3', portNumber: 80 }] });",
    'app.synth();',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), stringify({
    language: 'typescript',
    app: 'node main.js',
    validations: [{ package: path.join(root, 'lib', 'src', 'validation', 'validation-plugin.js'), class: 'PodPatternsValidation', version: '0.1.0' }],
  }));
  let output = '';
  let failed = false;
  try {
    execFileSync(cdk8s, ['synth', '--no-check-upgrade'], { cwd: dir, stdio: 'pipe', env });
  } catch (err: any) {
    failed = true;
    output = `${err.stdout}${err.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(failed).toBe(true);
  expect(output).toContain('port-conflict');
  expect(output).toContain('spec.containers[1].ports[0].containerPort');
  expect(output).toContain('plain/web');
}, 60_000);
