import { list, obj, Plain, str, text } from '../_plain';
import { PodContext, PodSecurityLevel } from '../pod-context';

/** One failed Pod Security Standards check, as pod-security-admission words it. */
interface Violation {
  readonly check: string;
  readonly level: 'baseline' | 'restricted';
  readonly path: string;
  readonly reason: string;
  readonly fix: string;
}

const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
/**
 * The safe sysctls by policy version, as pod-security-admission's policy/check_sysctls.go lists them:
 * each version allows those of the versions before it too.
 */
const SYSCTLS_ADDED: ReadonlyArray<readonly [version: number, names: readonly string[]]> = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
    'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];
const safeSysctlsByVersion = new Map<number, ReadonlySet<string>>();
/** The safe sysctls of a policy version (computed once per version: every pod asks). */
export function safeSysctls(version: number): ReadonlySet<string> {
  let safe = safeSysctlsByVersion.get(version);
  if (!safe) {
    safe = new Set(SYSCTLS_ADDED.filter(([since]) => since <= version).flatMap(([, names]) => names));
    safeSysctlsByVersion.set(version, safe);
  }
  return safe;
}
/** policy/check_seLinuxOptions.go: container_engine_t is allowed from v1.31. */
export function seLinuxTypes(version: number): string[] {
  return ['', 'container_t', 'container_init_t', 'container_kvm_t', ...(version >= 31 ? ['container_engine_t'] : [])];
}
/**
 * From v1.35 a pod in a user namespace (`hostUsers: false`) may run as uid 0 and unmask /proc at baseline
 * (policy/check_runAsNonRoot.go, check_runAsUser.go, check_procMount_baseline.go: relaxPolicyForUserNamespacePod).
 */
export const USER_NAMESPACE_RELAXATION_VERSION = 35;
/** policy/check_hostProbesAndhostLifecycle.go: a baseline check from v1.34. */
export const HOST_PROBES_VERSION = 34;
const APP_ARMOR_TYPES = ['RuntimeDefault', 'Localhost'];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const RANK: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * The Pod Security Standards at the policy version of the target (v1.27 to v1.37, or the version a
 * namespace pins): every baseline and restricted check of pod-security-admission, as its policy/ directory
 * versions them, over init, app and ephemeral containers. Violations of the level the pod must
 * meet are errors. A pod that declares a lower level gets one finding that says which level it meets:
 * accepted (a recorded decision) when that is the level declared, a warning when it meets a stricter one.
 */
export function checkPodSecurity(ctx: PodContext): void {
  const required = ctx.podSecurity;
  const version = ctx.podSecurityVersion;
  // From v1.35 the restricted procMount check overrides the baseline one (OverrideCheckIDs), which a
  // user-namespace pod passes: at restricted only the unconditional check runs.
  const overridden = required === 'restricted' && version >= USER_NAMESPACE_RELAXATION_VERSION ? 'proc-mount' : undefined;
  const violations = [...baselineViolations(ctx), ...restrictedViolations(ctx)];
  if (!ctx.podSecurityChosen) {
    // Nothing enforced, as in a namespace without Pod Security labels: the cluster takes the pod. What baseline
    // forbids (privileged containers, host namespaces and paths, added capabilities) is still worth a warning.
    for (const v of violations) {
      if (v.level === 'baseline') {
        ctx.warn(`pod-security-${v.check}`, v.path, `violates PodSecurity "baseline:v1.${version}": ${v.reason} `
          + '(a warning: no Pod Security level is chosen; a namespace that enforces baseline refuses the pod)', v.fix);
      }
    }
    return;
  }
  for (const v of violations) {
    if (RANK[v.level] <= RANK[required] && v.check !== overridden) {
      ctx.error(`pod-security-${v.check}`, v.path,
        `violates PodSecurity "${v.level}:v1.${version}": ${v.reason} (policy: the "${required}" level, chosen by ${ctx.podSecuritySource})`, v.fix);
    }
  }
  if (required !== 'restricted' && ctx.podSecurityDeclared) {
    const failsBaseline = violations.filter((v) => v.level === 'baseline');
    const met: PodSecurityLevel = failsBaseline.length > 0 ? 'privileged' : violations.length > 0 ? 'baseline' : 'restricted';
    const next = met === 'privileged' ? failsBaseline : violations.filter((v) => v.level === 'restricted');
    const why = next.length
      ? `; ${met === 'privileged' ? 'baseline' : 'restricted'} fails on: ${[...new Set(next.map((v) => v.reason))].join(', ')}`
      : '';
    const message = `the pod is declared to need only the "${required}" Pod Security Standard and meets "${met}"${why}`;
    if (met === required) {
      // The declaration is the decision, recorded in the pod: reported with it, never a warning.
      ctx.report('pod-security-level', 'accepted', ctx.at('securityContext'), message,
        'run it only in namespaces that allow this level, or remove what the stricter level forbids',
        `the pod declares the "${required}" level`);
    } else {
      ctx.warn('pod-security-level', ctx.at('securityContext'), message, `declare "${met}": the pod meets it`);
    }
  }
}

