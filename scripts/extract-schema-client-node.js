#!/usr/bin/env node
// Builds a strict-schema fixture (the shape scripts/extract-schema.js writes) from the models of
// @kubernetes/client-node, whose classes are generated from the Kubernetes OpenAPI of one release and list
// every field (`attributeTypeMap`). The newest schema obtainable offline: client-node 2.0.1 is generated from
// release-1.36 ("OpenAPI spec version" in each model). Usage:
//   npm pack @kubernetes/client-node@2.0.1 && tar -xzf kubernetes-client-node-2.0.1.tgz
//   node scripts/extract-schema-client-node.js package test/fixtures/k8s-1.36-schema.json
const fs = require('fs');
const path = require('path');

const [clientDir, target] = process.argv.slice(2);
if (!clientDir || !target) {
  console.error('usage: node scripts/extract-schema-client-node.js <unpacked @kubernetes/client-node> <output.json>');
  process.exit(2);
}
const modelsDir = path.join(clientDir, 'dist', 'gen', 'models');
const ROOTS = {
  V1Pod: ['', 'v1', 'Pod'], V1ConfigMap: ['', 'v1', 'ConfigMap'], V1Secret: ['', 'v1', 'Secret'], V1Service: ['', 'v1', 'Service'],
  V1Deployment: ['apps', 'v1', 'Deployment'], V1StatefulSet: ['apps', 'v1', 'StatefulSet'], V1DaemonSet: ['apps', 'v1', 'DaemonSet'],
  V1Job: ['batch', 'v1', 'Job'], V1CronJob: ['batch', 'v1', 'CronJob'],
};
const spec = (/OpenAPI spec version: (\S+)/.exec(fs.readFileSync(path.join(modelsDir, 'V1PodSpec.js'), 'utf-8')) ?? [])[1];

function attributes(name) {
  const file = path.join(modelsDir, `${name}.js`);
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf-8');
  const start = text.indexOf(`${name}.attributeTypeMap = [`);
  if (start < 0) return undefined;
  const body = text.slice(text.indexOf('[', start), text.indexOf('];', start) + 1);
  return JSON.parse(body);
}

/** A property's schema from its client type: a model ($ref), an array or a map of one, or a scalar. */
function typeSchema(type, visit) {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { items: typeSchema(array[1], visit) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { additionalProperties: typeSchema(map[1], visit) };
  if (/^V\d|^Core|^Apps|^Batch|^Authentication|^Discovery|^Events|^Storage|^Admission|^Flowcontrol|^Networking/.test(type) && attributes(type)) {
    visit(type);
    return { $ref: `#/definitions/${type}` };
  }
  return { type };
}

const definitions = {};
const visit = (name) => {
  if (definitions[name]) return;
  definitions[name] = {};
  const properties = {};
  for (const attribute of attributes(name)) properties[attribute.baseName] = typeSchema(attribute.type, visit);
  definitions[name] = { properties, type: 'object' };
  if (ROOTS[name]) {
    const [group, version, kind] = ROOTS[name];
    definitions[name]['x-kubernetes-group-version-kind'] = [{ group, kind, version }];
  }
};
Object.keys(ROOTS).forEach(visit);
const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
fs.writeFileSync(target, `${JSON.stringify({ source: `@kubernetes/client-node models, OpenAPI ${spec}`, definitions: sorted }, null, 1)}\n`);
console.log(`wrote ${Object.keys(sorted).length} definitions (${spec}) to ${target}`);
