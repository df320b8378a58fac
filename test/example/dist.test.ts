import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const committedDist = path.join(root, 'dist');

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf-8')]));
}

// The real `cdk8s synth` (of the app compiled by `npm test`'s build step) must reproduce the committed dist/.
test('dist/ is what `cdk8s synth` generates today, byte for byte', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pod-patterns-dist-'));
  try {
    execFileSync(path.join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '--output', outdir], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
    const fresh = readTree(outdir);
    expect(Object.keys(fresh).length).toBeGreaterThan(0);
    expect(readTree(committedDist)).toEqual(fresh);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 60_000);