function each(ctx: PodContext, fn: (c: { container: Plain; path: string; name: string; sc: Plain }) => void): void {
  for (const c of ctx.containers) fn({ container: c.container, path: c.path, name: c.name, sc: obj(c.container.securityContext) ?? {} });
}

function baselineViolations(ctx: PodContext): Violation[] {
  const out: Violation[] = [];
  const v = (check: string, path: string, reason: string, fix: string) => out.push({ check, level: 'baseline', path, reason, fix });
  const spec = ctx.spec;
  const version = ctx.podSecurityVersion;
  const userNamespaceRelaxed = version >= USER_NAMESPACE_RELAXATION_VERSION && spec.hostUsers === false;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[field] === true) v('host-namespaces', ctx.at(field), `host namespaces (${field}=true)`, `remove ${field}`);
  }
  list(spec.volumes).forEach((value, i) => {
    const volume = obj(value);
    if (volume?.hostPath !== undefined) {
      v('host-path-volumes', ctx.at(`volumes[${i}].hostPath`), `hostPath volumes (volume "${str(volume.name) ?? ''}")`,
        'use an emptyDir, a PersistentVolumeClaim or a ConfigMap instead of a node directory');
    }
  });
  const podSc = obj(spec.securityContext) ?? {};
  checkSeLinux(podSc, ctx.at('securityContext'), v, version);
  checkAppArmorPolicy(podSc, ctx.at('securityContext'), 'pod', v);
  if (str(obj(podSc.seccompProfile)?.type) === 'Unconfined') {
    v('seccomp-profile-baseline', ctx.at('securityContext.seccompProfile.type'),
      'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")', 'use RuntimeDefault');
  }
  const sysctls = list(podSc.sysctls);
  const safe = sysctls.length > 0 ? safeSysctls(version) : undefined;
  sysctls.forEach((value, i) => {
    const name = str(obj(value)?.name);
    if (name && !safe!.has(name)) {
      v('sysctls', ctx.at(`securityContext.sysctls[${i}].name`), `forbidden sysctls (${text(name)})`,
        `use only the sysctls the v1.${version} policy allows: ${[...safe!].join(', ')} (the kubelet too refuses the others, `
          + 'unless the node allows them with --allowed-unsafe-sysctls)');
    }
  });
  if (obj(podSc.windowsOptions)?.hostProcess === true) {
    v('windows-host-process', ctx.at('securityContext.windowsOptions.hostProcess'),
      'hostProcess (pod must not set hostProcess=true)', 'remove hostProcess');
  }
  const annotations = obj(ctx.metadata?.annotations) ?? {};
  for (const [key, value] of Object.entries(annotations)) {
    // PSA allows an empty value: it means no profile was chosen, so the runtime default applies.
    const appArmorKey = key.startsWith('container.apparmor.security.beta.kubernetes.io/');
    if (appArmorKey && value !== '' && value !== 'runtime/default' && !text(value).startsWith('localhost/')) {
      v('app-armor-profile', ctx.metadataAt(`annotations[${key}]`), `forbidden AppArmor profile (${key}="${text(value)}")`,
        'use runtime/default or a localhost/ profile');
    }
  }
  each(ctx, ({ container, path, name, sc }) => {
    if (sc.privileged === true) {
      v('privileged', `${path}.securityContext.privileged`,
        `privileged (container "${name}" must not set securityContext.privileged=true)`, 'remove privileged');
    }
    const added = list(obj(sc.capabilities)?.add).map(text).filter((cap) => !BASELINE_CAPABILITIES.includes(cap));
    if (added.length) {
      const quoted = added.map((a) => `"${a}"`).join(', ');
      v('capabilities-baseline', `${path}.securityContext.capabilities.add`,
        `non-default capabilities (container "${name}" must not include ${quoted} in securityContext.capabilities.add)`,
        'drop the extra capabilities');
    }
    list(container.ports).forEach((value, j) => {
      const hostPort = obj(value)?.hostPort;
      if (typeof hostPort === 'number' && hostPort !== 0) {
        v('host-ports', `${path}.ports[${j}].hostPort`, `hostPort (container "${name}" uses hostPort ${hostPort})`,
          'expose the port with a Service instead of a host port');
      }
    });
    checkSeLinux(sc, `${path}.securityContext`, v, version);
    checkAppArmorPolicy(sc, `${path}.securityContext`, `container "${name}"`, v);
    if (version >= HOST_PROBES_VERSION) checkHostProbes(container, path, name, v);
    if (sc.procMount !== undefined && sc.procMount !== 'Default' && !userNamespaceRelaxed) {
      v('proc-mount', `${path}.securityContext.procMount`,
        `procMount (container "${name}" must not set securityContext.procMount to "${text(sc.procMount)}")`, 'remove procMount');
    }
    if (str(obj(sc.seccompProfile)?.type) === 'Unconfined') {
      v('seccomp-profile-baseline', `${path}.securityContext.seccompProfile.type`,
        `seccompProfile (container "${name}" must not set securityContext.seccompProfile.type to "Unconfined")`, 'use RuntimeDefault');
    }
    if (obj(sc.windowsOptions)?.hostProcess === true) {
      v('windows-host-process', `${path}.securityContext.windowsOptions.hostProcess`,
        `hostProcess (container "${name}" must not set hostProcess=true)`, 'remove hostProcess');
    }
  });
  return out;
}

