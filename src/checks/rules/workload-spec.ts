import { defaultedString, obj, Plain, text } from '../_plain';
import { quote } from '../_quote';
import { Finding } from '../finding';
import { dnsLabelProblem, dnsSubdomainProblem, integerProblem } from '../formats';
import { GATE_ON_BY_DEFAULT_FROM } from '../gate-defaults';
import { PodOwnerKind } from '../pod-context';
import { Fail, isEmptySelector, nonNegative, selectorMatches } from './_workload';
import { checkCronJob } from './cron-job-spec';
import { checkJob } from './job-spec';
import { checkLabelSelector } from './label-selector';

/**
 * The workload around the pod, as the API server validates it on create, after defaulting:
 * pkg/apis/apps/validation (ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec,
 * ValidateDaemonSetSpec and their strategies), Jobs (job-spec.ts) and CronJobs (cron-job-spec.ts). The pod
 * template itself is the engine's other rules; here are the selector, the counts and the policies of the
 * object. Rule `workload-spec`.
 */
export function checkWorkloadSpec(kind: PodOwnerKind, doc: Plain, kubernetesMinor: number): Finding[] {
  const findings: Finding[] = [];
  const spec = obj(doc.spec);
  if (!spec) return findings;
  const invalid = (path: string, message: string, fix: string) => findings.push({ rule: 'workload-spec', severity: 'error', path, message, fix });
  const dropped = (path: string, message: string, fix: string) =>
    findings.push({ rule: 'field-needs-newer-kubernetes', severity: 'warning', path, message, fix });
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      checkAppsSelector(kind, spec, invalid);
      nonNegative(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit'], 'spec', invalid);
      checkNoDeadline(kind, spec, invalid);
      if (kind === 'Deployment') checkDeploymentStrategy(spec, invalid);
      if (kind === 'StatefulSet') checkStatefulSet(doc, spec, kubernetesMinor, invalid);
      if (kind === 'DaemonSet') checkDaemonSetStrategy(spec, invalid);
      break;
    case 'ReplicationController':
      checkNoDeadline(kind, spec, invalid);
      break;
    case 'Job':
      checkJob(doc, spec, kubernetesMinor, invalid, dropped);
      break;
    case 'CronJob':
      checkCronJob(doc, spec, kubernetesMinor, invalid, dropped);
      break;
    default:
      break;
  }
  return findings;
}

/** apps/v1: a selector is required (it is not defaulted from the labels), not empty, and selects the template. */
function checkAppsSelector(kind: PodOwnerKind, spec: Plain, invalid: Fail): void {
  const selector = obj(spec.selector);
  const labels = obj(obj(obj(spec.template)?.metadata)?.labels) ?? {};
  const example = Object.entries(labels).slice(0, 1).map(([k, v]) => `{ matchLabels: { ${k}: ${text(v)} } }`)[0];
  if (!selector) {
    invalid('spec.selector', 'Required value',
      `add spec.selector with the template's labels${example ? `, e.g. ${example}` : ''} (apps/v1 does not default it)`);
    return;
  }
  if (isEmptySelector(selector)) {
    invalid('spec.selector', `Invalid value: ${quote(selector)}: empty selector is invalid for ${kind.toLowerCase()}`,
      `select the template's labels${example ? `, e.g. ${example}` : ''}`);
    return;
  }
  checkLabelSelector(selector, 'spec.selector', invalid);
  if (!selectorMatches(selector, labels)) {
    invalid('spec.template.metadata.labels', `Invalid value: ${quote(labels)}: \`selector\` does not match template \`labels\``,
      'give the pod template every label the selector asks for (spec.selector.matchLabels), or select the labels it has');
  }
}

/**
 * A pod that controller keeps running has no deadline: ValidatePodTemplateSpecForReplicaSet (Deployments and
 * ReplicaSets; its message says ReplicaSet), ValidateStatefulSetSpec, ValidateDaemonSetSpec and
 * ValidatePodTemplateSpecForRC refuse activeDeadlineSeconds in the template (apps validation_test.go
 * TestValidateStatefulSet "set active deadline seconds").
 */
function checkNoDeadline(kind: PodOwnerKind, spec: Plain, invalid: Fail): void {
  const deadline = obj(obj(spec.template)?.spec)?.activeDeadlineSeconds;
  if (deadline === undefined || deadline === null) return;
  const named = kind === 'Deployment' ? 'ReplicaSet' : kind;
  invalid('spec.template.spec.activeDeadlineSeconds', `Invalid value: ${text(deadline)}: activeDeadlineSeconds in ${named} is not Supported`,
    `remove activeDeadlineSeconds: a ${kind} restarts its pods rather than letting them end (a Job is the workload with a deadline)`);
}

