import { list, obj, Plain, str, text } from '../_plain';
import { quote } from '../_quote';
import { cronScheduleProblem, cronTimeZoneInSchedule } from '../cron-schedule';
import { Finding } from '../finding';
import { integerProblem } from '../formats';
import { PodOwnerKind } from '../pod-context';

/**
 * The workload around the pod, as the API server validates it on create, after defaulting:
 * pkg/apis/apps/validation (ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec,
 * ValidateDaemonSetSpec and their strategies) and pkg/apis/batch/validation (validateJobSpec, the Job
 * selector that the server generates, ValidateCronJobSpec). The pod template itself is the engine's other
 * rules; here are the selector, the counts and the policies of the object. Rule `workload-spec`.
 */
export function checkWorkloadSpec(kind: PodOwnerKind, doc: Plain): Finding[] {
  const findings: Finding[] = [];
  const spec = obj(doc.spec);
  if (!spec) return findings;
  const invalid = (path: string, message: string, fix: string) => findings.push({ rule: 'workload-spec', severity: 'error', path, message, fix });
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      checkAppsSelector(kind, spec, invalid);
      nonNegative(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit'], 'spec', invalid);
      if (kind === 'Deployment') checkDeploymentStrategy(spec, invalid);
      if (kind === 'StatefulSet') checkStatefulSetPolicies(spec, invalid);
      if (kind === 'DaemonSet') checkDaemonSetStrategy(spec, invalid);
      break;
    case 'Job':
      checkJobSpec(spec, 'spec', invalid);
      checkJobSelector(spec, invalid);
      break;
    case 'CronJob':
      checkCronJobSpec(spec, invalid);
      checkJobSpec(obj(obj(spec.jobTemplate)?.spec) ?? {}, 'spec.jobTemplate.spec', invalid);
      break;
    default:
      break;
  }
  return findings;
}

type Fail = (path: string, message: string, fix: string) => void;

function nonNegative(spec: Plain, fields: string[], at: string, invalid: Fail): void {
  for (const field of fields) {
    const value = spec[field];
    if (value === undefined || value === null) continue;
    const problem = integerProblem(value, 0);
    if (problem) invalid(`${at}.${field}`, `Invalid value: ${text(value)}: ${problem}`, `set ${field} to 0 or more, or leave it out`);
  }
}

