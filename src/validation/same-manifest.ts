import { isDeepStrictEqual } from 'util';

/**
 * Whether two rendered manifests hold the same data, as strictly as `util.isDeepStrictEqual` judges plain
 * data: keys in any order, leaves by `Object.is` (so `NaN` is not `null`, `-0` is not `0`), an array hole
 * is not `undefined`, objects of different prototypes differ.
 *
 * Why not `isDeepStrictEqual` itself: the output guard compares every workload's manifest once per
 * synthesis, and over the trees cdk8s renders this walk is several times faster (it skips the generic
 * machinery: symbol keys, typed arrays, boxed values, cycle tracking). It compares what an output can
 * carry: a plain object's own enumerable string keys and an array's elements. Symbol keys and keys an array
 * has besides its indices are not compared: cdk8s rebuilds every rendered object and array from its string
 * keys and elements, so a manifest has none, and neither YAML nor JSON could emit them. Any other object
 * (a Date, a Map, a class instance) is compared by `isDeepStrictEqual`.
 */
export function sameManifest(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const prototype = Object.getPrototypeOf(a);
  if (prototype !== Object.getPrototypeOf(b)) return false;
  if (prototype === Array.prototype) return sameElements(a as unknown[], b as unknown[]);
  if (prototype === Object.prototype || prototype === null) return sameEntries(a as Record<string, unknown>, b as Record<string, unknown>);
  return isDeepStrictEqual(a, b);
}

function sameElements(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    // A hole reads as undefined; isDeepStrictEqual tells the two apart, and so does this.
    if (x === undefined && y === undefined && (i in a) !== (i in b)) return false;
    if (!sameManifest(x, y)) return false;
  }
  return true;
}

function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    // Renders sort their keys, so the same key usually sits at the same place; any other order is looked up.
    if (key !== otherKeys[i] && !Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    if (!sameManifest(a[key], b[key])) return false;
  }
  return true;
}
