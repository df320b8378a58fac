import { num, obj, Plain, str, text } from '../_plain';
import { quote } from '../_quote';
import { PodContext } from '../pod-context';

const MAX_ID = 2147483647;
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const PROC_MOUNTS = ['Default', 'Unmasked'];
const PROC_MOUNT_TYPE_MINOR = 33;

/** JSON null is an unset (nil) pointer to the API server. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** What pod and container security contexts share (API server `ValidatePodSecurityContext`, `ValidateSecurityContext`): ids and seccomp. */
export function checkSecurityContextRanges(ctx: PodContext, sc: Plain | undefined, path: string): void {
  if (!sc) return;
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const value = sc[field];
    if (value !== undefined && (num(value) === undefined || (value as number) < 0 || (value as number) > MAX_ID || !Number.isInteger(value))) {
      ctx.error('security-context-range', `${path}.${field}`,
        `Invalid value: ${quote(value)}: must be between 0 and ${MAX_ID}, inclusive`, 'use a numeric id from 0 to 2147483647');
    }
  }
  checkSeccompProfile(ctx, obj(sc.seccompProfile), `${path}.seccompProfile`);
}

/** `validateSeccompProfileField`: a known type; `localhostProfile`, a relative path, with Localhost and only with it. */
function checkSeccompProfile(ctx: PodContext, seccomp: Plain | undefined, path: string): void {
  if (!seccomp) return;
  const type = str(seccomp.type);
  if (!type) {
    ctx.error('seccomp-profile', `${path}.type`, 'Required value: type is required when seccompProfile is set', 'use RuntimeDefault');
  } else if (!SECCOMP_TYPES.includes(type)) {
    ctx.error('seccomp-profile', `${path}.type`,
      `Unsupported value: "${type}": supported values: "Localhost", "RuntimeDefault", "Unconfined"`, 'use RuntimeDefault');
  }
  const profile = seccomp.localhostProfile;
  if (type === 'Localhost') {
    if (!present(profile)) {
      ctx.error('seccomp-profile', `${path}.localhostProfile`, 'Required value: must be set when seccomp type is Localhost',
        'name the profile file, relative to the kubelet\'s seccomp directory (e.g. "profiles/audit.json")');
    } else if (typeof profile === 'string') {
      if (profile.startsWith('/')) {
        ctx.error('seccomp-profile', `${path}.localhostProfile`, `Invalid value: ${quote(profile)}: must be a relative path`,
          'give the path relative to the kubelet\'s seccomp directory');
      }
      if (profile.split('/').includes('..')) {
        ctx.error('seccomp-profile', `${path}.localhostProfile`, `Invalid value: ${quote(profile)}: must not contain '..'`,
          'use a path inside the kubelet\'s seccomp directory');
      }
    }
  } else if (present(profile)) {
    ctx.error('seccomp-profile', `${path}.localhostProfile`,
      `Invalid value: ${text(seccomp)}: can only be set when seccomp type is Localhost`, 'remove localhostProfile, or use type Localhost');
  }
}

/** Container-only fields (API server `ValidateSecurityContext`): privilege escalation against privileged and CAP_SYS_ADMIN; procMount. */
export function checkContainerSecurityContext(ctx: PodContext, sc: Plain | undefined, path: string): void {
  if (!sc) return;
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      ctx.error('security-context-privileged', path,
        'Invalid value: cannot set `allowPrivilegeEscalation` to false and `privileged` to true', 'drop privileged, or allow privilege escalation');
    }
    // The API server compares the literal string: "SYS_ADMIN" (the usual spelling) passes.
    const capabilities = obj(sc.capabilities);
    if (Array.isArray(capabilities?.add) && capabilities.add.includes('CAP_SYS_ADMIN')) {
      ctx.error('security-context-privileged', path,
        'Invalid value: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
        'drop CAP_SYS_ADMIN, or allow privilege escalation');
    }
  }
  const procMount = sc.procMount;
  // The field is behind the ProcMountType feature gate (beta, on by default from 1.33 in kube_features.go):
  // before, the API server replaces the value rather than rejecting it, so problems are warnings there.
  const enforced = ctx.kubernetesMinor >= PROC_MOUNT_TYPE_MINOR;
  const severity = enforced ? 'error' : 'warning';
  const gateNote = enforced ? '' : ' (rejected where the ProcMountType feature gate is on, from 1.33; before, the API server ignores it)';
  if (present(procMount) && !PROC_MOUNTS.includes(procMount as string)) {
    ctx.report('proc-mount', severity, `${path}.procMount`,
      `Unsupported value: ${quote(procMount)}: supported values: "Default", "Unmasked"${gateNote}`, 'use Default, or remove procMount');
  } else if (procMount === 'Unmasked' && ctx.spec.hostUsers !== false) {
    // validation_test.go TestValidateSecurityContext, "with unmasked proc mount type and no user namespace".
    ctx.report('proc-mount', severity, `${path}.procMount`,
      `Invalid value: "Unmasked": \`hostUsers\` must be false to use \`Unmasked\`${gateNote}`,
      'set hostUsers: false on the pod, or remove procMount');
  }
}
