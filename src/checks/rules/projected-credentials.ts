import { obj, Plain } from '../_plain';
import { quote } from '../_quote';
import {
  DNS1123_LABEL_MAX_LENGTH, DNS1123_SUBDOMAIN_MAX_LENGTH, dnsLabelProblem, dnsSubdomainProblem, integerProblem, qualifiedNameProblem,
} from '../formats';
import { gateOnByDefault } from '../gate-defaults';
import { PodContext } from '../pod-context';
import { checkFilePath } from './file-path';
import { checkLabelSelector } from './label-selector';

/** `PodCertificateProjection.keyType`: the values kubernetes/api's types.go lists (1.34 to 1.37). */
export const POD_CERTIFICATE_KEY_TYPES: readonly string[] = ['RSA3072', 'RSA4096', 'ECDSAP256', 'ECDSAP384', 'ECDSAP521', 'ED25519'];

/**
 * The bounds of `podCertificate.maxExpirationSeconds`: "kube-apiserver will reject values shorter than 3600
 * (1 hour). The maximum allowable value is 7862400 (91 days)" (types.go), with the messages that
 * test/e2e/auth/projected_podcertificate.go expects of the API server.
 */
export const POD_CERTIFICATE_MIN_SECONDS = 3600;
export const POD_CERTIFICATE_MAX_SECONDS = 7862400;

/** Records a projected file's path, refusing a second file on it. */
type Claim = (path: unknown, at: string) => void;

/** `serviceAccountToken.expirationSeconds`: at least 10 minutes and at most 2^32 seconds (validateProjectionSources). */
const TOKEN_MIN_SECONDS = 600;
const TOKEN_MAX_SECONDS = 2 ** 32;

/**
 * The projections that put credentials into a projected volume: a service-account token, a ClusterTrustBundle
 * (1.29+) and a pod certificate (1.34+), as `validateProjectionSources` (pkg/apis/core/validation) checks
 * them, with the signer names of `ValidateSignerName` (pkg/apis/certificates/validation). `claim` records a
 * file path, so that two files on one path are refused as the volume's other items are. The two certificate
 * projections are judged where their gates are on by default (gate-defaults.ts): before, the API server drops
 * them before it validates them, and known-fields.ts says so.
 */
export function checkCredentialProjections(ctx: PodContext, source: Plain, at: string, claim: Claim): void {
  const token = obj(source.serviceAccountToken);
  if (token) checkServiceAccountToken(ctx, token, `${at}.serviceAccountToken`);
  const bundle = obj(source.clusterTrustBundle);
  if (bundle && gateOnByDefault('ClusterTrustBundleProjection', ctx.kubernetesMinor)) {
    checkClusterTrustBundle(ctx, bundle, `${at}.clusterTrustBundle`);
    claim(bundle.path, `${at}.clusterTrustBundle.path`);
  }
  const certificate = obj(source.podCertificate);
  if (certificate && gateOnByDefault('PodCertificateRequest', ctx.kubernetesMinor)) {
    checkPodCertificate(ctx, certificate, `${at}.podCertificate`, claim);
  }
}

function checkServiceAccountToken(ctx: PodContext, token: Plain, at: string): void {
  // Unset, the API server defaults it to an hour.
  const seconds = token.expirationSeconds;
  if (seconds !== undefined && seconds !== null) {
    const problem = integerProblem(seconds, Number.MIN_SAFE_INTEGER)
      ?? ((seconds as number) < TOKEN_MIN_SECONDS ? 'may not specify a duration less than 10 minutes'
        : (seconds as number) > TOKEN_MAX_SECONDS ? 'may not specify a duration larger than 2^32 seconds' : undefined);
    if (problem) {
      ctx.error('projected-credentials', `${at}.expirationSeconds`, `Invalid value: ${quote(seconds)}: ${problem}`,
        'request a lifetime from 600 (10 minutes) to 4294967296 seconds, or leave expirationSeconds out for an hour');
    }
  }
  // The token's path is not among the volume's claimed paths: the API server does not compare it with them.
  checkFilePath(ctx, token.path, `${at}.path`);
}

