import { ApiObject } from 'cdk8s';
import { Field, isPlainObject, l1ClassOf, Table, tableOf } from './l1-filters';
import { sameManifest } from './same-manifest';
import { sharedShapeCopy } from './shared-shape-copy';

/**
 * The render of a cdk8s-plus L1 object (`KubePod`, `KubeDeployment`, ...) exactly as its own `toJson()`
 * returns it, built without the L1's way of building objects: what the checks read and the output emits.
 *
 * Why: an L1's `toJson()` is cdk8s's render (`ApiObject.prototype.toJson`: resolve, sort, patch) followed
 * by the L1's filter, a generated `toJson_<Type>` function per type that keeps the type's fields in
 * schema order, renames a few (`hostIpc` to `hostIPC`), unwraps `IntOrString` and `Quantity` values and
 * drops what is undefined. Each of those functions builds its object with
 * `Object.entries(result).reduce((r, i) => ({ ...r, [i[0]]: i[1] }), {})`: one new object per field, and
 * a result whose V8 hidden class is its own (`shared-shape-copy.ts` says what that costs). Measured on the
 * benchmark pod, the filter is over a third of the render and most of its garbage
 * (`node --expose-gc lib/bench/render-shapes.js`), and a checked workload is rendered twice per synthesis:
 * for the checks, and for the output.
 *
 * How: the filter of each type is read from the L1's own generated function (`kplus.k8s.toJson_<Type>`,
 * public in every cdk8s-plus major), once per type and process, as a table of its fields and of what the
 * function does with each (`l1-filters.ts`); the table is then applied to cdk8s's render of the object. So the result is
 * the installed L1's, field for field, whatever version of it the app has. Where the generated code has
 * another form than the ones it reads, or the data is something on which the L1 would do something else
 * (throw a TypeError, keep a hole in a list), this returns `undefined` and the caller renders through the
 * L1 itself. Tests hold the two renders side by side for every workload kind on every major, for odd
 * data a JSON patch can bring, and for every workload of the example app (`test/core/l1-render.test.ts`).
 */
export function renderAsL1(apiObject: ApiObject): unknown {
  return isGeneratedL1(apiObject) ? filterAsL1(apiObject, cdk8sRender(apiObject)) : undefined;
}

/** Whether the object is an L1 whose `toJson()` is the generated one, with filters this module can read. */
export function isGeneratedL1(apiObject: ApiObject): boolean {
  return l1ClassOf(apiObject) !== undefined;
}

/** cdk8s's own render of the object (`ApiObject.prototype.toJson`, public): what an L1's `toJson()` filters. */
export function cdk8sRender(apiObject: ApiObject): unknown {
  return ApiObject.prototype.toJson.call(apiObject);
}

/**
 * The L1's filter over cdk8s's render of a generated L1 (`cdk8sRender`): what its `toJson()` returns, or
 * undefined where this cannot be sure to give the same.
 */
export function filterAsL1(apiObject: ApiObject, rendered: unknown): unknown {
  const l1 = l1ClassOf(apiObject);
  if (l1 === undefined) return undefined;
  const result: Record<string, unknown> = { apiVersion: l1.apiVersion, kind: l1.kind };
  return filterInto(result, l1.props, rendered) === CANNOT ? undefined : result;
}

/**
 * Whether `filterAsL1(apiObject, rendered)` would be the same data as `expected`, in the sense of
 * `sameManifest` (the same keys in the same order, leaves by `Object.is`), found without making it: one
 * walk, nothing allocated but key lists. False where it cannot tell (where `filterAsL1` gives undefined).
 */
export function filtersToSame(apiObject: ApiObject, rendered: unknown, expected: unknown): boolean {
  const l1 = l1ClassOf(apiObject);
  if (l1 === undefined || !isPlainObject(expected)) return false;
  const keys = Object.keys(expected);
  if (keys[0] !== 'apiVersion' || keys[1] !== 'kind' || expected.apiVersion !== l1.apiVersion || expected.kind !== l1.kind) return false;
  return sameFilteredFrom(l1.props, rendered, expected, keys, 2);
}

/** Returned down the walk where the L1 would do something other than the tables say. */
const CANNOT = Symbol('cannot render as the L1 would');
type Cannot = typeof CANNOT;

/** A Date whose toISOString() returns (an invalid one throws a RangeError, as the L1 then does). */
function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}


/** `toJson_<Type>(obj)` of a defined `obj`, written into `result`. */
function filterInto(result: Record<string, unknown>, table: Table, obj: unknown): void | Cannot {
  // The generated function reads fields off whatever it is given; on null it throws.
  if (!isPlainObject(obj)) return CANNOT;
  for (let i = 0; i < table.length; i++) {
    const field = table[i];
    const value = obj[field.from];
    if (value === undefined) continue;
    const converted = convert(field, value);
    if (converted === CANNOT) return CANNOT;
    if (converted !== undefined) result[field.key] = converted;
  }
  return undefined;
}

