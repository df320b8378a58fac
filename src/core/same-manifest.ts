/**
 * Whether two rendered manifests are the same data in the same order, so that either can be emitted for
 * the other: plain objects with the same own enumerable string keys in the same order, arrays of the same
 * length with holes in the same places, leaves equal by `Object.is` (so `NaN` is `NaN`, `-0` is not `0`),
 * and anything that is neither a plain object nor an array (a Date, a class instance, an object without
 * prototype) the very same object. YAML and JSON read nothing else, so what they emit from one they emit
 * from the other.
 *
 * The output guard compares each workload's fresh render with the copy the checks last saw, and emits that
 * copy when they are the same. Stricter than deep equality on purpose: keys in another order, or an equal
 * but distinct Date, are "not the same", and the fresh render is checked again (correct, only slower).
 * It allocates one key array per object (a manifest has a few hundred objects, and this runs for every
 * workload of every synthesis).
 */
export function sameManifest(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const prototype = Object.getPrototypeOf(a);
  if (prototype !== Object.getPrototypeOf(b)) return false;
  if (prototype === Array.prototype) return sameElements(a as unknown[], b as unknown[]);
  if (prototype === Object.prototype) return sameEntries(a as Record<string, unknown>, b as Record<string, unknown>);
  return false; // not plain data, and not the same object
}

function sameElements(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    // A hole reads as undefined; a serializer tells the two apart, and so does this.
    if (x === undefined && y === undefined && (i in a) !== (i in b)) return false;
    if (!sameManifest(x, y)) return false;
  }
  return true;
}

function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  // The keys of `a` by `for...in`, which needs no array, against those of `b` in order. `for...in` lists
  // own keys first, in the order `Object.keys` gives, then inherited enumerable ones, which `b`'s own
  // keys do not have: such an object is "not the same", and checked again.
  const keys = Object.keys(b);
  let i = 0;
  for (const key in a) {
    if (key !== keys[i] || !sameManifest(a[key], b[key])) return false;
    i++;
  }
  return i === keys.length;
}
