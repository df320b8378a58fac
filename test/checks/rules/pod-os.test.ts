import { errorsOf } from './_support';

/** spec.os, each case after validation_test.go TestValidateOS, TestValidateLinuxPodSecurityContext, TestValidateWindowsPodSecurityContext. */
const plain = (extra: Record<string, unknown> = {}, sc: Record<string, unknown> = {}) => ({
  containers: [{ name: 'a', image: 'registry.example.com/app:1.0', ...(Object.keys(sc).length ? { securityContext: sc } : {}) }], ...extra,
});

test.each([
  ['no OS field', plain()],
  ['linux', plain({ os: { name: 'linux' } })],
  ['windows', plain({ os: { name: 'windows' } })],
  ['a windows pod with windowsOptions', plain({ os: { name: 'windows' }, securityContext: { windowsOptions: { runAsUserName: 'dummy' } } })],
  ['a linux pod with seLinuxOptions and runAsUser', plain({ os: { name: 'linux' }, securityContext: { seLinuxOptions: { role: 'dummyRole' }, runAsUser: 1 } })],
])('accepts %s', (_name, spec) => {
  expect(errorsOf(spec).filter((e) => e.startsWith('pod-os'))).toEqual([]);
});

test.each([
  ['an empty OS field', plain({ os: {} }), ['pod-os spec.os.name']],
  ['an unknown OS', plain({ os: { name: 'dummyOS' } }), ['pod-os spec.os']],
  ['windowsOptions on a linux pod', plain({ os: { name: 'linux' }, securityContext: { windowsOptions: { runAsUserName: 'myUser' } } }),
    ['pod-os spec.securityContext.windowsOptions']],
  ['windowsOptions on a container of a linux pod', plain({ os: { name: 'linux' } }, { windowsOptions: { runAsUserName: 'myUser' } }),
    ['pod-os spec.containers[0].securityContext.windowsOptions']],
  ['seLinuxOptions on a windows pod', plain({ os: { name: 'windows' }, securityContext: { seLinuxOptions: { role: 'dummyRole' } } }),
    ['pod-os spec.securityContext.seLinuxOptions']],
  ['supplementalGroupsPolicy on a windows pod', plain({ os: { name: 'windows' }, securityContext: { supplementalGroupsPolicy: 'Merge' } }),
    ['pod-os spec.securityContext.supplementalGroupsPolicy']],
  ['hostPID and shareProcessNamespace on a windows pod', plain({ os: { name: 'windows' }, hostPID: true, shareProcessNamespace: false }),
    ['pod-os spec.hostPID', 'pod-os spec.shareProcessNamespace']],
  ['a privileged container in a windows pod', plain({ os: { name: 'windows' } }, { privileged: false }), ['pod-os spec.containers[0].securityContext.privileged']],
])('refuses %s', (_name, spec, expected) => {
  expect(errorsOf(spec).filter((e) => e.startsWith('pod-os'))).toEqual(expected);
});
