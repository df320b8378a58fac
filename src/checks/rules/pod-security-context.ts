import { list, obj, text } from '../_plain';
import { quote } from '../_quote';
import { PodContext } from '../pod-context';
import { safeSysctls } from './pod-security';

const MAX_ID = 2147483647;
const FS_GROUP_CHANGE_POLICIES = ['Always', 'OnRootMismatch'];
// eslint-disable-next-line no-useless-escape -- the message quotes this source, which must read as the API server's regex
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SYSCTL_MAX_LENGTH = 253;
/** User namespaces (`hostUsers`, KEP-127) are on by default from 1.33; before, the API server drops the field. */
export const USER_NAMESPACES_ON_BY_DEFAULT_MINOR = 33;

/**
 * Pod security context fields beyond the ids (API server `ValidatePodSecurityContext`, `validateSysctls`,
 * `validateHostUsers`): supplemental groups, fsGroupChangePolicy, sysctl names, and user namespaces with
 * host namespaces.
 */
export function checkPodSecurityContext(ctx: PodContext): void {
  const sc = obj(ctx.spec.securityContext);
  const path = ctx.at('securityContext');
  if (sc) {
    list(sc.supplementalGroups).forEach((gid, i) => {
      if (typeof gid !== 'number' || !Number.isInteger(gid) || gid < 0 || gid > MAX_ID) {
        ctx.error('security-context-range', `${path}.supplementalGroups[${i}]`,
          `Invalid value: ${text(gid)}: must be between 0 and ${MAX_ID}, inclusive`, 'use numeric group ids from 0 to 2147483647');
      }
    });
    const policy = sc.fsGroupChangePolicy;
    if (policy !== undefined && policy !== null && !FS_GROUP_CHANGE_POLICIES.includes(policy as string)) {
      ctx.error('fs-group-change-policy', `${path}.fsGroupChangePolicy`,
        `Unsupported value: ${quote(policy)}: supported values: "Always", "OnRootMismatch"`, 'use OnRootMismatch or Always');
    }
    checkSysctls(ctx, sc.sysctls, `${path}.sysctls`);
    // validatePodSpecSecurityContext (1.33+ fields; validation_test.go TestValidatePodSpecWithSupplementalGroupsPolicy,
    // TestValidateSELinuxChangePolicy). A set field with another value is refused; unset is fine.
    const enums = [['supplementalGroupsPolicy', ['Merge', 'Strict']], ['seLinuxChangePolicy', ['Recursive', 'MountOption']]] as const;
    for (const [field, allowed] of enums) {
      const value = sc[field];
      if (value !== undefined && value !== null && !(allowed as readonly string[]).includes(value as string)) {
        ctx.error('security-context-policy', `${path}.${field}`,
          `Unsupported value: ${quote(value)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`, `use ${allowed.join(' or ')}`);
      }
    }
  }
  checkHostUsers(ctx);
}

/**
 * Namespaced sysctls cannot be set for a pod that shares the host's namespace they live in (validation.go
 * validateSysctls with hostNetwork/hostIPC; validation_test.go TestValidateSysctls invalidWithHostNet, invalidWithHostIPC).
 */
function sharedNamespaceProblem(ctx: PodContext, rawName: string): string | undefined {
  // ValidateHostSysctl judges the name as utilsysctl.GetNamespace reads it, after NormalizeName
  // (TestValidateSysctls "invalidWithHostNet": net/ipv4/conf/enp3s0.200/forwarding).
  const name = normalizedSysctlName(rawName);
  if (ctx.spec.hostNetwork === true && name.startsWith('net.')) return 'may not be specified when \'hostNetwork\' is true';
  const ipc = ['kernel.shm', 'kernel.msg', 'kernel.sem', 'fs.mqueue.'];
  if (ctx.spec.hostIPC === true && ipc.some((prefix) => name.startsWith(prefix))) {
    return 'may not be specified when \'hostIPC\' is true';
  }
  return undefined;
}

/**
 * utilsysctl.NormalizeName: a name whose first separator is "/" is written with "." and "/" swapped
 * (`net/ipv4/conf/eno2.100/rp_filter` is `net.ipv4.conf.eno2/100.rp_filter`).
 */
function normalizedSysctlName(name: string): string {
  const first = name.search(/[./]/);
  if (first === -1 || name[first] === '.') return name;
  return name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

function checkSysctls(ctx: PodContext, sysctls: unknown, path: string): void {
  const seen = new Set<string>();
  list(sysctls).forEach((value, i) => {
    const sysctl = obj(value);
    if (!sysctl) return;
    const at = `${path}[${i}].name`;
    const name = sysctl.name ?? '';
    if (typeof name !== 'string') return;
    if (name === '') {
      ctx.error('sysctls', at, 'Required value', 'name the sysctl, e.g. net.ipv4.ip_local_port_range');
    } else if (name.length > SYSCTL_MAX_LENGTH || !SYSCTL_NAME.test(name)) {
      ctx.error('sysctls', at,
        `Invalid value: ${quote(name)}: must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${SYSCTL_NAME.source}`,
        'write the sysctl name in lower case, its parts separated by "." or "/" (e.g. net.ipv4.tcp_syncookies)');
    } else if (seen.has(name)) {
      ctx.error('sysctls', at, `Duplicate value: ${quote(name)}`, 'set each sysctl once');
    } else if (sharedNamespaceProblem(ctx, name)) {
      ctx.error('sysctls', at, `Invalid value: ${quote(name)}: ${sharedNamespaceProblem(ctx, name)}`,
        'remove the sysctl: it would change the host\'s namespace, or drop the host namespace');
    } else if (ctx.podSecurityChosen && ctx.podSecurity === 'privileged' && !safeSysctls(ctx.kubernetesMinor).has(normalizedSysctlName(name))) {
      // Below privileged, Pod Security's sysctls check reports it, and its fix says the same.
      ctx.warn('sysctl-unsafe', at, `sysctl ${quote(name)} is not one the kubelet allows by default: it refuses the pod `
        + '(SysctlForbidden, "not allowlisted") unless the node allows it with --allowed-unsafe-sysctls',
      `allow it on the nodes that run the pod (kubelet --allowed-unsafe-sysctls=${name}), or use only safe sysctls: `
        + [...safeSysctls(ctx.kubernetesMinor)].join(', '));
    }
    seen.add(name);
  });
}

/**
 * `hostUsers: false` (a user namespace) cannot go with the host's network, PID or IPC namespace. Before 1.33
 * the UserNamespacesSupport gate is off by default and the API server drops `hostUsers` instead: a warning.
 */
function checkHostUsers(ctx: PodContext): void {
  if (ctx.spec.hostUsers !== false) return;
  const enforced = ctx.kubernetesMinor >= USER_NAMESPACES_ON_BY_DEFAULT_MINOR;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (ctx.spec[field] !== true) continue;
    const note = enforced
      ? ''
      : ` (where the UserNamespacesSupport feature gate is on; it is off by default before 1.${USER_NAMESPACES_ON_BY_DEFAULT_MINOR}, `
        + 'and the API server then drops hostUsers, so the pod gets no user namespace)';
    ctx.report('host-users', enforced ? 'error' : 'warning', ctx.at(field), `Forbidden: when \`pod.Spec.HostUsers\` is false${note}`,
      `remove ${field}, or remove hostUsers: false`);
  }
}