/** A label selector as the API server matches it (labels.Selector): matchLabels and matchExpressions. */
export function selectorMatches(selector: Plain, labels: Plain): boolean {
  for (const [key, value] of Object.entries(obj(selector.matchLabels) ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of list(selector.matchExpressions).map(obj)) {
    const key = str(expression?.key) ?? '';
    const values = list(expression?.values);
    const has = Object.hasOwn(labels, key);
    switch (expression?.operator) {
      case 'In': if (!has || !values.includes(labels[key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

function isEmptySelector(selector: Plain): boolean {
  return Object.keys(obj(selector.matchLabels) ?? {}).length + list(selector.matchExpressions).length === 0;
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
  if (!selectorMatches(selector, labels)) {
    invalid('spec.template.metadata.labels', `Invalid value: ${quote(labels)}: \`selector\` does not match template \`labels\``,
      'give the pod template every label the selector asks for (spec.selector.matchLabels), or select the labels it has');
  }
}

/** An int or a percentage (`25%`), 0 or more; a percentage at most 100% where `capped` (ValidatePositiveIntOrPercent). */
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

function checkDeploymentStrategy(spec: Plain, invalid: Fail): void {
  const strategy = obj(spec.strategy);
  const type = strategy?.type ?? 'RollingUpdate';
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
    if (typeof rolling?.maxUnavailable === 'string' && !unavailable.problem && unavailable.value > 100) {
      invalid('spec.strategy.rollingUpdate.maxUnavailable', `Invalid value: ${quote(rolling.maxUnavailable)}: must not be greater than 100%`,
        'use at most "100%"');
    }
  } else {
    invalid('spec.strategy', `Unsupported value: ${quote(type)}: supported values: "Recreate", "RollingUpdate"`, 'use RollingUpdate or Recreate');
  }
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number' && Number.isFinite(deadline) && deadline <= minReady) {
    invalid('spec.progressDeadlineSeconds', `Invalid value: ${deadline}: must be greater than minReadySeconds`,
      `raise progressDeadlineSeconds above minReadySeconds (${minReady})`);
  }
}

function checkStatefulSetPolicies(spec: Plain, invalid: Fail): void {
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== null && policy !== 'OrderedReady' && policy !== 'Parallel') {
    invalid('spec.podManagementPolicy', `Invalid value: ${quote(policy)}: must be 'OrderedReady' or 'Parallel'`, 'use OrderedReady or Parallel');
  }
  const strategy = obj(spec.updateStrategy);
  const type = strategy?.type ?? 'RollingUpdate';
  if (type === 'OnDelete') {
    if (strategy?.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      invalid('spec.updateStrategy.rollingUpdate', "Invalid value: only allowed for updateStrategy 'RollingUpdate'",
        'remove rollingUpdate, or use type RollingUpdate');
    }
  } else if (type === 'RollingUpdate') {
    const rolling = obj(strategy?.rollingUpdate);
    nonNegative(rolling ?? {}, ['partition'], 'spec.updateStrategy.rollingUpdate', invalid);
    const unavailable = intOrPercent(rolling?.maxUnavailable);
    if (unavailable?.problem) {
      invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', `Invalid value: ${text(rolling?.maxUnavailable)}: ${unavailable.problem}`,
        'use a count such as 1 or a percentage');
    } else if (unavailable && unavailable.value === 0) {
      invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', `Invalid value: ${text(rolling?.maxUnavailable)}: cannot be 0`,
        'use 1 or more, or leave it out');
    }
  } else {
    invalid('spec.updateStrategy', `Invalid value: ${quote(type)}: must be 'RollingUpdate' or 'OnDelete'`, 'use RollingUpdate or OnDelete');
  }
  const retention = obj(spec.persistentVolumeClaimRetentionPolicy);
  for (const field of ['whenDeleted', 'whenScaled']) {
    const value = retention?.[field];
    if (value !== undefined && value !== null && value !== 'Retain' && value !== 'Delete') {
      invalid(`spec.persistentVolumeClaimRetentionPolicy.${field}`, `Unsupported value: ${quote(value)}: supported values: "Retain", "Delete"`,
        'use Retain or Delete');
    }
  }
}

function checkDaemonSetStrategy(spec: Plain, invalid: Fail): void {
  const strategy = obj(spec.updateStrategy);
  const type = strategy?.type ?? 'RollingUpdate';
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
  if (unavailable.value !== 0 && surge.value !== 0) {
    invalid('spec.updateStrategy.rollingUpdate.maxSurge', `Invalid value: ${text(rolling?.maxSurge)}: may not be set when maxUnavailable is non-zero`,
      'set maxUnavailable: 0 to surge, or leave maxSurge out');
  } else if (unavailable.value === 0 && surge.value === 0) {
    invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', 'Required value: cannot be 0 when maxSurge is 0', 'let one of them be more than 0');
  }
}

function checkJobSpec(spec: Plain, at: string, invalid: Fail): void {
  nonNegative(spec, ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex',
    'maxFailedIndexes'], at, invalid);
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed') {
    invalid(`${at}.completionMode`, `Unsupported value: ${quote(mode)}: supported values: "NonIndexed", "Indexed"`, 'use NonIndexed or Indexed');
  }
  if (mode === 'Indexed' && (spec.completions === undefined || spec.completions === null)) {
    invalid(`${at}.completions`, 'Required value: when completion mode is Indexed', 'give the number of completions (the indexes run from 0)');
  }
  if (mode !== 'Indexed') {
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (spec[field] !== undefined && spec[field] !== null) {
        invalid(`${at}.${field}`, `Invalid value: ${text(spec[field])}: requires indexed completion mode`,
          'set completionMode: Indexed, or remove it');
      }
    }
  }
  const given = (field: string) => spec[field] !== undefined && spec[field] !== null;
  if (given('maxFailedIndexes') && !given('backoffLimitPerIndex')) {
    invalid(`${at}.backoffLimitPerIndex`, 'Required value: when maxFailedIndexes is specified', 'set backoffLimitPerIndex');
  }
  const podFailurePolicy = obj(spec.podFailurePolicy);
  const restartPolicy = obj(obj(obj(spec.template)?.spec))?.restartPolicy;
  if (podFailurePolicy && restartPolicy === 'OnFailure') {
    invalid(`${at}.template.spec.restartPolicy`, 'Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      'use restartPolicy: Never with a podFailurePolicy');
  }
}

