/**
 * Every rule id the library can report, in one table: the check engine's findings and the constructs'
 * `PodPatternError`s. The README's rule table is checked against it (test/checks/rules-table.test.ts), and
 * so is the source: an id written in src/ that is not here, or an entry no code reports, fails the tests.
 */

import { USER_NAMESPACES_ON_BY_DEFAULT_MINOR } from './rules/pod-security-context';
import { RESIZE_ON_BY_DEFAULT_MINOR } from './rules/resize-policy';

/**
 * How a violation is reported:
 * - `error`, `warning`: always so;
 * - `error-at-baseline`, `error-at-restricted`: a Pod Security Standards check, an error when the pod must
 *   meet that level (baseline checks also bind at restricted), not reported below it; with no level chosen,
 *   the baseline checks are warnings and the restricted ones are not reported;
 * - `warning-error-if-pinned-images`: a warning, and an error where pinned images are required;
 * - `error-from-1.<minor>`: an error for clusters from that Kubernetes minor on, a warning before (the API
 *   server drops the field while its feature gate is off by default).
 */
export type RuleSeverity =
  | 'error' | 'warning' | 'error-at-baseline' | 'error-at-restricted' | 'warning-error-if-pinned-images' | `error-from-1.${number}`;

/**
 * Who rejects what the rule reports: the API server (`kubectl apply` fails), the kubelet or the container
 * runtime (the pod is accepted and then fails on the node), Pod Security admission (a namespace that
 * enforces the level refuses it), or only this library (the input is accepted and does the wrong thing, or
 * is a pattern prop no Kubernetes component sees). A rule that covers several cases names the first that
 * rejects any of them.
 */
export type RuleSource = 'api-server' | 'kubelet/runtime' | 'pod-security' | 'library';

/** Where the rule is reported: the check engine (over any manifest), the constructs (as `PodPatternError`s), or both. */
export type RuleReporter = 'engine' | 'constructs' | 'both';

export interface RuleInfo {
  /** The id, as in `Finding.rule` and `PodPatternError.rule`. */
  readonly id: string;
  readonly severity: RuleSeverity;
  /** What the rule prevents, in one line. */
  readonly summary: string;
  /** The Kubernetes minor version from which the rule applies (27 for 1.27, the oldest the library targets). */
  readonly since: number;
  readonly source: RuleSource;
  readonly reportedBy: RuleReporter;
}

interface RuleOptions {
  readonly severity?: RuleSeverity;
  readonly since?: number;
  readonly reportedBy?: RuleReporter;
}

function rule(id: string, source: RuleSource, summary: string, options: RuleOptions = {}): RuleInfo {
  return { id, severity: options.severity ?? 'error', summary, since: options.since ?? 27, source, reportedBy: options.reportedBy ?? 'engine' };
}

/** A rule of the constructs alone: an error about a pattern prop. */
function construct(id: string, summary: string, options: RuleOptions = {}): RuleInfo {
  return rule(id, 'library', summary, { reportedBy: 'constructs', ...options });
}

const WARNING = { severity: 'warning' } as const;
const BOTH = { reportedBy: 'both' } as const;
const BASELINE = { severity: 'error-at-baseline' } as const;
const RESTRICTED = { severity: 'error-at-restricted' } as const;

