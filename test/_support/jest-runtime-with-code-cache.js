// Jest's module runtime, with V8's code cache kept between the test files of a worker.
//
// Jest compiles every module again for every test file (each file gets a fresh module registry, and
// jest-runtime calls `vm.compileFunction` without cached data), so cdk8s, cdk8s-plus-27 and the library
// are parsed once per file: about 50 ms of each file's 200 ms start. This module wraps `vm.compileFunction`
// in the worker process (and nowhere else) so that the second and later compilations of the same source
// reuse the code cache V8 produced the first time. The cache only skips parsing: each test file still gets
// its own module instances, and V8 checks the cached data against the source and its flags, compiling
// afresh when it does not match. Used through the `runtime` option of the jest config in package.json.
const crypto = require('crypto');
const vm = require('vm');

const compileFunction = vm.compileFunction;
/** Cached data by file name and a hash of the source: a transformed file changes its source, not its name. */
const codeCache = new Map();

vm.compileFunction = function compileFunctionWithCodeCache(code, params, options = {}) {
  if (typeof code !== 'string' || options.cachedData !== undefined || options.produceCachedData !== undefined) {
    return compileFunction.call(this, code, params, options);
  }
  const key = `${options.filename ?? ''}\0${crypto.createHash('sha1').update(code).digest('base64')}`;
  const cachedData = codeCache.get(key);
  const fn = compileFunction.call(this, code, params, cachedData ? { ...options, cachedData } : { ...options, produceCachedData: true });
  if (!cachedData && fn.cachedData) codeCache.set(key, fn.cachedData);
  return fn;
};

module.exports = require('jest-runtime');
