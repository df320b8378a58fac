import { isDeepStrictEqual } from 'util';
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { sameManifest } from '../../src/core/same-manifest';

/** One leaf of a JSON value replaced by another value (or the value itself when it has no leaf). */
function withOneLeafChanged(value: unknown, path: number, replacement: unknown): unknown {
  if (Array.isArray(value) && value.length > 0) {
    const i = path % value.length;
    return value.map((v, j) => (j === i ? withOneLeafChanged(v, Math.floor(path / value.length), replacement) : v));
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const key = keys[path % keys.length];
    return { ...value, [key]: withOneLeafChanged((value as Record<string, unknown>)[key], Math.floor(path / keys.length), replacement) };
  }
  return replacement;
}

/** A deep copy made in this realm (structuredClone's arrays would have another realm's prototype under jest). */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

describe('sameManifest (the output guard\'s comparison)', () => {
  test('agrees with util.isDeepStrictEqual on JSON values, their copies and copies with one leaf changed', () => {
    const leaf = fc.oneof(fc.constant(null), fc.constant(NaN), fc.constant(-0), fc.constant(0), fc.boolean(), fc.integer(), fc.string());
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), fc.nat(), leaf, (value, path, replacement) => {
      expect(sameManifest(value, clone(value))).toBe(true);
      const changed = withOneLeafChanged(value, path, replacement);
      expect(sameManifest(value, changed)).toBe(isDeepStrictEqual(value, changed));
      expect(sameManifest(changed, value)).toBe(isDeepStrictEqual(changed, value));
      // What the guard relies on when it emits the checked copy for the fresh render: the same output.
      if (sameManifest(value, changed)) expect(Yaml.stringify(changed)).toBe(Yaml.stringify(value));
    }), { numRuns: 300 });
  });

  test('the same keys in another order are not the same (a serializer would write them in that order); leaves compare by Object.is', () => {
    expect(sameManifest({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } })).toBe(true);
    expect(sameManifest({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(false);
    expect(sameManifest({ b: { c: 1, d: 2 } }, { b: { d: 2, c: 1 } })).toBe(false);
    expect(sameManifest({ a: NaN }, { a: NaN })).toBe(true);
    expect(sameManifest({ a: NaN }, { a: null })).toBe(false);
    expect(sameManifest({ a: -0 }, { a: 0 })).toBe(false);
    expect(sameManifest({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameManifest({ a: undefined }, {})).toBe(false);
    expect(sameManifest({ a: 1 }, { b: 1 })).toBe(false);
  });

  test('an array is not an object with the same keys, a hole is not undefined, a longer array differs', () => {
    expect(sameManifest(['a'], { 0: 'a' })).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(sameManifest([1, , 3], [1, undefined, 3])).toBe(false);
    expect(sameManifest([1, 2], [1, 2, undefined])).toBe(false);
    expect(sameManifest([], [])).toBe(true);
  });

  test('an object that is not plain data is the same only as itself', () => {
    const at = new Date(0);
    expect(sameManifest({ at }, { at })).toBe(true);
    expect(sameManifest({ at: new Date(0) }, { at: new Date(0) })).toBe(false);
    expect(sameManifest({ m: new Map([['a', 1]]) }, { m: new Map([['a', 1]]) })).toBe(false);
    expect(sameManifest(Object.assign(Object.create(null), { a: 1 }), { a: 1 })).toBe(false);
    class Box { constructor(public readonly v: number) {} }
    expect(sameManifest(new Box(1), { v: 1 })).toBe(false);
    expect(sameManifest(new Box(1), new Box(1))).toBe(false);
  });

  test('an inherited enumerable key (a polluted Object.prototype) makes objects not the same: checked again', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(sameManifest({ a: 1 }, { a: 1 })).toBe(false);
    } finally {
      delete proto.polluted;
    }
    expect(sameManifest({ a: 1 }, { a: 1 })).toBe(true);
  });
});
