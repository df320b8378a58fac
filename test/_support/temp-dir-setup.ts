import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * One temporary directory per jest run, removed by temp-dir-teardown.ts. cdk8s's `Testing.app()` (and so
 * `Testing.chart()`) makes an output directory with `mkdtemp` for every app and never removes it: about
 * 900 per run of `npm test`, which piled up in /tmp by the hundred thousand. The test workers are started
 * after this runs and inherit TMPDIR, so `os.tmpdir()` there, and in the programs they start, is this
 * directory.
 */
export default function setup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-pod-patterns-tests-'));
  process.env.CDK8S_POD_PATTERNS_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
}
