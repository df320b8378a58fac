import * as fs from 'fs';

/** Removes the run's temporary directory (see temp-dir-setup.ts). */
export default function teardown(): void {
  const dir = process.env.CDK8S_POD_PATTERNS_TEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