/** Labels the Job controller puts on its pods, which a generated selector may name. */
const GENERATED_JOB_LABELS = new Set(['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name']);

/**
 * A Job's selector is generated by the API server (pkg/registry/batch/job strategy) unless `manualSelector`
 * is true; a selector of one's own is then refused as "not auto-generated". With `manualSelector`, it must
 * be given and select the template, as an apps/v1 selector.
 */
function checkJobSelector(spec: Plain, invalid: Fail): void {
  const selector = obj(spec.selector);
  if (spec.manualSelector === true) {
    const labels = obj(obj(obj(spec.template)?.metadata)?.labels) ?? {};
    if (!selector) invalid('spec.selector', 'Required value', 'give spec.selector with manualSelector: true, or remove manualSelector');
    else if (!selectorMatches(selector, labels)) {
      invalid('spec.template.metadata.labels', `Invalid value: ${quote(labels)}: \`selector\` does not match template \`labels\``,
        'give the pod template every label the selector asks for');
    }
    return;
  }
  if (!selector || isEmptySelector(selector)) return;
  const ownKeys = [...Object.keys(obj(selector.matchLabels) ?? {}), ...list(selector.matchExpressions).map((e) => str(obj(e)?.key) ?? '')];
  if (ownKeys.some((key) => !GENERATED_JOB_LABELS.has(key))) {
    invalid('spec.selector', `Invalid value: ${quote(selector)}: \`selector\` not auto-generated`,
      'remove spec.selector: the API server generates the selector of a Job (or set manualSelector: true to keep your own)');
  }
}

function checkCronJobSpec(spec: Plain, invalid: Fail): void {
  const schedule = spec.schedule;
  if (schedule === undefined || schedule === null || schedule === '') {
    invalid('spec.schedule', 'Required value', 'give a cron schedule, e.g. "0 3 * * *" (03:00 every day)');
  } else if (typeof schedule !== 'string') {
    invalid('spec.schedule', `Invalid value: ${text(schedule)}: must be a string`, 'quote the schedule');
  } else {
    const problem = cronScheduleProblem(schedule);
    if (problem) {
      invalid('spec.schedule', `Invalid value: ${quote(schedule)}: ${problem}`,
        'write five fields (minute hour day-of-month month day-of-week, e.g. "*/15 * * * *") or a descriptor such as @hourly');
    }
    if (cronTimeZoneInSchedule(schedule)) {
      invalid('spec.schedule', `Invalid value: ${quote(schedule)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead`,
        'move the zone to spec.timeZone (e.g. timeZone: "Europe/Berlin") and remove it from the schedule');
    }
  }
  const timeZone = spec.timeZone;
  if (timeZone !== undefined && timeZone !== null) {
    const problem = timeZoneProblem(timeZone);
    if (problem) invalid('spec.timeZone', `Invalid value: ${text(timeZone)}: ${problem}`,
      'use an IANA time zone name such as "Etc/UTC" or "Europe/Berlin"');
  }
  const concurrency = spec.concurrencyPolicy;
  if (concurrency !== undefined && concurrency !== null && !['Allow', 'Forbid', 'Replace'].includes(concurrency as string)) {
    invalid('spec.concurrencyPolicy', `Unsupported value: ${quote(concurrency)}: supported values: "Allow", "Forbid", "Replace"`,
      'use Allow, Forbid or Replace');
  }
  nonNegative(spec, ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'], 'spec', invalid);
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * batch validation `validateTimeZone`: not empty, not "Local", each part of the name in the tz database's
 * alphabet, and a zone the API server's tz database knows (`time.LoadLocation`); Node's ICU database
 * stands in for it.
 */
function timeZoneProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'timeZone must be nil or non-empty string';
  if (value.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  for (const part of value.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return 'unknown time zone ' + value;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return `unknown time zone ${value}`;
  }
  return undefined;
}
