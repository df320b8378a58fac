// Preloaded into `cdk8s synth` (and the app it starts) by `npm run synth` and the benchmark.
// Most of a synth's wall time is Node compiling the CLI's modules: its `init` command pulls in
// jsii-pacmak and TypeScript even when it only synthesizes. Caching V8's compiled code on disk
// between runs removes most of that; the output is unchanged. Node 22.1+ has the cache built in,
// Node 20 needs the `v8-compile-cache` package (it checks each file's content before using its cache).
const nodeModule = require('module');

if (typeof nodeModule.enableCompileCache === 'function') {
  nodeModule.enableCompileCache();
} else {
  require('v8-compile-cache');
}