function checkClusterTrustBundle(ctx: PodContext, bundle: Plain, at: string): void {
  const usingName = bundle.name !== undefined && bundle.name !== null;
  const usingSigner = bundle.signerName !== undefined && bundle.signerName !== null;
  const selector = obj(bundle.labelSelector);
  if (usingName && usingSigner) {
    ctx.error('projected-credentials', at, 'Invalid value: only one of name and signerName may be used',
      'keep name to project one ClusterTrustBundle, or signerName (with labelSelector) to project every bundle of a signer');
  } else if (usingName) {
    const problem = clusterTrustBundleNameProblem(bundle.name);
    if (problem) {
      ctx.error('projected-credentials', `${at}.name`, problem, 'name an existing ClusterTrustBundle (e.g. "example.com:signer:bundle" or "my-ca")');
    }
    if (bundle.labelSelector !== undefined && bundle.labelSelector !== null) {
      ctx.error('projected-credentials', `${at}.labelSelector`, 'Invalid value: labelSelector must be unset if name is specified',
        'remove labelSelector, or select by signerName instead of name');
    }
  } else if (usingSigner) {
    const problem = signerNameProblem(bundle.signerName);
    if (problem) {
      ctx.error('projected-credentials', `${at}.signerName`, problem, 'name the signer as "<domain>/<name>", e.g. "example.com/my-signer"');
    }
    if (selector) checkLabelSelector(selector, `${at}.labelSelector`, (p, m, f) => ctx.error('projected-credentials', p, m, f));
  } else {
    ctx.error('projected-credentials', at, 'Required value: either name or signerName must be specified',
      'set name (one ClusterTrustBundle) or signerName (every bundle of a signer that labelSelector selects)');
  }
  checkFilePath(ctx, bundle.path, `${at}.path`);
}

function checkPodCertificate(ctx: PodContext, certificate: Plain, at: string, claim: Claim): void {
  const signerProblem = signerNameProblem(certificate.signerName);
  if (signerProblem) {
    ctx.error('projected-credentials', `${at}.signerName`, signerProblem,
      'name the signer that issues the certificate, e.g. "example.com/my-signer"');
  }
  const keyType = certificate.keyType;
  if (typeof keyType !== 'string' || !POD_CERTIFICATE_KEY_TYPES.includes(keyType)) {
    const supported = POD_CERTIFICATE_KEY_TYPES.map((k) => `"${k}"`).join(', ');
    ctx.error('projected-credentials', `${at}.keyType`, `Unsupported value: ${quote(keyType ?? '')}: supported values: ${supported}`,
      'choose the kind of key the kubelet generates, e.g. ECDSAP256');
  }
  const seconds = certificate.maxExpirationSeconds;
  if (seconds !== undefined && seconds !== null) {
    const problem = integerProblem(seconds, Number.MIN_SAFE_INTEGER)
      ?? ((seconds as number) < POD_CERTIFICATE_MIN_SECONDS ? `if provided, maxExpirationSeconds must be >= ${POD_CERTIFICATE_MIN_SECONDS}`
        : (seconds as number) > POD_CERTIFICATE_MAX_SECONDS ? `if provided, maxExpirationSeconds must be <= ${POD_CERTIFICATE_MAX_SECONDS}`
          : undefined);
    if (problem) {
      ctx.error('projected-credentials', `${at}.maxExpirationSeconds`, `Invalid value: ${quote(seconds)}: ${problem}`,
        `request ${POD_CERTIFICATE_MIN_SECONDS} (1 hour) to ${POD_CERTIFICATE_MAX_SECONDS} seconds (91 days), or leave it out for 24 hours`);
    }
  }
  checkUserAnnotations(ctx, certificate.userAnnotations, `${at}.userAnnotations`);
  let files = 0;
  for (const field of ['credentialBundlePath', 'keyPath', 'certificateChainPath']) {
    const value = certificate[field];
    if (value === undefined || value === null || value === '') continue;
    files++;
    checkFilePath(ctx, value, `${at}.${field}`);
    claim(value, `${at}.${field}`);
  }
  if (files === 0) {
    ctx.warn('projected-credentials-no-file', at, 'the pod certificate is written to no file: none of credentialBundlePath, keyPath and '
      + 'certificateChainPath is set, so the container finds neither key nor certificate in the volume',
    'set credentialBundlePath (key and certificate chain in one file, read atomically), or keyPath and certificateChainPath');
  }
}