/** The rules, in the README's order. */
export const RULES: readonly RuleInfo[] = [
  rule('api-version', 'api-server', 'an apiVersion the target does not serve for the kind (extensions/v1beta1, apps/v1beta2, batch/v1beta1, ...)'),
  rule('unknown-field', 'api-server', 'a field the target\'s API does not have: a typo, a misplaced field, or one of a newer (or older) Kubernetes'),
  rule('workload-spec', 'api-server',
    'a workload spec the API server refuses: selector missing, empty or not matching the template, strategies, counts, CronJob schedule, time zone'),
  rule('pod-name', 'api-server', 'a Pod without a name, or one that is not a DNS-1123 subdomain'),
  rule('object-name', 'api-server', 'a workload without a valid name; a Job name over 63 characters, a CronJob name over 52'),
  rule('labels', 'api-server', 'label keys that are not qualified names, label values that are not valid label values'),
  rule('annotations', 'api-server',
    'annotation keys that are not qualified names, annotation values that are not strings, over 256 KiB of annotations'),
  rule('containers-required', 'api-server', 'a pod without app containers', BOTH),
  rule('container-name', 'api-server', 'a container without a name, or with one that is not a DNS-1123 label', BOTH),
  rule('container-name-unique', 'api-server', 'two containers of one pod (init containers included) with one name', BOTH),
  rule('volume-name', 'api-server', 'a volume without a name, or with one that is not a DNS-1123 label', BOTH),
  rule('volume-name-unique', 'api-server', 'two volumes of one pod with one name', BOTH),
  rule('volume-source', 'api-server', 'a volume or projected source with more than one source; the required fields of the in-tree volume sources'),
  rule('image-volume', 'api-server',
    'an image volume below 1.35, with an unknown pull policy, a reference the kubelet cannot pull, or a subPath before 1.33', { since: 31 }),
  rule('projected-credentials', 'api-server', 'serviceAccountToken, clusterTrustBundle and podCertificate projections: token and '
    + 'certificate lifetimes, signer and bundle names, key types, name or signerName (not both)'),
  rule('projected-credentials-no-file', 'library',
    'a podCertificate projection that writes no file (none of credentialBundlePath, keyPath, certificateChainPath)', WARNING),
  rule('volume-reference', 'api-server', 'a ConfigMap/Secret volume or projected source without a name; a defaultMode outside 0-0777'),
  rule('volume-items', 'api-server', 'configMap, secret, downwardAPI and projected items without key or path, with an escaping path or a bad mode'),
  rule('host-path', 'api-server', 'a hostPath without a path, with "..", or with an unknown type'),
  rule('empty-dir-medium', 'kubelet/runtime', 'an emptyDir medium the kubelet does not know (the API server accepts any)'),
  rule('empty-dir-size-limit', 'api-server', 'an emptyDir sizeLimit that is not a quantity, or is negative'),
  rule('volume-mount-name', 'api-server', 'a mount of a volume the pod does not declare'),
  rule('mount-path', 'api-server', 'an empty mount path, or one that is not a string', BOTH),
  rule('mount-path-relative', 'library', 'a relative mount path on a Linux pod: accepted, and mounted at "/" + path by the kubelet', WARNING),
  rule('mount-path-colon', 'library', 'a ":" in a Linux mount path, as in Docker\'s "/data:ro": accepted, and the options are not applied', WARNING),
  rule('mount-path-unique', 'api-server', 'one mount path twice in a container', BOTH),
  rule('sub-path', 'api-server', 'an absolute or escaping subPath; subPath with subPathExpr'),
  rule('mount-propagation', 'api-server', 'an unknown mount propagation, or Bidirectional in an unprivileged container'),
  rule('container-port', 'api-server', 'a containerPort missing or outside 1-65535', BOTH),
  rule('host-port', 'api-server', 'a hostPort outside 1-65535', BOTH),
  rule('port-protocol', 'api-server', 'a port protocol other than TCP, UDP or SCTP'),
  rule('port-name', 'api-server', 'a port name that is not an IANA service name'),
  rule('port-name-unique', 'api-server', 'one port name twice in a container'),
  rule('port-name-duplicate-across-containers', 'library',
    'one port name in two running containers: a Service targetPort of that name reaches only one', WARNING),
  rule('port-conflict', 'kubelet/runtime',
    'two running containers on one port and protocol: the second cannot bind in the shared network namespace', BOTH),
  rule('host-port-conflict', 'api-server', 'one hostPort (protocol, host IP, port) twice among the containers that run together'),
  rule('host-network-ports', 'api-server', 'with hostNetwork, a hostPort different from its containerPort'),
  rule('image', 'api-server', 'an empty image, or one with surrounding spaces'),
  rule('image-pull-policy', 'api-server', 'an imagePullPolicy other than Always, IfNotPresent or Never'),
  rule('termination-message-policy', 'api-server', 'a terminationMessagePolicy other than File or FallbackToLogsOnError'),
  rule('image-tag', 'library', 'an image without a tag or digest, or tagged latest', { severity: 'warning-error-if-pinned-images' }),
  rule('env-name', 'api-server', 'an environment variable name that is not valid'),
  rule('env-value-from', 'api-server', 'value with valueFrom, a valueFrom without exactly one source, a key reference without a valid name or key'),
  rule('env-from', 'api-server', 'an envFrom without exactly one of configMapRef/secretRef, without a name, or with a bad prefix'),
  rule('resource-quantity', 'api-server', 'a resource quantity that does not parse, is negative, or is fractional for an extended resource'),
  rule('resource-request-above-limit', 'api-server', 'a resource request above its limit'),
  rule('resource-name', 'api-server', 'a container resource name that is neither standard, kubernetes.io, nor an extended resource with a domain'),
  rule('resource-non-overcommitable', 'api-server',
    'an extended resource or hugepages requested without a limit, or with a request other than the limit'),
  rule('pod-overhead', 'api-server', 'a pod overhead without a runtimeClassName (the RuntimeClass admission plugin refuses it)'),
  rule('pod-resources-consistency', 'api-server',
    'pod-level requests below what the app containers request together, or a container limit above the pod-level limit', { since: 34 }),
  rule('resource-hugepages', 'api-server', 'hugepages that are not whole pages, or without cpu or memory beside them'),
  rule('resize-policy', 'api-server',
    'a resizePolicy for another resource than cpu or memory, an unknown restart policy, a resource twice, or on a plain init container',
    { severity: `error-from-1.${RESIZE_ON_BY_DEFAULT_MINOR}` }),
  rule('fs-group-change-policy', 'api-server', 'an fsGroupChangePolicy other than OnRootMismatch or Always'),
  rule('sysctls', 'api-server', 'a sysctl without a name, with a name that is not a sysctl name, or set twice'),
  rule('sysctl-unsafe', 'kubelet/runtime', 'a sysctl outside the kubelet\'s safe list, where Pod Security is privileged: refused on a '
    + 'node that does not allow it', WARNING),
  rule('host-users', 'api-server',
    'hostUsers: false with hostNetwork, hostPID or hostIPC', { severity: `error-from-1.${USER_NAMESPACES_ON_BY_DEFAULT_MINOR}` }),
  rule('dns-config', 'api-server', 'too many or invalid nameservers or search paths, a resolver option without a name'),
  rule('volume-device', 'api-server', 'a volumeDevice without name or path, of an undeclared or unsuitable volume, twice, or clashing with a mount'),
  rule('volume-device-path', 'kubelet/runtime', 'a relative devicePath (the API server accepts it; the runtime needs the full path)', WARNING),
  rule('ephemeral-containers', 'api-server',
    'ephemeralContainers in a Pod manifest or a pod template: they are added to a running pod, never created with it'),
  rule('termination-grace-period', 'library',
    'a negative terminationGracePeriodSeconds (documented as non-negative; the 1.27 API server does not check it)', WARNING),
  rule('proc-mount', 'api-server', 'a procMount other than Default or Unmasked, or Unmasked without hostUsers: false',
    { severity: 'error-from-1.33' }),
  rule('probe', 'api-server', 'a probe without exactly one handler, with bad thresholds, timings, ports or scheme'),
  rule('lifecycle', 'api-server', 'a hook without exactly one handler, a grpc hook, a sleep hook before 1.30 or longer than the grace period'),
  rule('init-container-fields', 'api-server', 'probes or lifecycle hooks on an init container that is not a native sidecar', BOTH),
  rule('container-restart-policy', 'api-server', 'restartPolicy on an app container, or other than Always on an init container'),
  rule('native-sidecar-version', 'library', 'a native sidecar in a pod that targets Kubernetes before 1.29 (the API server drops restartPolicy)'),
  rule('restart-policy', 'api-server', 'an unknown restart policy, or one the workload kind does not allow'),
  rule('dns-policy', 'api-server', 'an unknown DNS policy, or None without nameservers'),
  rule('pod-dns-names', 'api-server',
    'a hostname or subdomain that is not a DNS-1123 label; a nodeName, priorityClassName or runtimeClassName that is not a DNS subdomain'),
  rule('service-account-name', 'api-server', 'a service account name that is not a DNS-1123 subdomain'),
  rule('share-process-namespace', 'api-server', 'shareProcessNamespace with hostPID'),
  rule('active-deadline-seconds', 'api-server', 'an activeDeadlineSeconds outside 1-2147483647'),
  rule('security-context-range', 'api-server', 'user, group or supplemental group ids outside 0-2147483647'),
  rule('security-context-privileged', 'api-server', 'privileged, or CAP_SYS_ADMIN, without privilege escalation'),
  rule('seccomp-profile', 'api-server',
    'a seccomp profile with no or an unknown type or a misfit localhostProfile; a seccomp annotation that is no profile or contradicts the field'),
  rule('pod-security-host-namespaces', 'pod-security', 'hostNetwork, hostPID or hostIPC', BASELINE),
  rule('pod-security-privileged', 'pod-security', 'a privileged container', BASELINE),
  rule('pod-security-capabilities-baseline', 'pod-security', 'added capabilities beyond the baseline set', BASELINE),
  rule('pod-security-host-path-volumes', 'pod-security', 'hostPath volumes', BASELINE),
  rule('pod-security-host-ports', 'pod-security', 'host ports', BASELINE),
  rule('pod-security-app-armor-profile', 'pod-security', 'an AppArmor profile other than the runtime default or a local one', BASELINE),
  rule('pod-security-se-linux-options', 'pod-security', 'SELinux options with a custom type, user or role', BASELINE),
  rule('pod-security-proc-mount', 'pod-security', 'a procMount other than Default', BASELINE),
  rule('pod-security-seccomp-profile-baseline', 'pod-security', 'an Unconfined seccomp profile', BASELINE),
  rule('pod-security-sysctls', 'pod-security', 'a sysctl outside the safe set', BASELINE),
  rule('pod-security-windows-host-process', 'pod-security', 'Windows HostProcess containers', BASELINE),
  rule('pod-security-host-probes-and-host-lifecycle', 'pod-security', 'a host in a probe or lifecycle handler (policy v1.34+)',
    { ...BASELINE, since: 34 }),
  rule('pod-security-restricted-volumes', 'pod-security', 'volume types outside the restricted set', RESTRICTED),
  rule('pod-security-allow-privilege-escalation', 'pod-security', 'a container that does not set allowPrivilegeEscalation: false', RESTRICTED),
  rule('pod-security-capabilities-restricted', 'pod-security',
    'a container that does not drop ALL capabilities, or adds one other than NET_BIND_SERVICE', RESTRICTED),
  rule('pod-security-run-as-non-root', 'pod-security', 'a container that is not required to run as non-root', RESTRICTED),
  rule('pod-security-run-as-user', 'pod-security', 'runAsUser 0', RESTRICTED),
  rule('pod-security-proc-mount-restricted', 'pod-security', 'a procMount other than Default (policy v1.35+)', { ...RESTRICTED, since: 35 }),
  rule('pod-security-seccomp-profile-restricted', 'pod-security', 'a container without a RuntimeDefault or Localhost seccomp profile', RESTRICTED),
  rule('pod-security-level', 'library',
    'a pod that declares a level below restricted: which level it meets and why (accepted when it meets the level declared)', WARNING),
  rule('accept-annotation', 'library', 'a cdk8s-pod-patterns/accept annotation without a reason, or with a rule that cannot be accepted', BOTH),
  rule('accept-unused', 'library', 'an accepted rule that reports nothing for the pod', WARNING),
  rule('pod-security-annotation', 'library', 'an unknown level in the cdk8s-pod-patterns/pod-security annotation'),
  rule('min-kubernetes-annotation', 'library', 'a cdk8s-pod-patterns/min-kubernetes-version annotation that is not 1.<minor>'),
  rule('min-kubernetes-unknown', 'library',
    'a cdk8s-pod-patterns/min-kubernetes-version newer than the newest minor the checks know: checked for that one', WARNING),
  rule('min-kubernetes-version', 'library', 'a pod that needs a newer Kubernetes than the cluster given as kubernetesMinor'),
  rule('integer-value', 'api-server',
    'a pod terminationGracePeriodSeconds that is NaN, an infinity or a fraction, which the API server cannot decode'),
  rule('pod-spec', 'api-server', 'a pod (or template) whose spec is missing or not an object'),
  rule('field-needs-newer-kubernetes', 'api-server',
    'a field the target drops (gate off, or unknown): appArmorProfile, recursiveReadOnly, pod resources, image volumes, stopSignal',
    WARNING),
  rule('pod-os', 'api-server', 'an os.name other than linux or windows; windowsOptions on a linux pod; Linux-only fields on a windows pod'),
  rule('affinity', 'api-server', 'node and pod affinity terms with bad operators, values, keys, weights, namespaces or topology keys'),
  rule('pod-annotations', 'api-server', 'a pod-deletion-cost that is not a 32-bit integer; the mirror pod annotation without nodeName'),
  rule('security-context-policy', 'api-server',
    'a supplementalGroupsPolicy other than Merge or Strict, a seLinuxChangePolicy other than Recursive or MountOption'),
  rule('recursive-read-only', 'api-server',
    'a recursiveReadOnly other than Disabled, IfPossible or Enabled, without readOnly, or Enabled with propagation'),
  rule('app-armor-profile', 'api-server',
    'an AppArmor annotation for no container, with a bad profile or disagreeing with the field; an appArmorProfile field with a bad type or profile'),
  rule('windows-options', 'api-server',
    'windowsOptions with a bad gMSA spec or runAsUserName; HostProcess pods with mixed containers or without hostNetwork'),
  rule('resource-claims', 'api-server', 'pod resourceClaims with bad or duplicate names or sources; container claims of no pod claim, or used twice',
    { since: 34 }),
  rule('tolerations', 'api-server', 'a toleration with a bad key, operator, value or effect, or tolerationSeconds without NoExecute'),
  rule('topology-spread', 'api-server',
    'a topology spread constraint with a bad maxSkew, topologyKey, whenUnsatisfiable, minDomains, policy, matchLabelKeys, or twice'),
  rule('host-aliases', 'api-server', 'a host alias whose ip is not an IP address or whose hostnames are not DNS subdomains'),
  rule('readiness-gates', 'api-server', 'a readiness gate whose conditionType is not a qualified name'),
  rule('scheduling-gates', 'api-server', 'a scheduling gate that is not a qualified name or is listed twice; nodeName set with scheduling gates'),
  rule('env-duplicate', 'library', 'one environment variable twice in a container: the last wins, and server-side apply refuses it', WARNING),
  rule('null-label-selector', 'library', 'a topology spread constraint or pod (anti-)affinity term without labelSelector: matches no pod', WARNING),
  rule('probe-port-unknown', 'kubelet/runtime', 'a probe or hook on a port name the container does not declare: the kubelet cannot resolve it'),
  rule('probe-port-protocol', 'kubelet/runtime',
    'an httpGet or tcpSocket probe or hook on a named port declared UDP or SCTP (the call is TCP)', WARNING),
  rule('volume-unused', 'library', 'a volume that no container mounts', WARNING),
  rule('service-account-token-not-mounted', 'kubelet/runtime',
    'a command or probe that reads the service-account token directory while automountServiceAccountToken is false', WARNING),
  rule('run-as-non-root-image-user', 'kubelet/runtime',
    'runAsNonRoot without runAsUser on an official image known to run as root or as a named user: the kubelet refuses to start it'),
  rule('run-as-non-root-without-user', 'kubelet/runtime',
    'runAsNonRoot without runAsUser: the kubelet refuses images that run as root or name their USER', WARNING),
  rule('log-volume-writable-by-shipper', 'library', 'a log shipper mounting read-write a volume that another container writes', WARNING),
  rule('sidecar-never-exits', 'library', 'a log shipper among the app containers of a pod that runs to completion: the pod never completes', WARNING),

  construct('log-directory', 'a log directory that is not absolute, or would hide a directory of the app or the shipper'),
  construct('config-map-name', 'a configMapName that is not a DNS-1123 subdomain, or config names for a destination without configuration'),
  construct('log-file-pattern', 'a file pattern with a directory, spaces or characters the shipper would misread'),
  construct('log-destination', 'a missing log destination, or destination props that are not an object'),
  construct('log-app-containers', 'appContainers that are not app containers of the workload'),
  construct('sidecar-on-job', 'a classic sidecar (log shipper, network sidecar, metrics adapter) on a pod that runs to completion'),
  construct('sidecar-mode', 'a shutdown marker without the shipper\'s command line, or with a marker that is not a file name'),
  construct('destination-host', 'a destination host that is missing or not a host name'),
  construct('destination-port', 'a destination port outside 1-65535'),
  construct('destination-index', 'an Elasticsearch index name that Elasticsearch refuses'),
  construct('destination-database', 'a MongoDB database name that is missing, invalid, or ignored'),
  construct('destination-collection', 'a MongoDB collection name that is missing or invalid'),
  construct('destination-connectionstring', 'a MongoDB connection string Secret or key that is missing or invalid'),
  construct('destination-basicauth', 'Elasticsearch basic auth with a missing or invalid user, Secret or key'),
  construct('destination-image', 'a shipper image that is missing or has no output for the destination'),
  construct('destination-auth', 'MongoDB credentials that are missing, invalid, or ignored'),
  construct('destination-state-directories', 'a shipper state directory that is not an absolute directory'),
  construct('destination-config-directory', 'a shipper configuration directory that is not an absolute directory'),
  construct('destination-configfiles', 'custom configuration files whose names or contents are invalid'),
  construct('destination-tls', 'TLS settings with a missing or invalid CA'),
  construct('destination-key-files', 'key files without exactly one source, with invalid names, or in a directory that clashes'),
  construct('destination-security-context', 'a custom shipper that runs as non-root without a uid'),
  construct('log-destination-value', 'a destination value that would break the shipper\'s configuration'),
  construct('shutdown-marker-deadline', 'a shutdown-marker pod without an active deadline: a failed app would leave the shipper running'),
  construct('shutdown-marker-restart-policy', 'a shutdown marker on a workload that restarts its containers'),
  construct('network-sidecar-port', 'a proxy or ambassador port that is not an integer from 1 to 65535'),
  construct('proxy-privileged-port', 'a proxy or ambassador port below 1024, which the non-root nginx cannot listen on'),
  construct('proxy-app-port', 'a TLS proxy whose upstream port no app container declares (or several do)'),
  construct('adapter-exporter', 'a metrics adapter without a MetricsExporter, or with an image, uid, path or config directory that cannot work'),
  construct('adapter-target-port', 'a metrics adapter whose exporter reads a port no app container declares (or several do)'),
  construct('adapter-port', 'a metrics port below 1024, equal to the port read, badly named, or a stub_status port another container holds'),
  construct('adapter-scrape', 'a second adapter on one pod that would also write the pod\'s prometheus.io annotations'),
  construct('image-files', 'ImageFiles with an image that is no reference, a bad path, an image volume below 1.35, or a volume name taken'),
  construct('tls-secret', 'a missing or invalid TLS or CA Secret of a network sidecar'),
  construct('ambassador-remote', 'an ambassador remote host (or TLS server name) that is not a bare host name'),
  construct('ambassador-env', 'an ambassador address variable that is not a valid environment variable name'),
  construct('container-props', 'containers or initContainers props that are not a list of container props'),
  construct('props', 'pattern props of the wrong type (not an object, a list, a container)'),
  construct('kubernetes-target', 'a kubernetesMinor context value that is not a Kubernetes minor version'),
  construct('literal-secret', 'a password or credential given as a literal, which would be written into the manifest'),
  construct('shared-volume-name', 'a SharedVolume volumeName that differs from the name of the volume it is given'),
  construct('container-not-in-workload', 'mounting the shared volume into a container that is not part of the workload'),
  construct('native-sidecar-container', 'a native sidecar that is not an init container of the workload', { since: 29 }),
  construct('cdk8s-plus-major', 'a cdk8s-plus object from another major or another copy than the entry point\'s, or two entry points in one app'),
  construct('unsupported-workload', 'a workload that is neither a cdk8s-plus Pod nor a Workload'),
  construct('pod-security', 'a podSecurity level other than privileged, baseline or restricted'),
];

/** The table's entry for a rule id. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return RULES.find((r) => r.id === id);
}
