#!/usr/bin/env node
// Regenerates imports/k8s.ts with cdk8s-cli's own importer, exactly as `cdk8s import k8s@1.27.0` would,
// but from a local copy of the schema: the CLI downloads it from GitHub, which CI and our machines cannot
// reach. Usage: node scripts/import-k8s.js <path/to/_definitions.json> [k8s version]
const path = require('path');
// cdk8s-cli exports no subpaths but `plugins`, so its modules are loaded by file path.
const cliRoot = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cliRoot, 'lib', 'util'));
const { ImportKubernetesApi } = require(path.join(cliRoot, 'lib', 'import', 'k8s'));
const { Language } = require(path.join(cliRoot, 'lib', 'import', 'base'));

const [schemaPath, apiVersion = '1.27.0'] = process.argv.slice(2);
if (!schemaPath) {
  console.error('usage: npm run import -- <path/to/_definitions.json> [k8s version]');
  console.error('  e.g. npm run import -- ../shared/kubernetes-schemas/v1.27.0/_definitions.json');
  process.exit(2);
}

const localSchema = path.resolve(schemaPath);
const originalDownload = util.download;
// The importer resolves `download` through the module's exports at call time, so replacing it here
// redirects exactly the schema fetch and nothing else.
util.download = async (url) => {
  if (url.endsWith(`/v${apiVersion}/_definitions.json`)) {
    return originalDownload(localSchema);
  }
  throw new Error(`unexpected download during offline import: ${url}`);
};

new ImportKubernetesApi({ apiVersion })
  .import({ targetLanguage: Language.TYPESCRIPT, outdir: path.resolve(__dirname, '..', 'imports') })
  .then(() => console.error(`imports/k8s.ts generated from ${localSchema}`))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