type Report = (check: string, path: string, reason: string, fix: string) => void;

function checkSeLinux(sc: Plain, path: string, v: Report, version: number): void {
  const se = obj(sc.seLinuxOptions);
  if (!se) return;
  const allowed = seLinuxTypes(version);
  if (se.type !== undefined && !allowed.includes(text(se.type))) {
    v('se-linux-options', `${path}.seLinuxOptions.type`, `seLinuxOptions (type "${text(se.type)}")`,
      `use ${allowed.filter((t) => t !== '').join(', ')}`);
  }
  for (const field of ['user', 'role']) {
    if (se[field] !== undefined && se[field] !== '') {
      v('se-linux-options', `${path}.seLinuxOptions.${field}`, `seLinuxOptions (${field} "${text(se[field])}")`, `remove seLinuxOptions.${field}`);
    }
  }
}

/** policy/check_appArmorProfile.go: the securityContext.appArmorProfile field (Kubernetes 1.30+), on the pod or a container. */
function checkAppArmorPolicy(sc: Plain, path: string, who: string, v: Report): void {
  const profile = obj(sc.appArmorProfile);
  if (!profile || APP_ARMOR_TYPES.includes(str(profile.type) ?? '')) return;
  v('app-armor-profile', `${path}.appArmorProfile.type`,
    `forbidden AppArmor profile (${who} must not set AppArmor profile type to "${text(profile.type ?? '')}")`,
    'use type RuntimeDefault, or Localhost with a profile loaded on the node');
}

/** policy/check_hostProbesAndhostLifecycle.go (v1.34+): a probe or hook must not reach another host. */
function checkHostProbes(container: Plain, path: string, name: string, v: Report): void {
  for (const at of HOST_PROBE_HANDLERS) {
    const handler = at.startsWith('lifecycle.') ? obj(container.lifecycle)?.[at.slice('lifecycle.'.length)] : container[at];
    if (handler === undefined || handler === null) continue;
    for (const action of ['httpGet', 'tcpSocket'] as const) {
      const host = obj(obj(handler)?.[action])?.host;
      if (host !== undefined && host !== null && host !== '') {
        v('host-probes-and-host-lifecycle', `${path}.${at}.${action}.host`,
          `probe or lifecycle host (container "${name}" uses probe or lifecycle host "${text(host)}")`,
          'remove host: probes and hooks reach the pod\'s own IP; to check another service, do it from the app');
      }
    }
  }
}
const HOST_PROBE_HANDLERS = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'];

