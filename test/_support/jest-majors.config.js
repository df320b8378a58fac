// `npm run test:majors` (scripts/test-majors.js): the cdk8s-plus-dependent tests on one other cdk8s-plus major, named by
// CDK8S_PLUS_MAJOR (28 to 34). The sources and tests name cdk8s-plus-27 (the seam, src/core/cdk8s-plus.ts,
// and the tests' own workloads, written as a user writes them); here every import of it resolves to the
// major under test instead, as the build of that major's entry point binds the seam.
const path = require('path');

const root = path.join(__dirname, '..', '..');
const base = require(path.join(root, 'package.json')).jest;

const major = process.env.CDK8S_PLUS_MAJOR;
if (!/^\d+$/.test(major ?? '')) throw new Error(`jest-majors.config.js: set CDK8S_PLUS_MAJOR to a cdk8s-plus major (got ${major})`);

module.exports = {
  ...base,
  rootDir: root,
  // src/ too, so that --findRelatedTests can follow the tests' imports to the seam.
  roots: ['<rootDir>/test', '<rootDir>/src'],
  moduleNameMapper: { '^cdk8s-plus-27$': `cdk8s-plus-${major}` },
  snapshotSerializers: ['<rootDir>/test/_support/major-defaults-serializer.ts'],
};
