import * as fs from 'fs';
import * as path from 'path';

/**
 * A strict check of manifests against the Kubernetes OpenAPI definitions (1.27 and 1.33 extracted from the
 * shared schemas by scripts/extract-schema.js; 1.36, the newest obtainable offline, from the models of
 * @kubernetes/client-node 2.0.1 by scripts/extract-schema-client-node.js): any field the schema does not know is reported, which the API server would
 * drop (or reject under fieldValidation=Strict). kubernetes-models checks types but ignores unknown fields.
 */
type Schema = { definitions: Record<string, any> };

const cache = new Map<string, Schema>();
export type SchemaVersion = '1.27' | '1.33' | '1.36';

function load(version: SchemaVersion): Schema {
  if (!cache.has(version)) cache.set(version, JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `k8s-${version}-schema.json`), 'utf-8')));
  return cache.get(version)!;
}

export function unknownFields(doc: any, version: SchemaVersion = '1.27'): string[] {
  const { definitions } = load(version);
  const [group, apiVersion] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  const root = Object.values(definitions).find((def: any) => (def['x-kubernetes-group-version-kind'] ?? [])
    .some((gvk: any) => gvk.group === group && gvk.version === apiVersion && gvk.kind === doc.kind));
  if (!root) return [`no ${version} schema for ${doc.apiVersion} ${doc.kind}`];
  const problems: string[] = [];
  const walk = (value: any, def: any, at: string) => {
    while (def?.$ref) def = definitions[def.$ref.replace('#/definitions/', '')];
    if (!def || value === null || value === undefined) return;
    if (Array.isArray(value)) {
      if (def.items) value.forEach((v, i) => walk(v, def.items, `${at}[${i}]`));
      return;
    }
    if (typeof value !== 'object') return;
    if (def.properties) {
      for (const [key, v] of Object.entries(value)) {
        if (!(key in def.properties)) problems.push(`${at}.${key}`.replace(/^\./, ''));
        else walk(v, def.properties[key], `${at}.${key}`);
      }
    } else if (def.additionalProperties && typeof def.additionalProperties === 'object') {
      for (const [key, v] of Object.entries(value)) walk(v, def.additionalProperties, `${at}[${key}]`);
    }
  };
  walk(doc, root, '');
  return problems;
}
