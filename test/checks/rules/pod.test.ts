import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

describe('pod fields', () => {
  test('requires app containers', () => {
    expect(errorsOf({ containers: [] })).toEqual(['containers-required spec.containers']);
  });
  test.each([
    [{ restartPolicy: 'Sometimes' }, 'restart-policy spec.restartPolicy'],
    [{ dnsPolicy: 'Cluster' }, 'dns-policy spec.dnsPolicy'],
    [{ dnsPolicy: 'None' }, 'dns-policy spec.dnsConfig'],
    [{ shareProcessNamespace: true, hostPID: true }, 'share-process-namespace spec.shareProcessNamespace'],
    [{ activeDeadlineSeconds: 0 }, 'active-deadline-seconds spec.activeDeadlineSeconds'],
    [{ hostname: 'My_Host' }, 'pod-dns-names spec.hostname'],
    [{ serviceAccountName: 'Robot' }, 'service-account-name spec.serviceAccountName'],
    [{ securityContext: { fsGroup: 3000000000 } }, 'security-context-range spec.securityContext.fsGroup'],
  ])('reports %j', (fields, expected) => {
    expect(errorsOf({ containers: [container('a')], ...fields })).toEqual([expected]);
  });
  test('a Job pod must not restart Always; a Deployment pod must', () => {
    expect(errorsOf({ containers: [container('a')] }, { ownerKind: 'Job' })).toEqual(['restart-policy spec.restartPolicy']);
    expect(errorsOf({ containers: [container('a')], restartPolicy: 'Never' }, { ownerKind: 'Job' })).toEqual([]);
    expect(errorsOf({ containers: [container('a')], restartPolicy: 'OnFailure' }, { ownerKind: 'Deployment' })).toEqual(['restart-policy spec.restartPolicy']);
  });
  /*
   * pkg/apis/core/v1/defaults.go fills in an empty string as it fills in a missing field (SetDefaults_PodSpec:
   * `if obj.RestartPolicy == ""`, DNSPolicy; SetDefaults_Container: ImagePullPolicy, TerminationMessagePolicy;
   * SetDefaults_ContainerPort: Protocol), so the API server never sees "" there (validation_test.go
   * TestValidateContainers "empty message termination policy" is refused only before defaulting).
   */
  test('an empty restart, DNS, pull or termination message policy, or port protocol, is defaulted like a missing one', () => {
    const spec = { restartPolicy: '', dnsPolicy: '', containers: [container('a', { imagePullPolicy: '', terminationMessagePolicy: '',
      ports: [{ containerPort: 80, protocol: '' }] })] };
    expect(errorsOf(spec)).toEqual([]);
    // Defaulted to Always, which a Job refuses as it refuses a missing policy.
    expect(errorsOf(spec, { ownerKind: 'Job' })).toEqual(['restart-policy spec.restartPolicy']);
    // The port is TCP, and clashes with another container's TCP port 80.
    expect(errorsOf({ containers: [container('a', { ports: [{ containerPort: 80, protocol: '' }] }), container('b', { ports: [{ containerPort: 80 }] })] }))
      .toEqual(['port-conflict spec.containers[1].ports[0].containerPort']);
  });
  // ValidatePodCreate; ValidatePodTemplateSpec (apps validation_test.go TestValidateDeployment "ephemeral containers not allowed").
  test('ephemeral containers cannot be set when a Pod is created, nor in a pod template', () => {
    const spec = { containers: [container('a')], ephemeralContainers: [container('debug')] };
    expect(errorsOf(spec)).toEqual(['ephemeral-containers spec.ephemeralContainers']);
    expect(errorsOf(spec, { ownerKind: 'Deployment' })).toEqual(['ephemeral-containers spec.ephemeralContainers']);
    expect(errorsOf({ containers: [container('a')], ephemeralContainers: [] })).toEqual([]);
  });
  test('a negative terminationGracePeriodSeconds is a warning (the API server does not check it); 0 is fine', () => {
    expect(warningsOf({ containers: [container('a')], terminationGracePeriodSeconds: -1 }).filter((w) => w.startsWith('termination'))).toEqual(['termination-grace-period spec.terminationGracePeriodSeconds']);
    expect(errorsOf({ containers: [container('a')], terminationGracePeriodSeconds: -1 })).toEqual([]);
    expect(warningsOf({ containers: [container('a')], terminationGracePeriodSeconds: 0 }).filter((w) => w.startsWith('termination'))).toEqual([]);
  });
});
