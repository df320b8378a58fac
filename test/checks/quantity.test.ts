import { parseQuantity, parseQuantityNanos } from '../../src/checks/quantity';

describe('parseQuantity', () => {
  test.each([
    ['500m', 0.5], ['1', 1], ['1.5', 1.5], ['.5', 0.5], ['512Mi', 512 * 2 ** 20], ['1Gi', 2 ** 30], ['1G', 1e9], ['1e3', 1000], ['2k', 2000], ['-1', -1], [3, 3],
  ])('reads %p as %p', (value, expected) => {
    expect(parseQuantity(value)).toBeCloseTo(expected as number);
  });
  test.each(['lots', '1 Gi', '1gi', 'Mi', '', '1.5.5', null, {}])('rejects %p', (value) => {
    expect(parseQuantity(value)).toBeUndefined();
  });
});

describe('parseQuantityNanos', () => {
  test.each([
    ['102m', 102_000_000n], ['0.102', 102_000_000n], ['9m', 9_000_000n], ['0.009', 9_000_000n], ['12e-1', 1_200_000_000n], ['1200m', 1_200_000_000n],
    ['1Ki', 1024n * 1_000_000_000n], ['1.5Gi', 3n * 2n ** 29n * 1_000_000_000n], ['1E', 10n ** 27n], ['-250m', -250_000_000n], ['+1', 1_000_000_000n],
    ['.5', 500_000_000n], ['1.', 1_000_000_000n], ['0', 0n], ['-0.0', 0n], [0.1, 100_000_000n], [2, 2_000_000_000n], ['1n', 1n], ['1u', 1000n],
  ])('reads %p exactly', (value, expected) => {
    expect(parseQuantityNanos(value)).toBe(expected);
  });
  test('rounds a value finer than 1n up, away from zero, as the API server does', () => {
    expect(parseQuantityNanos('0.5n')).toBe(1n);
    expect(parseQuantityNanos('1e-30')).toBe(1n);
    expect(parseQuantityNanos('-1e-30')).toBe(-1n);
    expect(parseQuantityNanos('1.0000000001')).toBe(1_000_000_001n);
  });
  test('caps huge values at 2^63-1 units without building huge numbers', () => {
    const cap = ((1n << 63n) - 1n) * 1_000_000_000n;
    expect(parseQuantityNanos('1e100000')).toBe(cap);
    expect(parseQuantityNanos('99999999999E')).toBe(cap);
    expect(parseQuantityNanos('-1e40')).toBe(-cap);
  });
  test.each(['lots', '1 Gi', '1gi', 'Mi', '', '1.5.5', '1e99999999999', null, {}, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p', (value) => {
    expect(parseQuantityNanos(value)).toBeUndefined();
  });
});
