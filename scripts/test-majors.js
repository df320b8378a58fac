#!/usr/bin/env node
// `npm run test:majors`: every test that depends on cdk8s-plus (jest --findRelatedTests on the seam,
// src/core/cdk8s-plus.ts) on each cdk8s-plus major other than the base, which `npm test` covers. Each run
// maps the import of cdk8s-plus-27 to the major under test (test/_support/jest-majors.config.js), as the build of that
// major's entry point binds the seam, and compares snapshots and dist/ without the defaults the major adds.
// Usage: node scripts/test-majors.js [NN ...]   (every major of package.json's cdk8sPlusMajors by default)
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { base, majors } = require(path.join(root, 'package.json')).cdk8sPlusMajors;
const asked = process.argv.slice(2).map(Number);
const failed = [];
for (const major of asked.length > 0 ? asked : majors.filter((m) => m !== base)) {
  console.log(`\n=== cdk8s-plus-${major} ===`);
  const run = spawnSync(process.execPath, [
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--config', path.join(root, 'test', '_support', 'jest-majors.config.js'),
    '--findRelatedTests', path.join(root, 'src', 'core', 'cdk8s-plus.ts'),
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, CDK8S_PLUS_MAJOR: String(major) } });
  if (run.status !== 0) failed.push(major);
}
if (failed.length > 0) {
  console.error(`\ntest-majors: failed on ${failed.map((m) => `cdk8s-plus-${m}`).join(', ')}`);
  process.exit(1);
}
console.log('\ntest-majors: every cdk8s-plus-dependent test passed on every major');
