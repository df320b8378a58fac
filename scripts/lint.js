#!/usr/bin/env node
// `npm run lint`: ESLint with typescript-eslint over src/, test/, bench/ and scripts/.
//
// typescript-eslint parses with the TypeScript compiler's JavaScript API, which TypeScript 7 (the native
// compiler this project builds with) no longer ships. TypeScript 5.9 is installed beside it, inside the local
// package tools/typescript5 (so that its `tsc` is not linked as the project's), and this runner points
// `require('typescript')` at it, in this process only: the build and the type-check stay on TypeScript 7.
const Module = require('module');
const path = require('path');

const typescript5 = require.resolve('typescript', { paths: [path.join(__dirname, '..', 'tools', 'typescript5')] });
const { version } = require(path.join(path.dirname(typescript5), '..', 'package.json'));
if (!version.startsWith('5.')) {
  console.error(`scripts/lint.js: TypeScript 5 for typescript-eslint is missing (found ${version} at ${typescript5}); run npm ci`);
  process.exit(2);
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  // Only lint tooling runs in this process, so every `require('typescript')` here is theirs.
  if (request === 'typescript') return typescript5;
  return resolve.call(this, request, parent, ...rest);
};

const { ESLint } = require('eslint');

(async () => {
  const fix = process.argv.includes('--fix');
  const eslint = new ESLint({ cwd: path.resolve(__dirname, '..'), fix, cache: true, cacheLocation: 'node_modules/.cache/eslint/' });
  const results = await eslint.lintFiles(['src', 'test', 'bench', 'scripts']);
  if (fix) await ESLint.outputFixes(results);
  const formatter = await eslint.loadFormatter('stylish');
  const output = await formatter.format(results);
  if (output) process.stdout.write(output);
  process.exitCode = results.some((r) => r.errorCount > 0) ? 1 : 0;
})().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
