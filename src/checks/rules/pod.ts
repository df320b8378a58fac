import { dnsLabelProblem, dnsSubdomainProblem } from '../formats';
import { PodContext } from '../pod-context';
import { list, obj, str } from '../_plain';
import { checkSecurityContextRanges } from './security-context';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** Pod-level fields: containers present, restart and DNS policies, namespaces, names. */
export function checkPod(ctx: PodContext): void {
  if (list(ctx.spec.containers).length === 0) {
    ctx.error('containers-required', ctx.at('containers'), 'Required value', 'add at least one app container');
  }
  checkRestartPolicy(ctx);

  const dnsPolicy = ctx.spec.dnsPolicy;
  if (dnsPolicy !== undefined && !DNS_POLICIES.includes(dnsPolicy as string)) {
    ctx.error('dns-policy', ctx.at('dnsPolicy'), `Unsupported value: ${JSON.stringify(dnsPolicy)}: supported values: ${DNS_POLICIES.map((p) => `"${p}"`).join(', ')}`, 'use ClusterFirst');
  }
  if (dnsPolicy === 'None' && list(obj(ctx.spec.dnsConfig)?.nameservers).length === 0) {
    ctx.error('dns-policy', ctx.at('dnsConfig'), 'Required value: must provide at least one DNS nameserver when `dnsPolicy` is None', 'add dnsConfig.nameservers');
  }
  if (ctx.spec.shareProcessNamespace === true && ctx.spec.hostPID === true) {
    ctx.error('share-process-namespace', ctx.at('shareProcessNamespace'), 'Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled', 'keep one of them');
  }
  const deadline = ctx.spec.activeDeadlineSeconds;
  if (deadline !== undefined && (typeof deadline !== 'number' || deadline < 1 || deadline > 2147483647)) {
    ctx.error('active-deadline-seconds', ctx.at('activeDeadlineSeconds'), `Invalid value: ${JSON.stringify(deadline)}: must be between 1 and 2147483647, inclusive`, 'use a positive number of seconds');
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = str(ctx.spec[field]);
    const problem = value !== undefined ? dnsLabelProblem(value) : undefined;
    if (problem) ctx.error('pod-dns-names', ctx.at(field), `Invalid value: "${value}": ${problem}`, 'use a DNS-1123 label');
  }
  const account = str(ctx.spec.serviceAccountName);
  const accountProblem = account ? dnsSubdomainProblem(account) : undefined;
  if (accountProblem) ctx.error('service-account-name', ctx.at('serviceAccountName'), `Invalid value: "${account}": ${accountProblem}`, 'use the name of a ServiceAccount');
  checkSecurityContextRanges(ctx, obj(ctx.spec.securityContext), ctx.at('securityContext'));
}

/** The API server's enum, and what each controller accepts: Jobs never restart a finished pod with Always. */
function checkRestartPolicy(ctx: PodContext): void {
  const policy = ctx.spec.restartPolicy;
  const path = ctx.at('restartPolicy');
  if (policy !== undefined && !RESTART_POLICIES.includes(policy as string)) {
    ctx.error('restart-policy', path, `Unsupported value: ${JSON.stringify(policy)}: supported values: "Always", "OnFailure", "Never"`, 'use Always, OnFailure or Never');
    return;
  }
  const effective = policy ?? 'Always';
  if ((ctx.ownerKind === 'Job' || ctx.ownerKind === 'CronJob') && effective === 'Always') {
    ctx.error('restart-policy', path, `Unsupported value: "Always": supported values: "OnFailure", "Never"`, 'a Job pod must end: use OnFailure or Never');
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'].includes(ctx.ownerKind) && effective !== 'Always') {
    ctx.error('restart-policy', path, `Unsupported value: ${JSON.stringify(effective)}: supported values: "Always"`, `a ${ctx.ownerKind} keeps its pods running: use Always`);
  }
}
