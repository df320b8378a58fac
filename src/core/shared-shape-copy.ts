/**
 * A copy of a rendered manifest whose objects share V8's hidden classes (maps), with the same keys in the
 * same order and the same values: what YAML and JSON emit from it is byte for byte what they emit from the
 * original.
 *
 * Why: the L1 classes every cdk8s-plus major generates build each object of a render with
 * `Object.entries(result).reduce((r, i) => ({ ...r, [i[0]]: i[1] }), {})`. In V8 (Node 18 to 22) an
 * object spread followed by a new key gives the result a map of its own, outside any transition tree, so
 * two renders of the same container share no map. Every property read on them then misses V8's inline
 * caches, `Object.keys` builds an enumeration cache per object, optimized code that saw those maps is
 * thrown away when they die, and each object carries its own map and descriptor array. Objects built here
 * from `{}` with their keys added in order take their maps from one transition tree, so every render of
 * the same pod shape shares them: the checks and the output guard run faster on the copy, the manifest
 * the checks hold until the output is smaller, and in a synthesis the copy costs less than it saves
 * (`node --expose-gc lib/bench/render-shapes.js`, and docs/performance.md).
 *
 * What is copied: arrays (holes stay holes) and objects whose prototype is `Object.prototype`, through
 * their own enumerable string keys, which is all that YAML and JSON read. Anything else (a Date, a class
 * instance, an object without prototype) is kept as it is, by reference.
 */
export function sharedShapeCopy<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Array.prototype) {
    const source = value as unknown[];
    const length = source.length;
    // Filled by push, so that an array without holes stays packed (`new Array(n)` would make it holey).
    const result: unknown[] = [];
    for (let i = 0; i < length; i++) {
      if (i in source) result.push(copy(source[i]));
      else result.length = i + 1; // a hole stays a hole
    }
    return result;
  }
  if (prototype !== Object.prototype) return value;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    // An own "__proto__" key (JSON.parse makes one) would set the prototype if assigned.
    if (key === '__proto__') Object.defineProperty(result, key, { value: copy(source[key]), enumerable: true, writable: true, configurable: true });
    else result[key] = copy(source[key]);
  }
  return result;
}
