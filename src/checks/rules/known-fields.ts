import { obj, Plain } from '../_plain';
import { quote } from '../_quote';
import { API_ROOTS, API_TYPES, ApiField } from '../api-fields.generated';
import { Finding } from '../finding';
import { GATE_OF_MARKER, gateDefault } from '../gate-defaults';
import { PodOwnerKind } from '../pod-context';

/**
 * Fields the target's API server does not know. kubectl validates fields strictly by default (server-side
 * field validation, on by default since 1.27: `strict decoding error: unknown field "spec.containers[0].x"`),
 * so a typo, a misplaced field or a field of a newer Kubernetes fails `kubectl apply`. The fields of each
 * minor are read from kubernetes/api's Go types at its release tag (`api-fields.generated.ts`, made by
 * scripts/extract-api-fields.js; 1.37 from 1.37.0-beta.0). Rule `unknown-field`.
 */
export function checkKnownFields(kind: PodOwnerKind, doc: Plain, target: number): Finding[] {
  const findings: Finding[] = [];
  const rootType = API_ROOTS[kind];
  if (rootType) walkObject(doc, rootType, { segments: [], target, findings }, 0);
  return findings;
}

/** Deep enough for any object of these kinds (a pod nests about 15 levels); deeper is the hostile-input rules' business. */
const MAX_DEPTH = 64;

/**
 * One walk's state. The path is a stack of segments (a field name, a list index, a map key), formatted only
 * for a finding: every field of every manifest is visited, and building each one's path string cost most
 * of the walk.
 */
interface Walk {
  readonly segments: Array<string | number | { readonly mapKey: string }>;
  readonly target: number;
  readonly findings: Finding[];
}

function pathOf(walk: Walk): string {
  let path = '';
  for (const segment of walk.segments) {
    path += typeof segment === 'string' ? `${path === '' ? '' : '.'}${segment}`
      : typeof segment === 'number' ? `[${segment}]` : `[${segment.mapKey}]`;
  }
  return path;
}

/** The fields of each type as Maps, made on first use: a Map lookup is cheaper than one in the big generated literal. */
const fieldMaps = new Map<string, ReadonlyMap<string, ApiField> | null>();

function fieldsOf(type: string): ReadonlyMap<string, ApiField> | null {
  let fields = fieldMaps.get(type);
  if (fields === undefined) {
    fields = Object.hasOwn(API_TYPES, type) ? new Map(Object.entries(API_TYPES[type])) : null;
    fieldMaps.set(type, fields);
  }
  return fields;
}

function walkObject(value: Plain, type: string, walk: Walk, depth: number): void {
  const fields = fieldsOf(type);
  if (!fields || depth > MAX_DEPTH) return;
  const { segments, target, findings } = walk;
  // `for...in` needs no array of keys (one per object of every manifest); it also lists inherited
  // enumerable keys, which are not fields of the object.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const field = fields.get(key);
    segments.push(key);
    // The usual case, a field the target has, decided without a call.
    const known = field !== undefined && target >= field[1] && (field[2] === undefined || field[2] === 0 || target <= field[2]);
    const problem = known ? undefined : fieldProblem(field, key, API_TYPES[type], target);
    const marker = field?.[3];
    const gate = marker ? GATE_OF_MARKER.get(marker) ?? marker : undefined;
    const dropped = problem === undefined && gate ? gateOffProblem(gate, target) : undefined;
    if (problem) {
      const at = pathOf(walk);
      findings.push({ rule: 'unknown-field', severity: 'error', path: at, message: `unknown field ${quote(at)}${problem.why}`, fix: problem.fix });
    } else if (dropped) {
      findings.push({ rule: 'field-needs-newer-kubernetes', severity: 'warning', path: pathOf(walk),
        message: `the API server drops ${quote(pathOf(walk))} at Kubernetes 1.${target}: ${dropped}`,
        fix: `remove it, or enable ${gate} on the cluster (or raise the target where it is on by default) and accept this finding` });
    } else if (field) {
      walkValue(value[key], field[0], walk, depth + 1);
    }
    segments.pop();
  }
}