/**
 * `podCertificate.userAnnotations` (1.35+): "subject to the same validation as object metadata annotations,
 * with the addition that all keys must be domain-prefixed" (kubernetes/api types.go): a qualified name with a
 * prefix, and a string value.
 */
function checkUserAnnotations(ctx: PodContext, value: unknown, at: string): void {
  for (const [key, annotation] of Object.entries(obj(value) ?? {})) {
    const problem = qualifiedNameProblem(key) ?? (key.includes('/') ? undefined : 'must be domain-prefixed (e.g. "example.com/tier")');
    if (problem) {
      ctx.error('projected-credentials', `${at}[${key}]`, `Invalid value: ${quote(key)}: ${problem}`,
        'prefix the key with a domain the signer knows, e.g. "example.com/tier"');
    }
    if (typeof annotation !== 'string') {
      ctx.error('projected-credentials', `${at}[${key}]`, `Invalid value: ${quote(annotation)}: must be a string`, 'quote the value');
    }
  }
}

/** `ValidateSignerName`: "<domain>/<path>", the domain two or more DNS labels, the path DNS subdomains separated by dots. */
export function signerNameProblem(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return 'Required value';
  if (typeof value !== 'string') return `Invalid value: ${quote(value)}: must be a string`;
  const segments = value.split('/');
  if (segments.length !== 2) {
    return `Invalid value: ${quote(value)}: must be a fully qualified domain and path of the form 'example.com/signer-name'`;
  }
  const [domain, path] = segments;
  if (domain.length > DNS1123_SUBDOMAIN_MAX_LENGTH) return `Too long: may not be more than ${DNS1123_SUBDOMAIN_MAX_LENGTH} bytes`;
  const domainLabels = domain.split('.');
  for (const label of domainLabels) {
    const problem = dnsLabelProblem(label);
    if (problem) return `Invalid value: ${quote(domain)}: validating label ${quote(label)}: ${labelWords(problem)}`;
  }
  if (domainLabels.length < 2) return `Invalid value: ${quote(domain)}: should be a domain with at least two segments separated by dots`;
  for (const label of path.split('.')) {
    const problem = dnsSubdomainProblem(label);
    if (problem) return `Invalid value: ${quote(path)}: validating label ${quote(label)}: ${labelWords(problem)}`;
  }
  const maxLength = DNS1123_SUBDOMAIN_MAX_LENGTH * 2 + DNS1123_LABEL_MAX_LENGTH + 2;
  if (value.length > maxLength) return `Too long: may not be more than ${maxLength} bytes`;
  return undefined;
}

/** A format's complaint about one label of a longer name: an empty label is not "required", it is empty. */
function labelWords(problem: string): string {
  return problem === 'Required value' ? 'must not be empty' : problem;
}

/**
 * A ClusterTrustBundle's name (`ValidateClusterTrustBundleName`): with a ":", the name of a signer's bundle,
 * "<signer with ':' for '/'>:<name>"; without, a DNS subdomain. Either way the part after the last ":" is a
 * DNS subdomain.
 */
function clusterTrustBundleNameProblem(value: unknown): string | undefined {
  if (value === '') return 'Required value: must be a valid object name';
  if (typeof value !== 'string') return `Invalid value: ${quote(value)}: must be a string`;
  const rest = value.slice(value.lastIndexOf(':') + 1);
  const problem = dnsSubdomainProblem(rest);
  if (!problem) return undefined;
  return `Invalid value: ${quote(value)}: not a valid clustertrustbundlename: ${problem === 'Required value' ? 'a name must not be empty' : problem}`;
}
