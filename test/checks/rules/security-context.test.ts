import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

const withContext = (securityContext: unknown) => ({ containers: [container('a', { securityContext })] });

describe('security contexts', () => {
  test.each([
    [{ allowPrivilegeEscalation: false, privileged: true }, 'security-context-privileged spec.containers[0].securityContext'],
    [{ allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } }, 'security-context-privileged spec.containers[0].securityContext'],
    [{ seccompProfile: { type: 'Localhost' } }, 'seccomp-profile spec.containers[0].securityContext.seccompProfile.localhostProfile'],
    [{ seccompProfile: { type: 'Localhost', localhostProfile: '/etc/profile.json' } }, 'seccomp-profile spec.containers[0].securityContext.seccompProfile.localhostProfile'],
    [{ seccompProfile: { type: 'Localhost', localhostProfile: '../profile.json' } }, 'seccomp-profile spec.containers[0].securityContext.seccompProfile.localhostProfile'],
    [{ seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'profiles/a.json' } }, 'seccomp-profile spec.containers[0].securityContext.seccompProfile.localhostProfile'],
  ])('reports %j', (securityContext, expected) => {
    expect(errorsOf(withContext(securityContext))).toEqual([expected]);
  });

  test('checks the pod seccomp profile the same way', () => {
    expect(errorsOf({ securityContext: { seccompProfile: { type: 'Localhost' } }, containers: [container('a')] }))
      .toEqual(['seccomp-profile spec.securityContext.seccompProfile.localhostProfile']);
  });

  test.each([
    ['SYS_ADMIN without the CAP_ prefix (the API server compares the literal string)', { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } }],
    ['CAP_SYS_ADMIN with privilege escalation allowed', { allowPrivilegeEscalation: true, capabilities: { add: ['CAP_SYS_ADMIN'] } }],
    ['privileged without allowPrivilegeEscalation', { privileged: true }],
    ['a Localhost profile with a relative path', { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } }],
    ['a null localhostProfile beside RuntimeDefault', { seccompProfile: { type: 'RuntimeDefault', localhostProfile: null } }],
  ])('accepts %s', (_name, securityContext) => {
    expect(errorsOf(withContext(securityContext))).toEqual([]);
  });

  // ProcMountType: beta and on by default from 1.33 (pkg/features/kube_features.go); validation_test.go
  // TestValidateSecurityContext "with unmasked proc mount type and no user namespace".
  test('procMount Unmasked needs a user namespace (hostUsers: false) from 1.33', () => {
    const unmasked = withContext({ procMount: 'Unmasked' });
    expect(errorsOf(unmasked)).toEqual(['proc-mount spec.containers[0].securityContext.procMount']);
    expect(errorsOf({ ...unmasked, hostUsers: false })).toEqual([]);
    expect(errorsOf(unmasked, { kubernetesMinor: 32 })).toEqual([]);
  });

  test('an unknown procMount is a warning before 1.33: without the ProcMountType gate the API server ignores the field', () => {
    expect(warningsOf(withContext({ procMount: 'Masked' }), { kubernetesMinor: 32 }).filter((w) => w.startsWith('proc-mount')))
      .toEqual(['proc-mount spec.containers[0].securityContext.procMount']);
    expect(errorsOf(withContext({ procMount: 'Masked' }), { kubernetesMinor: 32 })).toEqual([]);
    expect(errorsOf(withContext({ procMount: 'Masked' }))).toEqual(['proc-mount spec.containers[0].securityContext.procMount']);
    expect(warningsOf(withContext({ procMount: 'Default' })).filter((w) => w.startsWith('proc-mount'))).toEqual([]);
  });

  test('quotes the API server', () => {
    const [finding] = checkPodSpec(withContext({ allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } }), { podSecurity: 'privileged' }).filter((f) => f.severity === 'error');
    expect(finding.message).toBe('Invalid value: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN');
  });

  test.each([null, 'x', 1, { capabilities: 'CAP_SYS_ADMIN', allowPrivilegeEscalation: false }, { seccompProfile: { type: 'Localhost', localhostProfile: 7 } }])('does not throw on %j', (securityContext) => {
    expect(() => checkPodSpec(withContext(securityContext))).not.toThrow();
  });
});
