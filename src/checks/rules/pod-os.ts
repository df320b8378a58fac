import { list, obj } from '../_plain';
import { quote } from '../_quote';
import { PodContext } from '../pod-context';

/**
 * `spec.os` and the fields one OS cannot have, as the API server validates them on create
 * (validation.go validateOS, validateLinux, validateWindows; validation_test.go TestValidateOS,
 * TestValidateLinuxPodSecurityContext, TestValidateWindowsPodSecurityContext). The OS checks run only when
 * `spec.os` itself is valid.
 */
const WINDOWS_POD_FIELDS: ReadonlyArray<readonly [where: 'spec' | 'securityContext', field: string]> = [
  ['securityContext', 'appArmorProfile'], ['securityContext', 'seLinuxOptions'], ['spec', 'hostUsers'], ['spec', 'hostPID'], ['spec', 'hostIPC'],
  ['securityContext', 'seccompProfile'], ['securityContext', 'fsGroup'], ['securityContext', 'fsGroupChangePolicy'], ['securityContext', 'sysctls'],
  ['spec', 'shareProcessNamespace'], ['securityContext', 'runAsUser'], ['securityContext', 'runAsGroup'], ['securityContext', 'supplementalGroups'],
  ['securityContext', 'supplementalGroupsPolicy'], ['securityContext', 'seLinuxChangePolicy'],
];
const WINDOWS_CONTAINER_FIELDS = [
  'appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation',
  'procMount', 'runAsUser', 'runAsGroup',
];

const LINUX_WINDOWS_OPTIONS = 'Forbidden: windows options cannot be set for a linux pod';
const WINDOWS_FORBIDDEN = 'Forbidden: cannot be set for a windows pod';

export function checkPodOs(ctx: PodContext): void {
  const os = obj(ctx.spec.os);
  if (!os) return;
  if (os.name === undefined || os.name === null || os.name === '') {
    return void ctx.error('pod-os', ctx.at('os.name'), 'Required value: cannot be empty', 'set os.name to linux or windows');
  }
  if (os.name !== 'linux' && os.name !== 'windows') {
    // The API server reports the unsupported name at spec.os, without .name.
    return void ctx.error('pod-os', ctx.at('os'), `Unsupported value: ${quote(os.name)}: supported values: "linux", "windows"`,
      'use linux or windows');
  }
  const podSc = obj(ctx.spec.securityContext) ?? {};
  const set = (value: unknown) => value !== undefined && value !== null;
  if (os.name === 'linux') {
    if (set(podSc.windowsOptions)) {
      ctx.error('pod-os', ctx.at('securityContext.windowsOptions'), LINUX_WINDOWS_OPTIONS, 'remove windowsOptions');
    }
    for (const c of ctx.containers) {
      if (set(obj(c.container.securityContext)?.windowsOptions)) {
        ctx.error('pod-os', `${c.path}.securityContext.windowsOptions`, LINUX_WINDOWS_OPTIONS, 'remove windowsOptions');
      }
    }
    return;
  }
  for (const [where, field] of WINDOWS_POD_FIELDS) {
    const value = where === 'spec' ? ctx.spec[field] : podSc[field];
    const forbidden = field === 'hostPID' || field === 'hostIPC' ? value === true
      : field === 'sysctls' ? list(value).length > 0
        : set(value);
    if (forbidden) {
      ctx.error('pod-os', ctx.at(where === 'spec' ? field : `securityContext.${field}`), WINDOWS_FORBIDDEN,
        `remove ${field}: it has no meaning on Windows`);
    }
  }
  for (const c of ctx.containers) {
    const sc = obj(c.container.securityContext) ?? {};
    for (const field of WINDOWS_CONTAINER_FIELDS) {
      if (set(sc[field])) {
        ctx.error('pod-os', `${c.path}.securityContext.${field}`, WINDOWS_FORBIDDEN, `remove ${field}: it has no meaning on Windows`);
      }
    }
  }
}
