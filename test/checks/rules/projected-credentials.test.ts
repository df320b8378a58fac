import { checkManifest, checkPodSpec } from '../../../src/checks/engine';
import { signerNameProblem } from '../../../src/checks/rules/projected-credentials';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

/**
 * The projections that carry credentials, as kubernetes/kubernetes pkg/apis/core/validation/validation.go
 * `validateProjectionSources` checks them (a 1.33 copy: serviceAccountToken and clusterTrustBundle), with
 * `ValidateSignerName` and `ValidateClusterTrustBundleName` of pkg/apis/certificates/validation; podCertificate
 * (1.34+) as kubernetes/api's types.go documents it and test/e2e/auth/projected_podcertificate.go expects the
 * API server to answer ("if provided, maxExpirationSeconds must be <= 7862400", ">= 3600"). Judged at 1.37,
 * where both certificate gates are on by default.
 */
const withSources = (...sources: unknown[]) => ({
  containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/v' }] })],
  volumes: [{ name: 'v', projected: { sources } }],
});
const at37 = { kubernetesMinor: 37 };
const messagesOf = (spec: unknown) => checkPodSpec(spec, { podSecurity: 'privileged', kubernetesMinor: 37 })
  .filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}`);

describe('serviceAccountToken', () => {
  test.each([
    [{ path: 't', expirationSeconds: 599 }, 'projected-credentials spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds'],
    [{ path: 't', expirationSeconds: 2 ** 32 + 1 }, 'projected-credentials spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds'],
    [{ path: 't', expirationSeconds: 'an hour' }, 'projected-credentials spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds'],
    [{ expirationSeconds: 3600 }, 'volume-items spec.volumes[0].projected.sources[0].serviceAccountToken.path'],
    [{ path: '../token' }, 'volume-items spec.volumes[0].projected.sources[0].serviceAccountToken.path'],
  ])('refuses %j', (token, expected) => {
    expect(errorsOf(withSources({ serviceAccountToken: token }), at37)).toEqual([expected]);
  });

  test('takes 10 minutes to 2^32 seconds, and no lifetime at all (the API server defaults it to an hour)', () => {
    for (const expirationSeconds of [600, 3600, 2 ** 32, undefined]) {
      expect(errorsOf(withSources({ serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds } }), at37)).toEqual([]);
    }
  });

  test('says what the API server says', () => {
    expect(messagesOf(withSources({ serviceAccountToken: { path: 't', expirationSeconds: 60 } }))).toEqual([
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    ]);
  });
});

describe('clusterTrustBundle', () => {
  const bundle = (fields: Record<string, unknown>) => withSources({ clusterTrustBundle: { path: 'ca.pem', ...fields } });
  const at = 'spec.volumes[0].projected.sources[0].clusterTrustBundle';

  // TestValidatePod: "valid ClusterTrustBundlePEM projected volume referring to a CTB by name" / "... by signer name".
  test.each([
    [{ name: 'foo' }],
    [{ signerName: 'example.com/foo', labelSelector: { matchLabels: { version: 'live' } } }],
    [{ signerName: 'example.com/foo', labelSelector: {} }],
    [{ name: 'example.com:foo:abc' }],
    [{ signerName: 'example.com/foo', optional: true }],
  ])('takes %j', (fields) => {
    expect(errorsOf(bundle(fields), at37)).toEqual([]);
  });

  test.each([
    [{ name: 'foo', signerName: 'example.com/foo' }, `projected-credentials ${at}`, 'only one of name and signerName may be used'],
    [{}, `projected-credentials ${at}`, 'Required value: either name or signerName must be specified'],
    [{ name: '' }, `projected-credentials ${at}.name`, 'Required value: must be a valid object name'],
    [{ name: 'Foo' }, `projected-credentials ${at}.name`, 'not a valid clustertrustbundlename'],
    [{ name: 'example.com:foo:' }, `projected-credentials ${at}.name`, 'not a valid clustertrustbundlename'],
    [{ name: 'foo', labelSelector: { matchLabels: { a: 'b' } } }, `projected-credentials ${at}.labelSelector`, 'labelSelector must be unset if name is specified'],
    [{ signerName: '' }, `projected-credentials ${at}.signerName`, 'Required value'],
    [{ signerName: 'foo' }, `projected-credentials ${at}.signerName`, "must be a fully qualified domain and path of the form 'example.com/signer-name'"],
    [{ signerName: 'example.com/foo', labelSelector: { matchExpressions: [{ key: 'a', operator: 'Maybe' }] } },
      `projected-credentials ${at}.labelSelector.matchExpressions[0].operator`, 'not a valid selector operator'],
    [{ name: 'foo', path: '' }, `volume-items ${at}.path`, 'Required value'],
    [{ name: 'foo', path: '/etc/ca.pem' }, `volume-items ${at}.path`, 'must be a relative path'],
  ])('refuses %j', (fields, expected, message) => {
    const spec = bundle(fields);
    expect(errorsOf(spec, at37)).toEqual([expected]);
    expect(messagesOf(spec).join('\n')).toContain(message);
  });

  test('a bundle on the path of another projected file conflicts with it', () => {
    expect(errorsOf(withSources(
      { configMap: { name: 'c', items: [{ key: 'ca', path: 'ca.pem' }] } },
      { clusterTrustBundle: { signerName: 'example.com/ca', path: 'ca.pem' } },
    ), at37)).toEqual(['volume-items spec.volumes[0].projected.sources[1].clusterTrustBundle.path']);
  });
});

describe('podCertificate', () => {
  const certificate = (fields: Record<string, unknown>) =>
    withSources({ podCertificate: { signerName: 'example.com/workload', keyType: 'ECDSAP256', credentialBundlePath: 'credentials.pem', ...fields } });
  const at = 'spec.volumes[0].projected.sources[0].podCertificate';

  // test/e2e/auth/projected_podcertificate.go: the mTLS server and client pods, and 1 hour requested.
  test.each<[Record<string, unknown>]>([
    [{}],
    [{ maxExpirationSeconds: 3600 }],
    [{ maxExpirationSeconds: 7862400 }],
    [{ credentialBundlePath: undefined, keyPath: 'tls.key', certificateChainPath: 'tls.crt' }],
    ...['RSA3072', 'RSA4096', 'ECDSAP384', 'ECDSAP521', 'ED25519'].map((keyType): [Record<string, unknown>] => [{ keyType }]),
  ])('takes %j', (fields) => {
    expect(errorsOf(certificate(fields), at37)).toEqual([]);
    expect(warningsOf(certificate(fields), at37)).toEqual([]);
  });

  test.each([
    [{ maxExpirationSeconds: 3599 }, `projected-credentials ${at}.maxExpirationSeconds`, 'if provided, maxExpirationSeconds must be >= 3600'],
    [{ maxExpirationSeconds: 91 * 24 * 60 * 60 + 1 }, `projected-credentials ${at}.maxExpirationSeconds`, 'if provided, maxExpirationSeconds must be <= 7862400'],
    [{ keyType: 'DSA' }, `projected-credentials ${at}.keyType`, 'Unsupported value: "DSA"'],
    [{ keyType: undefined }, `projected-credentials ${at}.keyType`, 'Unsupported value: ""'],
    [{ signerName: undefined }, `projected-credentials ${at}.signerName`, 'Required value'],
    [{ signerName: 'Example.com/workload' }, `projected-credentials ${at}.signerName`, 'validating label "Example"'],
    [{ keyPath: '..key' }, `volume-items ${at}.keyPath`, "must not start with '..'"],
  ])('refuses %j', (fields, expected, message) => {
    const spec = certificate(fields);
    expect(errorsOf(spec, at37)).toEqual([expected]);
    expect(messagesOf(spec).join('\n')).toContain(message);
  });

  // types.go (1.35+): userAnnotations keys are annotation keys, domain-prefixed.
  test('userAnnotations: domain-prefixed annotation keys, string values', () => {
    expect(errorsOf(certificate({ userAnnotations: { 'example.com/tier': 'gold', 'spiffe/path-overriding': '/custom' } }), at37)).toEqual([]);
    expect(errorsOf(certificate({ userAnnotations: { tier: 'gold', 'example.com/Bad Key': 'x', 'example.com/n': 5 } }), at37)).toEqual([
      `projected-credentials ${at}.userAnnotations[tier]`, `projected-credentials ${at}.userAnnotations[example.com/Bad Key]`,
      `projected-credentials ${at}.userAnnotations[example.com/n]`]);
  });

  test('its files claim their paths among the volume\'s other files', () => {
    expect(errorsOf(withSources(
      { podCertificate: { signerName: 'example.com/workload', keyType: 'ED25519', keyPath: 'tls.key', certificateChainPath: 'tls.key' } },
    ), at37)).toEqual([`volume-items ${at}.certificateChainPath`]);
  });

  test('a certificate written to no file is a warning: the container finds neither key nor certificate', () => {
    expect(warningsOf(certificate({ credentialBundlePath: '' }), at37)).toEqual([`projected-credentials-no-file ${at}`]);
  });

  test('may not share a source with another projection', () => {
    expect(errorsOf(withSources({ podCertificate: { signerName: 'example.com/w', keyType: 'ED25519', keyPath: 'k' }, secret: { name: 's' } }), at37))
      .toEqual(['volume-source spec.volumes[0].projected.sources[0]']);
  });
});

// Before 1.37 both gates are off by default: the API server drops the sources before it validates them.
test('a clusterTrustBundle or podCertificate is judged only where its gate is on by default', () => {
  const spec = withSources({ clusterTrustBundle: { name: 'a', signerName: 'example.com/s', path: 'ca.pem' } },
    { podCertificate: { signerName: 'nope', keyType: 'DSA', keyPath: 'k' } });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
  const at35 = checkManifest(pod, { kubernetesMinor: 35 });
  expect(at35.filter((f) => f.severity === 'error')).toEqual([]);
  expect(at35.filter((f) => f.rule === 'field-needs-newer-kubernetes').map((f) => f.path)).toEqual([
    'spec.volumes[0].projected.sources[0].clusterTrustBundle', 'spec.volumes[0].projected.sources[1].podCertificate']);
  expect(errorsOf(spec, at37)).toHaveLength(3);
});

describe('signer names (ValidateSignerName)', () => {
  test.each(['example.com/foo', 'kubernetes.io/kube-apiserver-client', 'a.b.c/ns.name', `${'a'.repeat(63)}.com/${'b'.repeat(253)}`])('takes %s', (name) => {
    expect(signerNameProblem(name)).toBeUndefined();
  });

  test.each([
    ['example.com', 'fully qualified domain and path'],
    ['example.com/a/b', 'fully qualified domain and path'],
    ['localhost/foo', 'at least two segments separated by dots'],
    ['example..com/foo', 'validating label ""'],
    ['example.com/', 'validating label ""'],
    ['example.com/Foo', 'validating label "Foo"'],
    [`${'a'.repeat(64)}.com/foo`, 'validating label'],
    [42, 'must be a string'],
  ])('refuses %j', (name, message) => {
    expect(signerNameProblem(name)).toContain(message);
  });
});
