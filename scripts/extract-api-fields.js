#!/usr/bin/env node
// src/checks/api-fields.generated.ts: the fields of every object the engine walks (Pod, PodTemplate,
// ReplicationController, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob and what they hold),
// with the Kubernetes minor in which each appeared and the feature gate it is behind, read from the Go types
// of kubernetes/api (core/v1, apps/v1, batch/v1 `types.go`) at each release tag from 1.27 to 1.36, and
// for 1.37 master after 1.37.0-beta.0 (no 1.37.0 tag was published when this ran). The metav1 types (ObjectMeta,
// LabelSelector, ...) live in apimachinery, not in kubernetes/api; they are stable over these minors and
// are read from the 1.33 OpenAPI schema of test/fixtures.
//
// A development step, not part of the build: it needs a checkout of kubernetes/api (the session's `fetch`
// tool brings one), and its output is committed.
// Usage: node scripts/extract-api-fields.js <path to a kubernetes/api git directory>
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const repo = process.argv[2];
if (!repo) {
  console.error('usage: node scripts/extract-api-fields.js <kubernetes/api git directory>');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
// 1.37: no kubernetes-1.37.0 tag was published when this ran; master at the snapshot (10b39a3, 2026-07-24,
// after kubernetes-1.37.0-beta.0) holds the 1.37 fields merged after the beta too (KEP-5855's
// bindMountOptions, alpha in 1.37).
const NEWEST_REF = process.env.API_1_37_REF ?? '10b39a39bcee995dfe7cd5e8e7b922be5e46f1e2';
const TAGS = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36].map((m) => [m, `kubernetes-1.${m}.0`]).concat([[37, NEWEST_REF]]);
const FILES = ['core/v1/types.go', 'apps/v1/types.go', 'batch/v1/types.go'];
const ROOTS = {
  Pod: 'Pod', PodTemplate: 'PodTemplate', ReplicationController: 'ReplicationController', Deployment: 'Deployment', StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet', ReplicaSet: 'ReplicaSet', Job: 'Job', CronJob: 'CronJob',
};
/** Types held as a value the engine does not walk into: scalars in JSON, or free-form. */
const OPAQUE = new Set(['Quantity', 'IntOrString', 'Time', 'MicroTime', 'Duration', 'UID', 'FieldsV1', 'RawExtension', 'Status']);

