import { parseQuantity } from '../../src';

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