function convert(field: Field, value: unknown): unknown {
  switch (field.form) {
    case 'value':
      return sharedShapeCopy(value);
    case 'object':
      return filtered(field, value);
    case 'object-list': {
      if (value === null) return undefined;
      if (!Array.isArray(value)) return CANNOT;
      const list: unknown[] = [];
      for (let j = 0; j < value.length; j++) {
        if (!(j in value)) return CANNOT; // `map` keeps a hole, which a serializer tells from undefined
        const element = value[j] === undefined ? undefined : filtered(field, value[j]);
        if (element === CANNOT) return CANNOT;
        list.push(element);
      }
      return list;
    }
    case 'value-list':
      if (value === null) return undefined;
      return Array.isArray(value) ? sharedShapeCopy(value) : CANNOT;
    case 'unwrap':
      return value === null ? undefined : sharedShapeCopy((value as { value?: unknown }).value);
    case 'map':
    case 'unwrap-map': {
      if (!isPlainObject(value)) return CANNOT;
      const map: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const entry = value[key];
        if (entry === undefined) continue;
        if (key === '__proto__') return CANNOT;
        // The L1 keeps the key when the entry has no .value: `{ ...r, [key]: undefined }`.
        map[key] = sharedShapeCopy(field.form === 'map' ? entry : (entry as { value?: unknown } | null)?.value);
      }
      return map;
    }
    case 'timestamp':
      if (value === null) return undefined;
      return isValidDate(value) ? value.toISOString() : CANNOT;
    default:
      return CANNOT;
  }
}

function filtered(field: Field, value: unknown): unknown {
  if (field.table === undefined) field.table = tableOf(field.type!);
  if (field.table === null) return CANNOT;
  const result: Record<string, unknown> = {};
  return filterInto(result, field.table, value) === CANNOT ? CANNOT : result;
}

/**
 * `filterInto` as a comparison: whether the object it would write for `obj` (after the first `from` keys
 * of `expected`, already compared) holds exactly the remaining keys of `expected`, in order, with the same
 * values.
 */
function sameFilteredFrom(table: Table, obj: unknown, expected: Record<string, unknown>, keys: readonly string[], from: number): boolean {
  if (!isPlainObject(obj)) return false;
  let k = from;
  for (let i = 0; i < table.length; i++) {
    const field = table[i];
    const value = obj[field.from];
    if (value === undefined) continue;
    const present = writes(field, value);
    if (present === CANNOT) return false;
    if (!present) continue;
    if (keys[k] !== field.key || !sameConverted(field, value, expected[field.key])) return false;
    k++;
  }
  return k === keys.length;
}

/** Whether `convert(field, value)` of a defined value is something (a key is written), or what it cannot convert. */
function writes(field: Field, value: unknown): boolean | Cannot {
  switch (field.form) {
    case 'object-list':
    case 'value-list':
    case 'timestamp':
      return value !== null;
    case 'unwrap':
      return value !== null && (value as { value?: unknown }).value !== undefined;
    default:
      return true;
  }
}

/** Whether `convert(field, value)` (a defined value, for a key that is written) would equal `expected`. */
function sameConverted(field: Field, value: unknown, expected: unknown): boolean {
  switch (field.form) {
    case 'value':
    case 'value-list':
      // The copy keeps all that sameManifest compares, so the value compares as its copy would.
      return (field.form === 'value' || Array.isArray(value)) && sameManifest(value, expected);
    case 'object':
      return sameFilteredObject(field, value, expected);
    case 'object-list': {
      if (!Array.isArray(value) || !Array.isArray(expected) || value.length !== expected.length) return false;
      for (let j = 0; j < value.length; j++) {
        if (!(j in value) || !(j in expected)) return false;
        if (value[j] === undefined ? expected[j] !== undefined : !sameFilteredObject(field, value[j], expected[j])) return false;
      }
      return true;
    }
    case 'unwrap':
      return sameManifest((value as { value?: unknown }).value, expected);
    case 'map':
    case 'unwrap-map': {
      if (!isPlainObject(value) || !isPlainObject(expected)) return false;
      const keys = Object.keys(expected);
      let k = 0;
      for (const key of Object.keys(value)) {
        const entry = value[key];
        if (entry === undefined) continue;
        if (key === '__proto__' || keys[k] !== key) return false;
        const converted = field.form === 'map' ? entry : (entry as { value?: unknown } | null)?.value;
        if (!sameManifest(converted, expected[key])) return false;
        k++;
      }
      return k === keys.length;
    }
    case 'timestamp':
      return isValidDate(value) && value.toISOString() === expected;
    default:
      return false;
  }
}

function sameFilteredObject(field: Field, value: unknown, expected: unknown): boolean {
  if (field.table === undefined) field.table = tableOf(field.type!);
  if (field.table === null || !isPlainObject(expected)) return false;
  return sameFilteredFrom(field.table, value, expected, Object.keys(expected), 0);
}