/** A field's type, parsed once: a list of, a map of, or an object type ('' for a scalar). */
interface ParsedType {
  readonly list?: string;
  readonly map?: string;
}
const parsedTypes = new Map<string, ParsedType>();

function parseType(type: string): ParsedType {
  let parsed = parsedTypes.get(type);
  if (parsed === undefined) {
    parsed = type.startsWith('[]') ? { list: type.slice(2) } : type.startsWith('map') ? { map: type.slice(3) } : {};
    parsedTypes.set(type, parsed);
  }
  return parsed;
}

function walkValue(value: unknown, type: string, walk: Walk, depth: number): void {
  if (type === '' || value === null || value === undefined) return;
  const { list, map } = parseType(type);
  if (list !== undefined) {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      walk.segments.push(i);
      walkValue(value[i], list, walk, depth + 1);
      walk.segments.pop();
    }
    return;
  }
  if (map !== undefined) {
    const entries = obj(value);
    if (!entries) return;
    for (const key of Object.keys(entries)) {
      walk.segments.push({ mapKey: key });
      walkValue(entries[key], map, walk, depth + 1);
      walk.segments.pop();
    }
    return;
  }
  const object = obj(value);
  if (object) walkObject(object, type, walk, depth);
}

function fieldProblem(field: ApiField | undefined, key: string, fields: Readonly<Record<string, ApiField>>, target: number):
  { why: string; fix: string } | undefined {
  if (!field) {
    const near = nearestKnown(key, fields, target);
    return {
      why: near ? `: the API has no field ${quote(key)} here (did you mean ${quote(near)}?)` : `: the API has no field ${quote(key)} here`,
      fix: near ? `rename it to ${near}` : 'remove it, or move it to where the API has it',
    };
  }
  const [, since, until, gate] = field;
  if (target < since) {
    return {
      why: ` at Kubernetes 1.${target}: the field is new in 1.${since}${gate ? ` (feature gate ${gate})` : ''}`,
      fix: `raise the target to 1.${since} or later if the cluster runs it, or remove the field`,
    };
  }
  if (until !== undefined && until !== 0 && target > until) {
    return { why: ` at Kubernetes 1.${target}: the field was removed after 1.${until}`, fix: 'remove it (see the release notes of the minor after)' };
  }
  return undefined;
}

/**
 * Why a gated field does nothing at the target: its gate is off by default there (gate-defaults.ts: read in
 * kube_features.go up to 1.35, after it from the KEP's milestones, which the message says).
 */
function gateOffProblem(gate: string, target: number): string | undefined {
  // Every pod with a native sidecar or a resize policy asks this: the answer is made once per gate and target.
  let byGate = gateOffAnswers.get(target);
  if (!byGate) gateOffAnswers.set(target, byGate = new Map());
  if (!byGate.has(gate)) byGate.set(gate, gateOffAnswer(gate, target));
  return byGate.get(gate);
}

const gateOffAnswers = new Map<number, Map<string, string | undefined>>();

function gateOffAnswer(gate: string, target: number): string | undefined {
  const known = gateDefault(gate);
  if (!known || (known.onFrom !== undefined && target >= known.onFrom)) return undefined;
  const when = known.onFrom !== undefined ? `on by default from 1.${known.onFrom}, by ${known.source}`
    : `no on-by-default release known or planned, by ${known.source}`;
  return `its feature gate ${gate} is off by default there (${when}), so the field does nothing unless the cluster enables the gate`;
}

/** A known field one or two edits away, or equal but for case: the likely intended name. */
function nearestKnown(key: string, fields: Readonly<Record<string, ApiField>>, target: number): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const [name, [, since, until]] of Object.entries(fields)) {
    if (since > target || (until !== undefined && until !== 0 && until < target)) continue;
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name, bestDistance);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, given up past `limit` (field names are short; a key from the input may not be). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length];
}
