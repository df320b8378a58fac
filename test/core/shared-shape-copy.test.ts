import { execFileSync } from 'child_process';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { sharedShapeCopy } from '../../src/core/shared-shape-copy';

/**
 * The render the checks and the output use is a copy of what the L1 renders (`WorkloadManifest.render`):
 * it must emit exactly what the original emits, whatever the original holds.
 */
describe('sharedShapeCopy (the copy every render hands over)', () => {
  test('JSON values: a copy that is deep-equal, made of new objects, and emits the same YAML and JSON', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
      const copy = sharedShapeCopy(value);
      expect(isDeepStrictEqual(copy, value)).toBe(true);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
      expect(Yaml.stringify(copy)).toBe(Yaml.stringify(value));
      if (value !== null && typeof value === 'object') expect(copy).not.toBe(value);
    }), { numRuns: 300 });
  });

  test('keys keep their order (integer-like keys included), and an own "__proto__" key stays a key', () => {
    const value = JSON.parse('{"b": 1, "10": 2, "a": {"__proto__": {"x": 1}, "2": 3}, "1": [4]}');
    const copy = sharedShapeCopy(value);
    expect(Object.keys(copy)).toEqual(Object.keys(value));
    expect(Object.keys(copy.a)).toEqual(['2', '__proto__']);
    expect(Object.getPrototypeOf(copy.a)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  test('leaves as they are: NaN, -0, undefined; holes stay holes and arrays without holes stay plain', () => {
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const value = { nan: NaN, negativeZero: -0, missing: undefined, sparse, dense: [1, 2] };
    const copy = sharedShapeCopy(value);
    expect(isDeepStrictEqual(copy, value)).toBe(true); // tells a hole from undefined, -0 from 0
    expect(1 in copy.sparse).toBe(false);
    expect(copy.sparse).toHaveLength(4);
    expect(Object.is(copy.negativeZero, -0)).toBe(true);
    expect(Object.hasOwn(copy, 'missing')).toBe(true);
  });

  test('anything but a plain object or array is kept by reference', () => {
    const date = new Date(0);
    const bare = Object.assign(Object.create(null), { a: 1 });
    class Quantity { public readonly value = '1Gi'; }
    const instance = new Quantity();
    const copy = sharedShapeCopy({ date, bare, instance, list: [date] });
    expect(copy.date).toBe(date);
    expect(copy.bare).toBe(bare);
    expect(copy.instance).toBe(instance);
    expect(copy.list[0]).toBe(date);
  });

  test('copies of two renders of the same shape share V8\'s hidden classes (the reason the copy exists)', () => {
    // The L1's way of building an object (cdk8s-plus-NN/lib/imports/k8s.js, every toJson_ function), run in
    // a Node with V8's natives syntax, which is how a map can be compared; the copy is the compiled module.
    const module = path.resolve(__dirname, '..', '..', 'lib', 'src', 'core', 'shared-shape-copy.js');
    const program = `
      const { sharedShapeCopy } = require(${JSON.stringify(module)});
      const l1 = (o) => Object.entries(o).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
      const render = (i) => l1({ name: 'app-' + i, image: 'busybox:1.36.1', resources: l1({ requests: l1({ cpu: i + 'm', memory: '64Mi' }) }) });
      const renders = Array.from({ length: 20 }, (_, i) => render(i));
      const copies = renders.map(sharedShapeCopy);
      const shared = copies.every((c) => %HaveSameMap(c, copies[0]) && %HaveSameMap(c.resources.requests, copies[0].resources.requests));
      process.stdout.write(JSON.stringify({ shared }));`;
    const output = execFileSync(process.execPath, ['--allow-natives-syntax', '-e', program], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ shared: true });
  });
});
