import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

describe('containers', () => {
  test.each([
    [{ imagePullPolicy: 'Sometimes' }, 'image-pull-policy spec.containers[0].imagePullPolicy'],
    [{ terminationMessagePolicy: 'Logs' }, 'termination-message-policy spec.containers[0].terminationMessagePolicy'],
    [{ resources: { limits: { cpu: 'lots' } } }, 'resource-quantity spec.containers[0].resources.limits[cpu]'],
    [{ resources: { requests: { memory: '-1Mi' } } }, 'resource-quantity spec.containers[0].resources.requests[memory]'],
    [{ resources: { requests: { cpu: '1500m' }, limits: { cpu: '1' } } }, 'resource-request-above-limit spec.containers[0].resources.requests'],
    [{ securityContext: { runAsUser: -1 } }, 'security-context-range spec.containers[0].securityContext.runAsUser'],
    [{ securityContext: { seccompProfile: { type: 'Default' } } }, 'seccomp-profile spec.containers[0].securityContext.seccompProfile.type'],
    [{ restartPolicy: 'Sometimes' }, 'container-restart-policy spec.containers[0].restartPolicy'],
  ])('reports %j', (fields, expected) => {
    expect(errorsOf({ containers: [container('a', fields)] })).toEqual([expected]);
  });
  test.each([
    ['102m', '0.102'], ['9m', '0.009'], ['12e-1', '1200m'], ['1Gi', '1073741824'], ['0.5n', '1n'], [0.1, '100m'],
  ])('accepts request %p with limit %p: they are equal, compared exactly', (request, limit) => {
    expect(errorsOf({ containers: [container('a', { resources: { requests: { cpu: request }, limits: { cpu: limit } } })] })).toEqual([]);
  });
  test.each([
    ['103m', '0.102'], ['100000001n', '0.1'], ['1.0000000001', '1'], ['1025Mi', '1Gi'],
  ])('rejects request %p above limit %p, however close', (request, limit) => {
    expect(errorsOf({ containers: [container('a', { resources: { requests: { cpu: request }, limits: { cpu: limit } } })] }))
      .toEqual(['resource-request-above-limit spec.containers[0].resources.requests']);
  });
  test('accepts quantities in every notation', () => {
    expect(errorsOf({ containers: [container('a', { resources: { requests: { cpu: '0.5', memory: '1e9' }, limits: { cpu: '500m', memory: '1Gi' } } })] })).toEqual([]);
  });
  test('init containers may not carry probes or hooks in 1.27', () => {
    expect(errorsOf({ initContainers: [container('i', { startupProbe: { exec: { command: ['x'] } } })], containers: [container('a')] }))
      .toEqual(['init-container-fields spec.initContainers[0].startupProbe']);
  });
  test('native sidecars need Kubernetes 1.29, then may carry probes', () => {
    const spec = { initContainers: [container('s', { restartPolicy: 'Always', readinessProbe: { exec: { command: ['x'] } } })], containers: [container('a')] };
    expect(errorsOf(spec, { kubernetesMinor: 28 })).toEqual(['native-sidecar-version spec.initContainers[0].restartPolicy']);
    expect(errorsOf(spec, { kubernetesMinor: 29 })).toEqual([]);
    expect(errorsOf(spec)).toEqual([]); // the default target, 1.35
  });
  // ContainerRestartRules: alpha in 1.34, beta and on by default from 1.35 (pkg/features/kube_features.go).
  test('an app container restartPolicy is refused before 1.35 and may override the pod\'s from 1.35', () => {
    const spec = { containers: [container('a', { restartPolicy: 'Never' })] };
    expect(errorsOf(spec, { kubernetesMinor: 34 })).toEqual(['container-restart-policy spec.containers[0].restartPolicy']);
    expect(errorsOf(spec, { kubernetesMinor: 35 })).toEqual([]);
  });
  test('an init container restartPolicy other than Always is rejected', () => {
    expect(errorsOf({ initContainers: [container('s', { restartPolicy: 'OnFailure' })], containers: [container('a')] }, { kubernetesMinor: 29 }))
      .toEqual(['container-restart-policy spec.initContainers[0].restartPolicy']);
  });

  describe('runAsNonRoot without a user', () => {
    const nonRoot = { runAsNonRoot: true };
    // kubelet verifyRunAsNonRoot (pkg/kubelet/kuberuntime/security_context_others.go) refuses a container whose
    // image USER is root ("image will run as root") or a name ("image has non-numeric user (%s)").
    test('is an error on an official image known to run as root, with the kubelet\'s message', () => {
      const spec = { initContainers: [{ name: 'i', image: 'busybox:1.36.1', securityContext: nonRoot }], containers: [{ name: 'a', image: 'docker.io/library/nginx:1.25.3', securityContext: nonRoot }] };
      expect(errorsOf(spec, { podSecurity: 'privileged' })).toEqual([
        'run-as-non-root-image-user spec.initContainers[0].securityContext.runAsUser',
        'run-as-non-root-image-user spec.containers[0].securityContext.runAsUser',
      ]);
      const [finding] = checkPodSpec(spec, { podSecurity: 'privileged' }).filter((f) => f.rule === 'run-as-non-root-image-user');
      expect(finding.message).toContain('"busybox:1.36.1" runs as root');
      expect(finding.message).toContain('container has runAsNonRoot and image will run as root');
      expect(finding.fix).toContain('set securityContext.runAsUser (cdk8s-plus: securityContext.user)');
    });
    test('is an error on an official image whose USER is a name, quoting the kubelet', () => {
      const [finding] = checkPodSpec({ containers: [{ name: 'a', image: 'haproxy:2.9.7', securityContext: nonRoot }] }, { podSecurity: 'privileged' })
        .filter((f) => f.rule === 'run-as-non-root-image-user');
      expect(finding.severity).toBe('error');
      expect(finding.message).toContain('image has non-numeric user (haproxy), cannot verify user is non-root');
    });
    test('takes runAsNonRoot from the pod when the container does not set it', () => {
      expect(errorsOf({ securityContext: nonRoot, containers: [{ name: 'a', image: 'nginx@sha256:' + 'a'.repeat(64) }] }, { podSecurity: 'privileged' }))
        .toEqual(['run-as-non-root-image-user spec.containers[0].securityContext.runAsUser']);
    });
    test.each([
      ['an image of another registry', 'registry.example.com/nginx:1.25.3'],
      ['an image of another Docker Hub namespace', 'nginxinc/nginx-unprivileged:1.25.3'],
      ['an unknown official image', 'elasticsearch:8.13.0'],
    ])('stays a warning for %s: the image\'s USER is not known', (_name, image) => {
      const findings = checkPodSpec({ containers: [{ name: 'a', image, securityContext: nonRoot }] }, { podSecurity: 'privileged' });
      expect(findings.filter((f) => f.rule.startsWith('run-as-non-root')).map((f) => `${f.severity} ${f.rule}`))
        .toEqual(['warning run-as-non-root-without-user']);
    });
    test.each([
      ['a container runAsUser', { containers: [{ name: 'a', image: 'x:1', securityContext: { runAsNonRoot: true, runAsUser: 1000 } }] }],
      ['a pod runAsUser', { securityContext: { runAsUser: 1000 }, containers: [{ name: 'a', image: 'x:1', securityContext: nonRoot }] }],
      ['a container that opts out of non-root', { securityContext: nonRoot, containers: [{ name: 'a', image: 'x:1', securityContext: { runAsNonRoot: false } }] }],
      ['a Windows pod', { os: { name: 'windows' }, securityContext: nonRoot, containers: [{ name: 'a', image: 'x:1' }] }],
      ['Windows options on the container', { containers: [{ name: 'a', image: 'x:1', securityContext: { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } } }] }],
      ['no runAsNonRoot at all', { containers: [{ name: 'a', image: 'x:1' }] }],
    ])('does not warn with %s', (_name, spec) => {
      expect(warningsOf(spec)).toEqual([]);
    });
  });
});