/** An int or a percentage (`25%`), 0 or more (ValidatePositiveIntOrPercent); `overHundredPercent` caps a percentage. */
function intOrPercent(value: unknown): { readonly value: number; readonly problem?: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const percent = /^(\d+)%$/.exec(value);
    if (!percent) return { value: 0,
      problem: 'a valid percent string must be a numeric string followed by an ending \'%\' '
        + '(e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')' };
    return { value: Number(percent[1]) };
  }
  const problem = integerProblem(value, 0);
  return { value: typeof value === 'number' ? value : 0, problem };
}

const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/** IsNotMoreThan100Percent, for a percentage of a rolling update (an integer count has no such bound). */
function overHundredPercent(value: unknown, path: string, invalid: Fail): void {
  const percent = typeof value === 'string' ? intOrPercent(value) : undefined;
  if (percent && !percent.problem && percent.value > 100) {
    invalid(path, `Invalid value: ${quote(value)}: must not be greater than 100%`, 'use at most "100%"');
  }
}

function checkDeploymentStrategy(spec: Plain, invalid: Fail): void {
  const strategy = obj(spec.strategy);
  // SetDefaults_Deployment: an unset or empty type is RollingUpdate.
  const type = defaultedString(strategy?.type) ? 'RollingUpdate' : strategy?.type;
  if (type === 'Recreate') {
    if (strategy?.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      invalid('spec.strategy.rollingUpdate', "Forbidden: may not be specified when strategy `type` is 'Recreate'",
        'remove rollingUpdate, or use type RollingUpdate');
    }
  } else if (type === 'RollingUpdate') {
    const rolling = obj(strategy?.rollingUpdate);
    // Defaulting fills in 25% for each one left out.
    const unavailable = intOrPercent(rolling?.maxUnavailable ?? '25%')!;
    const surge = intOrPercent(rolling?.maxSurge ?? '25%')!;
    for (const [name, v] of [['maxUnavailable', unavailable], ['maxSurge', surge]] as const) {
      if (v.problem) invalid(`spec.strategy.rollingUpdate.${name}`, `Invalid value: ${text(rolling?.[name])}: ${v.problem}`,
        'use a count such as 1 or a percentage such as "25%"');
    }
    if (!unavailable.problem && !surge.problem && unavailable.value === 0 && surge.value === 0) {
      invalid('spec.strategy.rollingUpdate.maxUnavailable',
        `Invalid value: ${text(rolling?.maxUnavailable ?? 0)}: may not be 0 when \`maxSurge\` is 0`,
        'let at least one of maxUnavailable and maxSurge be more than 0, or the rollout could never make progress');
    }
    if (!unavailable.problem) overHundredPercent(rolling?.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable', invalid);
  } else {
    invalid('spec.strategy', `Unsupported value: ${quote(type)}: supported values: "Recreate", "RollingUpdate"`, 'use RollingUpdate or Recreate');
  }
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  // SetDefaults_Deployment: an unset deadline is 600 seconds, and is compared as if written.
  const deadline = spec.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
  if (typeof deadline === 'number' && Number.isFinite(deadline) && deadline <= minReady) {
    const defaulted = spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null;
    invalid('spec.progressDeadlineSeconds', `Invalid value: ${deadline}${defaulted ? ' (the default)' : ''}: must be greater than minReadySeconds`,
      `set progressDeadlineSeconds above minReadySeconds (${minReady})`);
  }
}

/**
 * A StatefulSet's pods are named `<name>-<ordinal>` and take that as their hostname (the controller's
 * updateIdentity), which must be a DNS label: recent releases refuse the StatefulSet itself
 * (ValidateStatefulSetName, NameIsDNSLabel; TestValidateStatefulSet "name-with-dots", "long name"), older
 * ones (NameIsDNSSubdomain) each pod the controller then creates. `ordinals.start` is 0 or more
 * ("invalid ordinals.start").
 */
function checkStatefulSet(doc: Plain, spec: Plain, kubernetesMinor: number, invalid: Fail): void {
  const name = obj(doc.metadata)?.name;
  // A name that is no DNS subdomain is refused once, as one (object-name).
  const problem = typeof name === 'string' && name !== '' && !dnsSubdomainProblem(name) ? dnsLabelProblem(name) : undefined;
  if (problem) {
    invalid('metadata.name', `Invalid value: ${quote(name)}: ${problem} (the pods' hostnames are "<name>-<ordinal>")`,
      'name the StatefulSet with a DNS label (no dots, at most 63 characters): its pods and their hostnames are "<name>-0", "<name>-1", ...');
  }
  nonNegative(obj(spec.ordinals) ?? {}, ['start'], 'spec.ordinals', invalid);
  checkStatefulSetPolicies(spec, kubernetesMinor, invalid);
}

/**
 * `rollingUpdate.maxUnavailable` works from the minor where MaxUnavailableStatefulSet is on by default
 * (gate-defaults.ts: beta on in 1.35); before, dropStatefulSetDisabledFields clears it before validation and
 * known-fields.ts says it is dropped.
 */
const STATEFUL_SET_MAX_UNAVAILABLE_MINOR = GATE_ON_BY_DEFAULT_FROM.get('MaxUnavailableStatefulSet') ?? 35;

function checkStatefulSetPolicies(spec: Plain, kubernetesMinor: number, invalid: Fail): void {
  // SetDefaults_StatefulSet fills in an unset or empty policy, strategy type and retention policy.
  const policy = spec.podManagementPolicy;
  if (!defaultedString(policy) && policy !== 'OrderedReady' && policy !== 'Parallel') {
    invalid('spec.podManagementPolicy', `Invalid value: ${quote(policy)}: must be 'OrderedReady' or 'Parallel'`, 'use OrderedReady or Parallel');
  }
  const strategy = obj(spec.updateStrategy);
  const type = defaultedString(strategy?.type) ? 'RollingUpdate' : strategy?.type;
  if (type === 'OnDelete') {
    if (strategy?.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      invalid('spec.updateStrategy.rollingUpdate', "Invalid value: only allowed for updateStrategy 'RollingUpdate'",
        'remove rollingUpdate, or use type RollingUpdate');
    }
  } else if (type === 'RollingUpdate') {
    const rolling = obj(strategy?.rollingUpdate);
    nonNegative(rolling ?? {}, ['partition'], 'spec.updateStrategy.rollingUpdate', invalid);
    const unavailable = kubernetesMinor >= STATEFUL_SET_MAX_UNAVAILABLE_MINOR ? intOrPercent(rolling?.maxUnavailable) : undefined;
    if (unavailable?.problem) {
      invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', `Invalid value: ${text(rolling?.maxUnavailable)}: ${unavailable.problem}`,
        'use a count such as 1 or a percentage');
    } else if (unavailable && unavailable.value === 0) {
      invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', `Invalid value: ${text(rolling?.maxUnavailable)}: cannot be 0`,
        'use 1 or more, or leave it out');
    } else if (unavailable) {
      overHundredPercent(rolling?.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable', invalid);
    }
  } else {
    invalid('spec.updateStrategy', `Invalid value: ${quote(type)}: must be 'RollingUpdate' or 'OnDelete'`, 'use RollingUpdate or OnDelete');
  }
  const retention = obj(spec.persistentVolumeClaimRetentionPolicy);
  for (const field of ['whenDeleted', 'whenScaled']) {
    const value = retention?.[field];
    if (!defaultedString(value) && value !== 'Retain' && value !== 'Delete') {
      invalid(`spec.persistentVolumeClaimRetentionPolicy.${field}`, `Unsupported value: ${quote(value)}: supported values: "Retain", "Delete"`,
        'use Retain or Delete');
    }
  }
}

