import { isIPv6 } from 'net';
import { list, obj, text } from '../_plain';
import { quote } from '../_quote';
import { dnsSubdomainProblem } from '../formats';
import { PodContext } from '../pod-context';

const MAX_NAMESERVERS = 3;
/**
 * ExpandedDNSConfig (beta and on by default from 1.26, GA in 1.28) raised the search limits from 6 paths and
 * 256 characters to 32 and 2048: every supported target (1.27+) has them.
 */
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_CHARS = 2048;
/**
 * RelaxedDNSSearchValidation (alpha 1.32, beta and on by default from 1.33, GA 1.34 in kube_features.go):
 * search domains may hold underscores (SRV-style names such as "_sip._tcp.example.com"), and "." is allowed.
 */
const RELAXED_DNS_SEARCH_MINOR = 33;
const SUBDOMAIN_WITH_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

function relaxedSearchProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (name.length > 253) return 'must be no more than 253 characters';
  return SUBDOMAIN_WITH_UNDERSCORE.test(name) ? undefined
    : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-', '_' or '.', and must start and end with "
      + "an alphanumeric character, or start with '_' (e.g. 'example.com', '_sip._tcp.example.com')";
}

const IPV4_SLOPPY = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

/** `netutils.ParseIPSloppy`: IPv4 (leading zeros allowed) or IPv6, without a zone. */
export function isIpAddress(value: string): boolean {
  const v4 = IPV4_SLOPPY.exec(value);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255);
  return !value.includes('%') && isIPv6(value);
}

/** `spec.dnsConfig` (API server `validatePodDNSConfig`): nameservers, search paths and options. */
export function checkDnsConfig(ctx: PodContext): void {
  const config = obj(ctx.spec.dnsConfig);
  if (!config) return;
  const path = ctx.at('dnsConfig');
  const nameservers = list(config.nameservers);
  if (nameservers.length > MAX_NAMESERVERS) {
    ctx.error('dns-config', `${path}.nameservers`, `Invalid value: ${text(nameservers)}: must not have more than ${MAX_NAMESERVERS} nameservers`,
      `keep at most ${MAX_NAMESERVERS} nameservers (the resolver reads no more)`);
  }
  nameservers.forEach((ns, i) => {
    if (typeof ns !== 'string' || !isIpAddress(ns)) {
      ctx.error('dns-config', `${path}.nameservers[${i}]`, `Invalid value: ${quote(ns)}: must be valid IP address`,
        'give the nameserver as an IPv4 or IPv6 address, not a host name');
    }
  });
  const maxPaths = MAX_SEARCH_PATHS;
  const maxChars = MAX_SEARCH_CHARS;
  const searches = list(config.searches);
  if (searches.length > maxPaths) {
    ctx.error('dns-config', `${path}.searches`, `Invalid value: ${text(searches)}: must not have more than ${maxPaths} search paths`,
      `keep at most ${maxPaths} search domains`);
  }
  if (Buffer.byteLength(searches.map(text).join(' ')) > maxChars) {
    ctx.error('dns-config', `${path}.searches`,
      `Invalid value: ${text(searches)}: must not have more than ${maxChars} characters (including spaces) in the search list`,
      'shorten the search list');
  }
  const relaxed = ctx.kubernetesMinor >= RELAXED_DNS_SEARCH_MINOR;
  searches.forEach((search, i) => {
    // A trailing dot (a fully qualified name) is fine; relaxed validation also takes "." alone.
    if (relaxed && search === '.') return;
    const name = typeof search === 'string' ? search.replace(/\.$/, '') : search;
    const problem = typeof name === 'string' && name === '' ? 'must not be empty'
      : relaxed ? relaxedSearchProblem(name) : dnsSubdomainProblem(name);
    if (problem) {
      ctx.error('dns-config', `${path}.searches[${i}]`, `Invalid value: ${quote(search)}: ${problem}`,
        'use a DNS domain such as "svc.cluster.local"');
    }
  });
  list(config.options).forEach((value, i) => {
    const option = obj(value);
    if (option && (option.name === undefined || option.name === null || option.name === '')) {
      ctx.error('dns-config', `${path}.options[${i}]`, 'Required value: must not be empty', 'name the resolver option (e.g. "ndots")');
    }
  });
}