function show(tag, file) {
  return execFileSync('git', ['-C', repo, 'show', `${tag}:${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The struct types of a Go file: name -> [{ json, type, gates[] } or { inline: type }]; and named non-struct types. */
function parseGo(text, types, aliases) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const struct = /^type (\w+) struct \{\s*$/.exec(lines[i]);
    const named = /^type (\w+) (\S.*)$/.exec(lines[i]);
    if (!struct) {
      if (named && !named[2].startsWith('struct') && !named[2].startsWith('interface') && !named[2].startsWith('=')) aliases.set(named[1], named[2].trim());
      continue;
    }
    const fields = [];
    let gates = [];
    for (i++; i < lines.length && lines[i] !== '}'; i++) {
      const line = lines[i].trim();
      const gate = /^\/\/ \+featureGate=(\S+)/.exec(line);
      if (gate) gates.push(...gate[1].split(','));
      if (line.startsWith('//') || line === '') continue;
      const field = /^(\w+)\s+(\S+)\s+`json:"([^"]*)"/.exec(line);
      // An embedded struct: `json:",inline"`, or from 1.37 `json:""`; with a name (`metav1.ObjectMeta
      // `json:"metadata"`), a field of that type.
      const anonymous = /^\*?([\w.]+)\s+`json:"([^"]*)"/.exec(line);
      const anonymousName = anonymous ? anonymous[2].split(',')[0] : '';
      if (anonymous && anonymousName === '') fields.push({ inline: anonymous[1].split('.').pop() });
      else if (anonymous) fields.push({ json: anonymousName, type: anonymous[1], gates });
      else if (field) {
        const json = field[3].split(',')[0];
        if (json === '-') continue;
        if (json === '' && field[3].includes('inline')) fields.push({ inline: field[2].replace(/^\*/, '').split('.').pop() });
        else fields.push({ json, type: field[2], gates });
      }
      gates = [];
    }
    types.set(struct[1], fields);
  }
}

/** `*[]map[string]v1.Foo` -> { shape: '[]' | 'map' | '', name: 'Foo' }. */
function typeRef(expr) {
  let e = expr.replace(/^\*/, '');
  let shape = '';
  if (e.startsWith('[]')) {
    shape = '[]';
    e = e.slice(2).replace(/^\*/, '');
  } else if (e.startsWith('map[')) {
    shape = 'map';
    e = e.slice(e.indexOf(']') + 1).replace(/^\*/, '');
  }
  return { shape, name: e.split('.').pop() };
}

/** Meta types from the 1.33 schema: definition name -> { field: type ref }. */
function metaTypes() {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'k8s-1.33-schema.json'), 'utf8')).definitions;
  const out = new Map();
  for (const name of ['ObjectMeta', 'LabelSelector', 'LabelSelectorRequirement', 'OwnerReference', 'ManagedFieldsEntry', 'TypeMeta']) {
    const def = schema[`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`];
    const fields = [];
    for (const [json, prop] of Object.entries(def?.properties ?? {})) {
      const ref = (p) => (p.$ref ? p.$ref.split('.').pop() : '');
      if (prop.type === 'array') fields.push({ json, type: `[]${ref(prop.items ?? {}) || 'string'}`, gates: [] });
      else if (prop.type === 'object' && prop.additionalProperties) fields.push({ json, type: 'map[string]string', gates: [] });
      else fields.push({ json, type: ref(prop) || 'string', gates: [] });
    }
    out.set(name, fields);
  }
  out.set('TypeMeta', [{ json: 'apiVersion', type: 'string', gates: [] }, { json: 'kind', type: 'string', gates: [] }]);
  return out;
}

/** The fields of every type reachable from the roots, at one tag: type -> field -> { ref, gates }. */
function fieldsAt(tag) {
  const types = new Map(metaTypes());
  const aliases = new Map();
  for (const file of FILES) parseGo(show(tag, file), types, aliases);
  const result = new Map();
  const visit = (name) => {
    if (result.has(name) || OPAQUE.has(name) || !types.has(name)) return;
    const fields = new Map();
    result.set(name, fields);
    const add = (list) => {
      for (const f of list) {
        if (f.inline) {
          add(types.get(f.inline) ?? []);
          continue;
        }
        let ref = typeRef(f.type);
        // A named slice or map type (ResourceList) stands for its shape.
        const alias = aliases.get(ref.name);
        if (alias && ref.shape === '' && (alias.startsWith('[]') || alias.startsWith('map['))) ref = typeRef(alias);
        // Status is what the cluster writes: known, not walked.
        const walked = types.has(ref.name) && !OPAQUE.has(ref.name) && f.json !== 'status' ? ref.name : '';
        fields.set(f.json, { ref: walked ? `${ref.shape}${walked}` : '', gates: f.gates });
        if (walked) visit(walked);
      }
    };
    add(types.get(name));
  };
  for (const r of Object.values(ROOTS)) visit(r);
  return result;
}

const byMinor = TAGS.map(([minor, tag]) => [minor, fieldsAt(tag)]);
/** type -> field -> { ref, since, until, gate } over the minors. */
const merged = new Map();
for (const [minor, types] of byMinor) {
  for (const [type, fields] of types) {
    if (!merged.has(type)) merged.set(type, new Map());
    const into = merged.get(type);
    for (const [json, f] of fields) {
      const known = into.get(json);
      if (!known) into.set(json, { ref: f.ref, since: minor, until: minor, gates: new Map([[minor, f.gates.join(',')]]) });
      else {
        known.until = minor;
        known.ref = f.ref || known.ref;
        known.gates.set(minor, f.gates.join(','));
      }
    }
  }
}
const newest = TAGS[TAGS.length - 1][0];
const lines = [];
for (const type of [...merged.keys()].sort()) {
  const entries = [...merged.get(type)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([json, f]) => {
    // The gate its Go type first named (a gate's marker goes when the feature is GA).
    const gate = [...f.gates.values()].find((g) => g) ?? '';
    const parts = [JSON.stringify(f.ref), f.since];
    if (f.until !== newest || gate) parts.push(f.until === newest ? 0 : f.until);
    if (gate) parts.push(JSON.stringify(gate));
    return `    ${JSON.stringify(json)}: [${parts.join(', ')}],`;
  });
  lines.push(`  ${JSON.stringify(type)}: {\n${entries.join('\n')}\n  },`);
}
const out = `// Generated by scripts/extract-api-fields.js from kubernetes/api's types.go at the release tags
// kubernetes-1.27.0 to kubernetes-1.36.0, and for 1.37 master at ${NEWEST_REF.slice(0, 7)} (after 1.37.0-beta.0); do not edit by hand.
// Each field: [type it holds ('' for a scalar or a value not walked, '[]T' a list, 'mapT' a map), the first
// minor that has it, the last minor that has it (0: still there in 1.${newest}), the feature gate its Go
// type names (+featureGate), if any].

/** A field: its type, since, until (0 for still there), gate. */
export type ApiField = readonly [type: string, since: number, until?: number, gate?: string];

/** Fields of each type, by JSON name. */
export const API_TYPES: Readonly<Record<string, Readonly<Record<string, ApiField>>>> = {
${lines.join('\n')}
};

/** The type of each kind the engine checks. */
export const API_ROOTS: Readonly<Record<string, string>> = {
${Object.entries(ROOTS).map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`).join('\n')}
};
`;
fs.writeFileSync(path.join(root, 'src', 'checks', 'api-fields.generated.ts'), out);
console.log(`extract-api-fields: ${merged.size} types, ${[...merged.values()].reduce((n, f) => n + f.size, 0)} fields`);