function checkDaemonSetStrategy(spec: Plain, invalid: Fail): void {
  const strategy = obj(spec.updateStrategy);
  // SetDefaults_DaemonSet: an unset or empty type is RollingUpdate.
  const type = defaultedString(strategy?.type) ? 'RollingUpdate' : strategy?.type;
  if (type === 'OnDelete') return;
  if (type !== 'RollingUpdate') {
    invalid('spec.updateStrategy', `Unsupported value: ${quote(type)}: supported values: "RollingUpdate", "OnDelete"`,
      'use RollingUpdate or OnDelete');
    return;
  }
  const rolling = obj(strategy?.rollingUpdate);
  // Defaulting: maxUnavailable 1, maxSurge 0.
  const unavailable = intOrPercent(rolling?.maxUnavailable ?? 1)!;
  const surge = intOrPercent(rolling?.maxSurge ?? 0)!;
  for (const [name, v] of [['maxUnavailable', unavailable], ['maxSurge', surge]] as const) {
    if (v.problem) invalid(`spec.updateStrategy.rollingUpdate.${name}`, `Invalid value: ${text(rolling?.[name])}: ${v.problem}`,
      'use a count or a percentage');
  }
  if (unavailable.problem || surge.problem) return;
  overHundredPercent(rolling?.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable', invalid);
  overHundredPercent(rolling?.maxSurge, 'spec.updateStrategy.rollingUpdate.maxSurge', invalid);
  if (unavailable.value !== 0 && surge.value !== 0) {
    invalid('spec.updateStrategy.rollingUpdate.maxSurge', `Invalid value: ${text(rolling?.maxSurge)}: may not be set when maxUnavailable is non-zero`,
      'set maxUnavailable: 0 to surge, or leave maxSurge out');
  } else if (unavailable.value === 0 && surge.value === 0) {
    invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', 'Required value: cannot be 0 when maxSurge is 0', 'let one of them be more than 0');
  }
}

