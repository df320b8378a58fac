#!/usr/bin/env node
// Extracts from a Kubernetes `_definitions.json` the definitions that the kinds this library emits reach
// (following $ref), so the strict-schema tests can run without ../shared. Usage:
//   node scripts/extract-schema.js ../shared/kubernetes-schemas/v1.27.0/_definitions.json test/fixtures/k8s-1.27-schema.json
const fs = require('fs');

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: node scripts/extract-schema.js <_definitions.json> <output.json>');
  process.exit(2);
}
const KINDS = ['Pod', 'ConfigMap', 'Secret', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const { definitions } = JSON.parse(fs.readFileSync(source, 'utf-8'));

const roots = Object.entries(definitions)
  .filter(([, def]) => (def['x-kubernetes-group-version-kind'] ?? []).some((gvk) => KINDS.includes(gvk.kind) && ['v1'].includes(gvk.version)))
  .map(([name]) => name);

const keep = new Set();
const visit = (name) => {
  if (keep.has(name)) return;
  keep.add(name);
  JSON.stringify(definitions[name]).replace(/"\$ref":"#\/definitions\/([^"]+)"/g, (_m, ref) => { visit(ref); return ''; });
};
roots.forEach(visit);

// Descriptions are dropped: the tests need the shape, and the file stays small.
const strip = (value) => {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'description').map(([k, v]) => [k, strip(v)]));
  }
  return value;
};
const out = { definitions: Object.fromEntries([...keep].sort().map((name) => [name, strip(definitions[name])])) };
fs.writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.error(`${target}: ${keep.size} definitions from ${roots.join(', ')}`);
