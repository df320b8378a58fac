import { defaultedString, list, obj, str } from '../_plain';
import { quote } from '../_quote';
import { dnsLabelProblem, dnsSubdomainProblem, integerProblem } from '../formats';
import { PodContext } from '../pod-context';
import { checkDnsConfig } from './dns-config';
import { checkPodSecurityContext } from './pod-security-context';
import { checkSecurityContextRanges } from './security-context';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** Pod-level fields: containers present, restart and DNS policies, namespaces, names. */
export function checkPod(ctx: PodContext): void {
  if (list(ctx.spec.containers).length === 0) {
    ctx.error('containers-required', ctx.at('containers'), 'Required value', 'add at least one app container');
  }
  checkRestartPolicy(ctx);
  checkHostnameOverride(ctx);

  const dnsPolicy = ctx.spec.dnsPolicy;
  if (!defaultedString(dnsPolicy) && !DNS_POLICIES.includes(dnsPolicy as string)) {
    ctx.error('dns-policy', ctx.at('dnsPolicy'),
      `Unsupported value: ${quote(dnsPolicy)}: supported values: ${DNS_POLICIES.map((p) => `"${p}"`).join(', ')}`, 'use ClusterFirst');
  }
  if (dnsPolicy === 'None' && list(obj(ctx.spec.dnsConfig)?.nameservers).length === 0) {
    ctx.error('dns-policy', ctx.at('dnsConfig'),
      'Required value: must provide at least one DNS nameserver when `dnsPolicy` is None', 'add dnsConfig.nameservers');
  }
  if (ctx.spec.shareProcessNamespace === true && ctx.spec.hostPID === true) {
    ctx.error('share-process-namespace', ctx.at('shareProcessNamespace'),
      'Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled', 'keep one of them');
  }
  const deadline = ctx.spec.activeDeadlineSeconds;
  const deadlineProblem = deadline === undefined ? undefined : integerProblem(deadline, 1, 2147483647);
  if (deadlineProblem) {
    ctx.error('active-deadline-seconds', ctx.at('activeDeadlineSeconds'),
      `Invalid value: ${quote(deadline)}: ${Number.isFinite(deadline) ? 'must be between 1 and 2147483647, inclusive' : deadlineProblem}`,
      'use a positive whole number of seconds');
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = str(ctx.spec[field]);
    const problem = value !== undefined ? dnsLabelProblem(value) : undefined;
    if (problem) ctx.error('pod-dns-names', ctx.at(field), `Invalid value: "${value}": ${problem}`, 'use a DNS-1123 label');
  }
  const account = str(ctx.spec.serviceAccountName);
  const accountProblem = account ? dnsSubdomainProblem(account) : undefined;
  if (accountProblem) {
    ctx.error('service-account-name', ctx.at('serviceAccountName'), `Invalid value: "${account}": ${accountProblem}`,
      'use the name of a ServiceAccount');
  }
  checkSecurityContextRanges(ctx, obj(ctx.spec.securityContext), ctx.at('securityContext'));
  checkPodSecurityContext(ctx);
  checkDnsConfig(ctx);
  checkTerminationGracePeriod(ctx);
  const ephemeral = ctx.spec.ephemeralContainers;
  if (Array.isArray(ephemeral) && ephemeral.length > 0) {
    // A pod on create (ValidatePodCreate); any pod template (ValidatePodTemplateSpec: "ephemeral containers not
    // allowed in pod template"; apps validation_test.go TestValidateDeployment "ephemeral containers not allowed").
    ctx.error('ephemeral-containers', ctx.at('ephemeralContainers'),
      ctx.ownerKind === 'Pod' ? 'Forbidden: cannot be set on create' : 'Forbidden: ephemeral containers not allowed in pod template',
      'remove them: ephemeral containers are added to a running pod (kubectl debug, the ephemeralcontainers subresource)');
  }
}

/**
 * The API server (1.27) does not check the pod's grace period, which the API documents as non-negative. A
 * warning, since the API server accepts it.
 */
function checkTerminationGracePeriod(ctx: PodContext): void {
  const grace = ctx.spec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && !Number.isInteger(grace)) {
    ctx.error('integer-value', ctx.at('terminationGracePeriodSeconds'), `Invalid value: ${quote(grace)}: ${integerProblem(grace, 0)}`,
      'use a whole number of seconds, 30 by default');
  } else if (typeof grace === 'number' && grace < 0) {
    ctx.warn('termination-grace-period', ctx.at('terminationGracePeriodSeconds'),
      `Invalid value: ${grace}: must be greater than or equal to 0 (the API documentation requires it; the API server does not check it)`,
      'use 0 to kill at once, or the seconds the containers need to shut down (30 by default)');
  }
}

/** The API server's enum, and what each controller accepts: Jobs never restart a finished pod with Always. */
function checkRestartPolicy(ctx: PodContext): void {
  const policy = defaultedString(ctx.spec.restartPolicy) ? undefined : ctx.spec.restartPolicy;
  const path = ctx.at('restartPolicy');
  if (policy !== undefined && !RESTART_POLICIES.includes(policy as string)) {
    ctx.error('restart-policy', path,
      `Unsupported value: ${quote(policy)}: supported values: "Always", "OnFailure", "Never"`, 'use Always, OnFailure or Never');
    return;
  }
  const effective = policy ?? 'Always';
  if ((ctx.ownerKind === 'Job' || ctx.ownerKind === 'CronJob') && effective === 'Always') {
    ctx.error('restart-policy', path, `Unsupported value: "Always": supported values: "OnFailure", "Never"`,
      'a Job pod must end: use OnFailure or Never');
  }
  const keepsRunning = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'].includes(ctx.ownerKind);
  if (keepsRunning && effective !== 'Always') {
    ctx.error('restart-policy', path, `Unsupported value: ${quote(effective)}: supported values: "Always"`,
      `a ${ctx.ownerKind} keeps its pods running: use Always`);
  }
}

/** hostnameOverride (KEP-4762, HostnameOverride: alpha 1.34, beta 1.35) is checked where it takes effect. */
const HOSTNAME_OVERRIDE_MINOR = 35;

/**
 * KEP-4762's validation: a DNS subdomain of at most 64 characters (the kernel's hostname limit), and not
 * beside setHostnameAsFQDN: true or hostNetwork: true, which it cannot override.
 */
function checkHostnameOverride(ctx: PodContext): void {
  const value = ctx.spec.hostnameOverride;
  if (value === undefined || value === null || ctx.kubernetesMinor < HOSTNAME_OVERRIDE_MINOR) return;
  const path = ctx.at('hostnameOverride');
  const problem = typeof value !== 'string' ? 'must be a string'
    : value.length > 64 ? 'must be no more than 64 characters' : dnsSubdomainProblem(value);
  if (problem) {
    ctx.error('pod-dns-names', path, `Invalid value: ${quote(value)}: ${problem}`,
      'use a host name such as "db-1.example.com" (lower case, at most 64 characters)');
  }
  for (const field of ['setHostnameAsFQDN', 'hostNetwork'] as const) {
    if (ctx.spec[field] === true) {
      ctx.error('pod-dns-names', path, `Forbidden: may not be set when ${field} is true`, `remove hostnameOverride or set ${field}: false`);
    }
  }
}