function restrictedViolations(ctx: PodContext): Violation[] {
  const out: Violation[] = [];
  const v = (check: string, path: string, reason: string, fix: string) => out.push({ check, level: 'restricted', path, reason, fix });
  const spec = ctx.spec;
  const version = ctx.podSecurityVersion;
  const userNamespaceRelaxed = version >= USER_NAMESPACE_RELAXATION_VERSION && spec.hostUsers === false;
  const windows = obj(spec.os)?.name === 'windows';
  list(spec.volumes).forEach((value, i) => {
    const volume = obj(value);
    if (!volume) return;
    const types = Object.keys(volume).filter((k) => k !== 'name' && volume[k] !== undefined && volume[k] !== null);
    const forbidden = types.filter((t) => !RESTRICTED_VOLUMES.includes(t));
    if (forbidden.length) {
      v('restricted-volumes', ctx.at(`volumes[${i}]`),
        `restricted volume types (volume "${str(volume.name) ?? ''}" uses ${forbidden.join(', ')})`, `use one of ${RESTRICTED_VOLUMES.join(', ')}`);
    }
  });
  const podSc = obj(spec.securityContext) ?? {};
  const podNonRoot = podSc.runAsNonRoot === true;
  const podSeccomp = ['RuntimeDefault', 'Localhost'].includes(str(obj(podSc.seccompProfile)?.type) ?? '');
  if (podSc.runAsNonRoot === false && !userNamespaceRelaxed) {
    // PSA counts the pod itself as a bad setter: containers that set true do not make up for it.
    v('run-as-non-root', ctx.at('securityContext.runAsNonRoot'),
      'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)',
      'set runAsNonRoot: true on the pod, or remove it and set it on every container');
  }
  if (podSc.runAsUser === 0 && !userNamespaceRelaxed) {
    v('run-as-user', ctx.at('securityContext.runAsUser'), 'runAsUser=0 (pod must not set runAsUser=0)', 'use a non-zero user id');
  }
  each(ctx, ({ path, name, sc }) => {
    if (version >= USER_NAMESPACE_RELAXATION_VERSION && sc.procMount !== undefined && sc.procMount !== 'Default') {
      v('proc-mount-restricted', `${path}.securityContext.procMount`,
        `procMount (container "${name}" must not set securityContext.procMount to "${text(sc.procMount)}")`, 'remove procMount');
    }
    if (!windows && sc.allowPrivilegeEscalation !== false) {
      v('allow-privilege-escalation', `${path}.securityContext.allowPrivilegeEscalation`,
        `allowPrivilegeEscalation != false (container "${name}" must set securityContext.allowPrivilegeEscalation=false)`,
        'set allowPrivilegeEscalation: false');
    }
    if (!windows) {
      const caps = obj(sc.capabilities) ?? {};
      const drop = list(caps.drop).map(text);
      if (!drop.includes('ALL')) {
        // Pod Security compares the exact string (policy/check_capabilities_restricted.go): "all" is not "ALL".
        const otherCase = drop.find((d) => typeof d === 'string' && d.toUpperCase() === 'ALL');
        v('capabilities-restricted', `${path}.securityContext.capabilities.drop`,
          `unrestricted capabilities (container "${name}" must set securityContext.capabilities.drop=["ALL"])`,
          otherCase !== undefined
            ? `write "ALL" in capital letters: drop holds ${JSON.stringify(otherCase)}, and Pod Security compares the name exactly`
            : 'drop ALL capabilities (add back only NET_BIND_SERVICE if needed)');
      }
      const extra = list(caps.add).map(text).filter((cap) => cap !== 'NET_BIND_SERVICE');
      if (extra.length) {
        const quoted = extra.map((a) => `"${a}"`).join(', ');
        v('capabilities-restricted', `${path}.securityContext.capabilities.add`,
          `unrestricted capabilities (container "${name}" must not include ${quoted} in securityContext.capabilities.add)`,
          'add back only NET_BIND_SERVICE');
      }
    }
    if (userNamespaceRelaxed) {
      // v1.35+: a user-namespace pod may run as root inside it (runAsNonRoot and runAsUser are not checked).
    } else if (sc.runAsNonRoot === false) {
      v('run-as-non-root', `${path}.securityContext.runAsNonRoot`,
        `runAsNonRoot != true (container "${name}" must not set securityContext.runAsNonRoot=false)`, 'run the image as a non-root user');
    } else if (!podNonRoot && sc.runAsNonRoot !== true) {
      v('run-as-non-root', `${path}.securityContext.runAsNonRoot`,
        `runAsNonRoot != true (pod or container "${name}" must set securityContext.runAsNonRoot=true)`, 'set runAsNonRoot: true on the pod');
    }
    if (sc.runAsUser === 0 && !userNamespaceRelaxed) {
      v('run-as-user', `${path}.securityContext.runAsUser`, `runAsUser=0 (container "${name}" must not set runAsUser=0)`, 'use a non-zero user id');
    }
    const containerSeccomp = ['RuntimeDefault', 'Localhost'].includes(str(obj(sc.seccompProfile)?.type) ?? '');
    if (!windows && !podSeccomp && !containerSeccomp) {
      v('seccomp-profile-restricted', `${path}.securityContext.seccompProfile`,
        `seccompProfile (pod or container "${name}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
        'set seccompProfile.type: RuntimeDefault on the pod (in a cdk8s app: useRuntimeDefaultSeccomp(workload), '
          + 'from cdk8s-pod-patterns)');
    }
  });
  return out;
}
