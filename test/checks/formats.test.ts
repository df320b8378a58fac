import { dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, mountPathProblem, portNameProblem, portNumberProblem, qualifiedNameProblem } from '../../src/checks/formats';

describe('dnsLabelProblem', () => {
  test.each(['a', 'nginx-controller', '123-abc', 'a'.repeat(63)])('accepts %s', (v) => expect(dnsLabelProblem(v)).toBeUndefined());
  test('rejects upper case and underscores with the API server text', () => {
    expect(dnsLabelProblem('Bad_Name')).toMatch(/^a lowercase RFC 1123 label must consist of/);
  });
  test('rejects dots in a label with a precise message', () => expect(dnsLabelProblem('a.b')).toBe('must not contain dots'));
  test('rejects leading and trailing hyphens', () => {
    expect(dnsLabelProblem('-a')).toBeDefined();
    expect(dnsLabelProblem('a-')).toBeDefined();
  });
  test('rejects more than 63 characters', () => expect(dnsLabelProblem('a'.repeat(64))).toBe('must be no more than 63 characters'));
  test('rejects the empty string', () => expect(dnsLabelProblem('')).toBeDefined());
});

describe('dnsSubdomainProblem', () => {
  test.each(['two-contrains', 'a.b.c', 'javaweb-2'])('accepts %s', (v) => expect(dnsSubdomainProblem(v)).toBeUndefined());
  test.each(['My-Pod', 'a..b', '.a', 'a_b'])('rejects %s', (v) => expect(dnsSubdomainProblem(v)).toMatch(/RFC 1123 subdomain/));
  test('rejects more than 253 characters', () => expect(dnsSubdomainProblem('a'.repeat(254))).toMatch(/253/));
});

describe('portNumberProblem', () => {
  test.each([1, 80, 65535])('accepts %d', (v) => expect(portNumberProblem(v)).toBeUndefined());
  test.each([0, -1, 65536, 70000, 1.5])('rejects %d', (v) => expect(portNumberProblem(v)).toBe('must be between 1 and 65535, inclusive'));
});

describe('portNameProblem', () => {
  test.each(['http', 'metrics-9090', 'a1'])('accepts %s', (v) => expect(portNameProblem(v)).toBeUndefined());
  test.each([
    ['a-very-long-port-name', 'must be no more than 15 characters'],
    ['HTTP', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['8080', 'must contain at least one letter (a-z)'],
    ['a--b', 'must not contain consecutive hyphens'],
    ['-http', 'must not begin or end with a hyphen'],
  ])('rejects %s: %s', (v, problem) => expect(portNameProblem(v)).toBe(problem));
});

describe('mountPathProblem', () => {
  test('accepts an absolute path', () => expect(mountPathProblem('/var/log')).toBeUndefined());
  test.each([
    ['', 'must not be empty'],
    ['var/log', 'must be an absolute path (start with "/")'],
    ['/data:ro', "must not contain ':'"],
  ])('rejects "%s"', (v, problem) => expect(mountPathProblem(v)).toBe(problem));
});

describe('qualifiedNameProblem', () => {
  test.each(['app', 'app.kubernetes.io/name', 'K_8.s', 'example.com/A', 'a'.repeat(63), `${'p'.repeat(253)}/n`])('accepts %s', (v) => expect(qualifiedNameProblem(v)).toBeUndefined());
  test.each([
    ['', 'name part must be non-empty'], ['a/', 'name part must be non-empty'], ['/a', 'prefix part must be non-empty'],
    ['a'.repeat(64), 'name part must be no more than 63 characters'], ['-a', /^name part must consist of/], ['a b', /^name part must consist of/],
    ['A.com/a', /^prefix part a lowercase RFC 1123 subdomain/], ['a/b/c', /^a qualified name must consist of/], [5, 'must be a string'],
  ])('rejects %p', (v, message) => expect(qualifiedNameProblem(v)).toMatch(message));
});

describe('labelValueProblem', () => {
  test.each(['', 'a', 'My_Value.1', 'v'.repeat(63)])('accepts %p', (v) => expect(labelValueProblem(v)).toBeUndefined());
  test.each([['v'.repeat(64), /63/], ['-a', /^a valid label/], ['a b', /^a valid label/], [1, 'must be a string']])('rejects %p', (v, message) => expect(labelValueProblem(v)).toMatch(message));
});
