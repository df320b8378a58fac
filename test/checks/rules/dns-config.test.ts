import { checkPodSpec } from '../../../src/checks/engine';
import { isIpAddress } from '../../../src/checks/rules/dns-config';
import { container } from '../../_support/raw-pods';
import { errorsOf } from './_support';

const withDns = (dnsConfig: unknown) => ({ dnsPolicy: 'None', dnsConfig, containers: [container('a')] });
const domains = (n: number, length = 10) => Array.from({ length: n }, (_, i) => `${String(i).padStart(length, 'd')}.example`);

describe('dnsConfig', () => {
  test.each([
    ['four nameservers', { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '1.0.0.1'] }, 'dns-config spec.dnsConfig.nameservers'],
    ['a nameserver that is a host name', { nameservers: ['dns.example.com'] }, 'dns-config spec.dnsConfig.nameservers[0]'],
    ['an IPv4 part above 255', { nameservers: ['10.0.0.256'] }, 'dns-config spec.dnsConfig.nameservers[0]'],
    ['33 search paths', { nameservers: ['10.0.0.10'], searches: domains(33, 1) }, 'dns-config spec.dnsConfig.searches'],
    ['a search list over 2048 characters', { nameservers: ['10.0.0.10'], searches: domains(30, 70) }, 'dns-config spec.dnsConfig.searches'],
    ['a search path that is not a DNS subdomain', { nameservers: ['10.0.0.10'], searches: ['My_Domain'] }, 'dns-config spec.dnsConfig.searches[0]'],
    ['an option without a name', { nameservers: ['10.0.0.10'], options: [{ value: '2' }] }, 'dns-config spec.dnsConfig.options[0]'],
  ])('reports %s', (_name, dnsConfig, expected) => {
    expect(errorsOf(withDns(dnsConfig))).toEqual([expected]);
  });

  test.each([
    ['three nameservers, IPv4 and IPv6', { nameservers: ['10.0.0.10', '2001:db8::53', '::1'] }],
    ['an IPv4 address with leading zeros (the API server parses it sloppily)', { nameservers: ['010.000.000.010'] }],
    ['32 search paths', { nameservers: ['10.0.0.10'], searches: domains(32, 1) }],
    ['a search path with a trailing dot', { nameservers: ['10.0.0.10'], searches: ['svc.cluster.local.'] }],
    ['an option with a name and no value', { nameservers: ['10.0.0.10'], options: [{ name: 'single-request-reopen' }] }],
  ])('accepts %s', (_name, dnsConfig) => {
    expect(errorsOf(withDns(dnsConfig))).toEqual([]);
  });

  test('every supported target has the expanded limits (ExpandedDNSConfig, on by default from 1.26): 7 search paths pass', () => {
    const spec = withDns({ nameservers: ['10.0.0.10'], searches: domains(7, 1) });
    expect(errorsOf(spec, { kubernetesMinor: 27 })).toEqual([]);
  });

  test.each([['1.2.3.4', true], ['fe80::1', true], ['fe80::1%eth0', false], ['1.2.3', false], ['', false], ['localhost', false]])('isIpAddress(%p) is %p', (value, expected) => {
    expect(isIpAddress(value)).toBe(expected);
  });

  test.each([null, 'x', 3, { nameservers: 'x', searches: [null, 3], options: [null, 'x', { name: null }] }])('does not throw on %j', (dnsConfig) => {
    expect(() => checkPodSpec({ dnsConfig, containers: [container('a')] })).not.toThrow();
  });
});
