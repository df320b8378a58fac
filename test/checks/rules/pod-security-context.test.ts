import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

const withContext = (securityContext: unknown, extra: Record<string, unknown> = {}) => ({ securityContext, containers: [container('a')], ...extra });

describe('pod security context', () => {
  test.each([
    [{ supplementalGroups: [1000, -1] }, 'security-context-range spec.securityContext.supplementalGroups[1]'],
    [{ supplementalGroups: [2147483648] }, 'security-context-range spec.securityContext.supplementalGroups[0]'],
    [{ fsGroupChangePolicy: 'Never' }, 'fs-group-change-policy spec.securityContext.fsGroupChangePolicy'],
    [{ sysctls: [{ name: 'Net.IPv4.tcp_syncookies', value: '1' }] }, 'sysctls spec.securityContext.sysctls[0].name'],
    [{ sysctls: [{ name: 'net.ipv4..tcp_syncookies', value: '1' }] }, 'sysctls spec.securityContext.sysctls[0].name'],
    [{ sysctls: [{ name: `kernel.${'a'.repeat(250)}`, value: '1' }] }, 'sysctls spec.securityContext.sysctls[0].name'],
    [{ sysctls: [{ value: '1' }] }, 'sysctls spec.securityContext.sysctls[0].name'],
    [{ sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '0' }] }, 'sysctls spec.securityContext.sysctls[1].name'],
  ])('reports %j', (securityContext, expected) => {
    expect(errorsOf(withContext(securityContext))).toEqual([expected]);
  });

  test.each([
    ['group ids at both ends', { supplementalGroups: [0, 2147483647] }],
    ['both change policies', { fsGroupChangePolicy: 'OnRootMismatch' }],
    ['a sysctl name with slashes', { sysctls: [{ name: 'net/ipv4/conf/eth0.100/forwarding', value: '1' }] }],
    ['a sysctl name of 253 characters', { sysctls: [{ name: `kernel.${'a'.repeat(246)}`, value: '1' }] }],
    ['a null fsGroupChangePolicy', { fsGroupChangePolicy: null }],
  ])('accepts %s', (_name, securityContext) => {
    expect(errorsOf(withContext(securityContext))).toEqual([]);
  });

  /*
   * The kubelet admits only the sysctls of its safe list (pkg/kubelet/sysctl safe_sysctls.go, allowlist.go:
   * SysctlForbidden "not allowlisted") unless started with --allowed-unsafe-sysctls; Pod Security's baseline
   * sysctls check holds the same list, so below privileged that check reports it, once.
   */
  test('a sysctl outside the kubelet\'s safe list is a warning where Pod Security is privileged, and said once below', () => {
    const spec = withContext({ sysctls: [{ name: 'net.core.somaxconn', value: '1024' }, { name: 'net.ipv4.tcp_syncookies', value: '1' }] });
    const at = 'spec.securityContext.sysctls[0].name';
    expect(warningsOf(spec, { podSecurity: 'privileged', podSecurityDeclared: false })).toEqual([`sysctl-unsafe ${at}`]);
    const unchosen = checkPodSpec(spec, {}).filter((f) => f.path === at);
    expect(unchosen.map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning pod-security-sysctls']);
    expect(unchosen[0].fix).toContain('--allowed-unsafe-sysctls');
    // net/ipv4/tcp_syncookies is the safe net.ipv4.tcp_syncookies, written with slashes.
    expect(warningsOf(withContext({ sysctls: [{ name: 'net/ipv4/tcp_syncookies', value: '1' }] }), { podSecurity: 'privileged' })).toEqual([]);
  });

  test('quotes the sysctl regex as the API server does', () => {
    const [finding] = checkPodSpec(withContext({ sysctls: [{ name: 'A', value: '1' }] }), { podSecurity: 'privileged' }).filter((f) => f.severity === 'error');
    expect(finding.message).toBe('Invalid value: "A": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$');
  });

  describe('hostUsers: false with host namespaces', () => {
    const spec = { hostUsers: false, hostNetwork: true, hostPID: true, containers: [container('a')] };
    test('is rejected where user namespaces are on by default (1.33)', () => {
      expect(errorsOf(spec, { kubernetesMinor: 33 })).toEqual(['host-users spec.hostNetwork', 'host-users spec.hostPID']);
    });
    test('is a warning before: the API server drops hostUsers unless the gate is on', () => {
      expect(errorsOf(spec, { kubernetesMinor: 27 })).toEqual([]);
      expect(warningsOf(spec, { kubernetesMinor: 27 }).filter((w) => w.startsWith('host-users'))).toEqual(['host-users spec.hostNetwork', 'host-users spec.hostPID']);
    });
    test('hostUsers true, or a user namespace alone, is fine', () => {
      expect(errorsOf({ ...spec, hostUsers: true }, { kubernetesMinor: 33 })).toEqual([]);
      expect(errorsOf({ hostUsers: false, containers: [container('a')] }, { kubernetesMinor: 33 })).toEqual([]);
    });
  });

  test.each([null, 'x', 5, { supplementalGroups: 'x', sysctls: [null, 1, { name: 5 }], fsGroupChangePolicy: 3 }])('does not throw on %j', (securityContext) => {
    expect(() => checkPodSpec(withContext(securityContext))).not.toThrow();
  });
});
