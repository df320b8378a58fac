import { checkPodSpec } from '../../../src/checks/engine';
import type { PodSecurityLevel } from '../../../src/checks/pod-context';
import { container, restrictedContext } from '../../_support/raw-pods';

const base = () => ({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('app')] });
const violations = (spec: any, level: PodSecurityLevel = 'restricted') =>
  checkPodSpec(spec, { podSecurity: level, podSecurityDeclared: false, kubernetesMinor: 27 }).filter((f) => f.rule.startsWith('pod-security-')).map((f) => `${f.rule} ${f.path}`);

describe('Pod Security Standards v1.27', () => {
  test('a minimal restricted pod passes every check', () => {
    expect(violations(base())).toEqual([]);
  });

  const withContainer = (sc: any, extra: any = {}) => ({ ...base(), containers: [container('app', { securityContext: { ...restrictedContext, ...sc }, ...extra })] });

  test.each([
    ['hostNetwork', { ...base(), hostNetwork: true }, 'pod-security-host-namespaces spec.hostNetwork'],
    ['hostPID', { ...base(), hostPID: true }, 'pod-security-host-namespaces spec.hostPID'],
    ['hostIPC', { ...base(), hostIPC: true }, 'pod-security-host-namespaces spec.hostIPC'],
    ['a privileged container', withContainer({ privileged: true }), 'pod-security-privileged spec.containers[0].securityContext.privileged'],
    ['an added SYS_ADMIN capability', withContainer({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }), 'pod-security-capabilities-baseline spec.containers[0].securityContext.capabilities.add'],
    ['a hostPath volume', { ...base(), volumes: [{ name: 'h', hostPath: { path: '/x' } }] }, 'pod-security-host-path-volumes spec.volumes[0].hostPath'],
    ['a hostPort', withContainer({}, { ports: [{ containerPort: 80, hostPort: 80 }] }), 'pod-security-host-ports spec.containers[0].ports[0].hostPort'],
    ['a custom SELinux type', withContainer({ seLinuxOptions: { type: 'spc_t' } }), 'pod-security-se-linux-options spec.containers[0].securityContext.seLinuxOptions.type'],
    ['an SELinux user', { ...base(), securityContext: { ...base().securityContext, seLinuxOptions: { user: 'root' } } }, 'pod-security-se-linux-options spec.securityContext.seLinuxOptions.user'],
    ['an unmasked /proc', withContainer({ procMount: 'Unmasked' }), 'pod-security-proc-mount spec.containers[0].securityContext.procMount'],
    ['an Unconfined seccomp profile', withContainer({ seccompProfile: { type: 'Unconfined' } }), 'pod-security-seccomp-profile-baseline spec.containers[0].securityContext.seccompProfile.type'],
    ['an unsafe sysctl', { ...base(), securityContext: { ...base().securityContext, sysctls: [{ name: 'kernel.msgmax', value: '1' }] } }, 'pod-security-sysctls spec.securityContext.sysctls[0].name'],
    ['a Windows host process', withContainer({ windowsOptions: { hostProcess: true } }), 'pod-security-windows-host-process spec.containers[0].securityContext.windowsOptions.hostProcess'],
  ])('baseline forbids %s', (_name, spec, expected) => {
    expect(violations(spec, 'baseline')).toContain(expected);
    expect(violations(spec, 'privileged')).toEqual([]);
  });

  test('baseline forbids an unconfined AppArmor profile annotation, at the pod\'s own metadata path', () => {
    const key = 'container.apparmor.security.beta.kubernetes.io/app';
    const findings = checkPodSpec(base(), { podSecurity: 'baseline' }, 'spec', { annotations: { [key]: 'unconfined' } });
    expect(findings.filter((f) => f.rule === 'pod-security-app-armor-profile').map((f) => f.path)).toEqual([`metadata.annotations[${key}]`]);
    const template = checkPodSpec(base(), { podSecurity: 'baseline' }, 'spec.jobTemplate.spec.template.spec', { annotations: { [key]: 'unconfined' } });
    expect(template.filter((f) => f.rule === 'pod-security-app-armor-profile').map((f) => f.path)).toEqual([`spec.jobTemplate.spec.template.metadata.annotations[${key}]`]);
  });

  test('baseline accepts an empty AppArmor annotation (no profile chosen), runtime/default and localhost profiles', () => {
    const annotations = {
      'container.apparmor.security.beta.kubernetes.io/a': '',
      'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/c': 'localhost/k8s-nginx',
    };
    // The API server also requires each annotated container to exist.
    const spec = { ...base(), containers: ['a', 'b', 'c'].map((name) => container(name)) };
    expect(checkPodSpec(spec, { podSecurity: 'restricted' }, 'spec', { annotations }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test.each([
    ['a projected-free nfs volume', { ...base(), volumes: [{ name: 'n', nfs: { server: 'x', path: '/' } }] }, 'pod-security-restricted-volumes spec.volumes[0]'],
    ['privilege escalation left unset', withContainer({ allowPrivilegeEscalation: undefined }), 'pod-security-allow-privilege-escalation spec.containers[0].securityContext.allowPrivilegeEscalation'],
    ['capabilities not dropped', withContainer({ capabilities: undefined }), 'pod-security-capabilities-restricted spec.containers[0].securityContext.capabilities.drop'],
    ['an added capability other than NET_BIND_SERVICE', withContainer({ capabilities: { drop: ['ALL'], add: ['CHOWN'] } }), 'pod-security-capabilities-restricted spec.containers[0].securityContext.capabilities.add'],
    ['runAsNonRoot false on a container', withContainer({ runAsNonRoot: false }), 'pod-security-run-as-non-root spec.containers[0].securityContext.runAsNonRoot'],
    ['runAsUser 0', withContainer({ runAsUser: 0 }), 'pod-security-run-as-user spec.containers[0].securityContext.runAsUser'],
    ['no seccomp profile anywhere', { containers: [container('app', { securityContext: { ...restrictedContext, seccompProfile: undefined } })], securityContext: { runAsNonRoot: true } }, 'pod-security-seccomp-profile-restricted spec.containers[0].securityContext.seccompProfile'],
  ])('restricted forbids %s', (_name, spec, expected) => {
    expect(violations(spec, 'restricted')).toContain(expected);
    expect(violations(spec, 'baseline')).toEqual([]);
  });

  test('restricted forbids runAsNonRoot false on the pod even when every container sets true', () => {
    const spec = { securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('app')] };
    expect(violations(spec)).toEqual(['pod-security-run-as-non-root spec.securityContext.runAsNonRoot']);
    const finding = checkPodSpec(spec, { podSecurity: 'restricted', kubernetesMinor: 27 }).find((f) => f.path === 'spec.securityContext.runAsNonRoot');
    expect(finding?.message).toBe('violates PodSecurity "restricted:v1.27": runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)'
      + ' (policy: the "restricted" level, chosen by the podSecurity option)');
    expect(violations(spec, 'baseline')).toEqual([]);
  });

  // Istio's samples/bookinfo/platform/kube/bookinfo-psa.yaml writes drop: [all]; Pod Security compares "ALL" exactly.
  test('restricted forbids drop: [all] in lower case, and the fix says the case is the problem', () => {
    const spec = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('app', { securityContext: { ...restrictedContext, capabilities: { drop: ['all'] } } })] };
    const [finding] = checkPodSpec(spec, { podSecurity: 'restricted' }).filter((f) => f.rule === 'pod-security-capabilities-restricted');
    expect(finding.fix).toBe('write "ALL" in capital letters: drop holds "all", and Pod Security compares the name exactly');
  });

  test('restricted accepts a pod that leaves runAsNonRoot unset when every container sets true', () => {
    const spec = { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('app'), container('b')] };
    expect(violations(spec)).toEqual([]);
  });

  test('restricted allows NET_BIND_SERVICE back, and runAsNonRoot on every container instead of the pod', () => {
    const spec = { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('app', { securityContext: { ...restrictedContext, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } })] };
    expect(violations(spec)).toEqual([]);
  });

  test('checks init containers like app containers', () => {
    const spec = { ...base(), initContainers: [container('init', { securityContext: { privileged: true } })] };
    expect(violations(spec, 'baseline')).toContain('pod-security-privileged spec.initContainers[0].securityContext.privileged');
  });

  test('Windows pods are exempt from the Linux-only restricted checks', () => {
    const spec = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'x:1' }] };
    expect(violations(spec)).toEqual([]);
  });
});
