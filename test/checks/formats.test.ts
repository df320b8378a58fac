import { dnsLabelProblem, dnsSubdomainProblem, mountPathProblem, portNameProblem, portNumberProblem } from '../../src/checks/formats';

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
