import { defaultedString, list, obj, Plain, str, text } from '../_plain';
import { quote } from '../_quote';
import { API_TYPES } from '../api-fields.generated';
import { cronScheduleProblem, cronTimeZoneInSchedule } from '../cron-schedule';
import { dnsLabelProblem, dnsSubdomainProblem, integerProblem, qualifiedNameProblem } from '../formats';
import { GATE_ON_BY_DEFAULT_FROM } from '../gate-defaults';
import { Fail, isEmptySelector, nonNegative, selectorMatches } from './_workload';
import { checkLabelSelector } from './label-selector';

/**
 * Jobs and CronJobs as pkg/apis/batch/validation validates them on create, after defaulting: validateJobSpec
 * (counts, Indexed limits, managedBy, podFailurePolicy, successPolicy, podReplacementPolicy), the selector
 * and labels the API server generates (validateGeneratedSelector), ValidateJob's pod hostnames of an Indexed
 * Job, and ValidateCronJobCreate (schedule, timeZone, concurrencyPolicy, the job template, a name of at most
 * 52 characters). Cases after batch validation_test.go TestValidateJob, TestValidateCronJob, TestTimeZones.
 */
export function checkJob(doc: Plain, spec: Plain, target: number, invalid: Fail, dropped: Fail): void {
  checkJobSpec(spec, 'spec', target, invalid, dropped);
  checkGeneratedSelector(doc, spec, invalid);
  checkIndexedHostnames(doc, spec, invalid);
}

export function checkCronJob(doc: Plain, spec: Plain, target: number, invalid: Fail, dropped: Fail): void {
  const name = obj(doc.metadata)?.name;
  if (typeof name === 'string' && name.length > CRON_JOB_NAME_MAX_LENGTH) {
    invalid('metadata.name', `Invalid value: ${quote(name)}: must be no more than ${CRON_JOB_NAME_MAX_LENGTH} characters`,
      `shorten the name to ${CRON_JOB_NAME_MAX_LENGTH} characters: the CronJob controller names each Job "<name>-<11 digits>", `
        + 'and a Job name is at most 63');
  }
  checkCronJobSpec(spec, invalid);
  const template = obj(obj(spec.jobTemplate)?.spec) ?? {};
  checkJobSpec(template, 'spec.jobTemplate.spec', target, invalid, dropped);
  // ValidateJobTemplateSpec: the Jobs a CronJob makes always get a generated selector.
  if (template.selector !== undefined && template.selector !== null) {
    invalid('spec.jobTemplate.spec.selector', `Invalid value: ${quote(template.selector)}: \`selector\` will be auto-generated`,
      'remove the selector: each Job the CronJob creates gets its own');
  }
  if (template.manualSelector === true) {
    invalid('spec.jobTemplate.spec.manualSelector', 'Unsupported value: true: supported values: "nil", "false"', 'remove manualSelector');
  }
}

/** ValidateCronJobCreate: a Job name (63 characters at most) less the controller's 11-character suffix. */
const CRON_JOB_NAME_MAX_LENGTH = 52;

/** Limits of validateJobSpec (batch validation.go constants). */
const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_MANAGED_BY_LENGTH = 63;

/**
 * Job fields behind a gate that was off by default when they appeared: below the minor where it is on
 * (gate-defaults.ts), the API server drops the field, so it does nothing and is not validated.
 */
const JOB_FIELD_GATES: ReadonlyArray<readonly [field: string, gate: string]> = [
  ['backoffLimitPerIndex', 'JobBackoffLimitPerIndex'], ['maxFailedIndexes', 'JobBackoffLimitPerIndex'],
  ['podReplacementPolicy', 'JobPodReplacementPolicy'], ['managedBy', 'JobManagedBy'], ['successPolicy', 'JobSuccessPolicy'],
];

function given(spec: Plain, field: string): boolean {
  return spec[field] !== undefined && spec[field] !== null;
}

function checkJobSpec(spec: Plain, at: string, target: number, invalid: Fail, dropped: Fail): void {
  const off = new Set<string>();
  for (const [field, gate] of JOB_FIELD_GATES) {
    const onFrom = GATE_ON_BY_DEFAULT_FROM.get(gate);
    if (!given(spec, field) || onFrom === undefined || target >= onFrom) continue;
    off.add(field);
    // Before the field existed it is an unknown field (known-fields.ts), reported once, as that.
    if (target < (API_TYPES.JobSpec[field]?.[1] ?? 0)) continue;
    dropped(`${at}.${field}`, `${field} works from Kubernetes 1.${onFrom} (feature gate ${gate} on by default); on the 1.${target} target `
      + 'the API server drops it or refuses it as an unknown field, so it does nothing',
    `raise the target to 1.${onFrom} or later if the cluster runs it, or remove the field`);
  }
  const seen = (field: string) => given(spec, field) && !off.has(field);
  nonNegative(spec, ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'], at, invalid);
  nonNegative(spec, ['backoffLimitPerIndex', 'maxFailedIndexes'].filter(seen), at, invalid);
  const mode = spec.completionMode;
  // A pointer: "" is not defaulted, and is refused.
  if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed') {
    invalid(`${at}.completionMode`, `Unsupported value: ${quote(mode)}: supported values: "NonIndexed", "Indexed"`, 'use NonIndexed or Indexed');
  }
  if (mode === 'Indexed') {
    checkIndexedLimits(spec, at, seen, invalid);
  } else {
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes'].filter(seen)) {
      invalid(`${at}.${field}`, `Invalid value: ${text(spec[field])}: requires indexed completion mode`, 'set completionMode: Indexed, or remove it');
    }
  }
  if (seen('maxFailedIndexes') && !seen('backoffLimitPerIndex')) {
    invalid(`${at}.backoffLimitPerIndex`, 'Required value: when maxFailedIndexes is specified', 'set backoffLimitPerIndex');
  }
  if (seen('managedBy')) checkManagedBy(spec.managedBy, `${at}.managedBy`, invalid);
  const podFailurePolicy = obj(spec.podFailurePolicy);
  if (podFailurePolicy) checkPodFailurePolicy(spec, podFailurePolicy, `${at}.podFailurePolicy`, seen('backoffLimitPerIndex'), invalid);
  const successPolicy = obj(spec.successPolicy);
  if (successPolicy && seen('successPolicy')) {
    if (mode !== 'Indexed') {
      invalid(`${at}.successPolicy`, `Invalid value: ${quote(successPolicy)}: requires indexed completion mode`,
        'set completionMode: Indexed (a success policy names indexes), or remove successPolicy');
    } else {
      checkSuccessPolicy(spec, successPolicy, `${at}.successPolicy`, invalid);
    }
  }
  if (seen('podReplacementPolicy')) {
    checkPodReplacementPolicy(spec.podReplacementPolicy, podFailurePolicy !== undefined, `${at}.podReplacementPolicy`, invalid);
  }
  const restartPolicy = obj(obj(spec.template)?.spec)?.restartPolicy;
  if (podFailurePolicy && restartPolicy === 'OnFailure') {
    invalid(`${at}.template.spec.restartPolicy`, 'Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      'use restartPolicy: Never with a podFailurePolicy');
  }
}

function checkIndexedLimits(spec: Plain, at: string, seen: (field: string) => boolean, invalid: Fail): void {
  if (!given(spec, 'completions')) {
    invalid(`${at}.completions`, 'Required value: when completion mode is Indexed', 'give the number of completions (the indexes run from 0)');
  }
  const count = (field: string) => (seen(field) && typeof spec[field] === 'number' ? spec[field] as number : undefined);
  const completions = count('completions');
  const parallelism = count('parallelism');
  const maxFailed = count('maxFailedIndexes');
  if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
    invalid(`${at}.parallelism`,
      `Invalid value: ${parallelism}: must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`,
      `run at most ${MAX_PARALLELISM_INDEXED} indexes at once`);
  }
  if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
    invalid(`${at}.maxFailedIndexes`, `Invalid value: ${maxFailed}: must be less than or equal to completions`, `use at most ${completions}`);
  }
  if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
    invalid(`${at}.maxFailedIndexes`, `Invalid value: ${maxFailed}: must be less than or equal to ${MAX_FAILED_INDEXES}`,
      `use at most ${MAX_FAILED_INDEXES}`);
  }
  if (completions === undefined || completions <= COMPLETIONS_SOFT_LIMIT || !seen('backoffLimitPerIndex')) return;
  const high = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
  if (maxFailed === undefined) {
    invalid(`${at}.maxFailedIndexes`, `Required value: must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`,
      `set maxFailedIndexes (at most ${LIMIT_FOR_HIGH_COMPLETIONS})`);
  } else if (maxFailed > LIMIT_FOR_HIGH_COMPLETIONS) {
    invalid(`${at}.maxFailedIndexes`, `Invalid value: ${maxFailed}: must be less than or equal to ${LIMIT_FOR_HIGH_COMPLETIONS} ${high}`,
      `use at most ${LIMIT_FOR_HIGH_COMPLETIONS}`);
  }
  if (parallelism !== undefined && parallelism > LIMIT_FOR_HIGH_COMPLETIONS) {
    invalid(`${at}.parallelism`, `Invalid value: ${parallelism}: must be less than or equal to ${LIMIT_FOR_HIGH_COMPLETIONS} ${high}`,
      `run at most ${LIMIT_FOR_HIGH_COMPLETIONS} indexes at once`);
  }
}

const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** IsDomainPrefixedPath ("acme.io/foo"), at most 63 characters. */
function checkManagedBy(value: unknown, path: string, invalid: Fail): void {
  const fix = 'name the controller that manages the Job as "<domain>/<name>" (e.g. "kueue.x-k8s.io/multikueue"), '
    + 'or leave managedBy out for the built-in Job controller';
  if (typeof value !== 'string' || value === '') {
    invalid(path, value === '' ? 'Required value' : `Invalid value: ${quote(value)}: must be a string`, fix);
    return;
  }
  const slash = value.indexOf('/');
  const host = slash > 0 ? value.slice(0, slash) : '';
  const rest = slash > 0 ? value.slice(slash + 1) : '';
  if (host === '' || rest === '') {
    invalid(path, `Invalid value: ${quote(value)}: must be a domain-prefixed path (such as "acme.io/foo")`, fix);
  } else {
    const hostProblem = dnsSubdomainProblem(host);
    if (hostProblem) invalid(path, `Invalid value: ${quote(host)}: ${hostProblem}`, fix);
    else if (!HTTP_PATH.test(rest)) invalid(path, `Invalid value: ${quote(rest)}: Invalid path`, fix);
  }
  if (value.length > MAX_MANAGED_BY_LENGTH) {
    invalid(path, `Too long: may not be more than ${MAX_MANAGED_BY_LENGTH} bytes`, fix);
  }
}

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const MAX_POLICY_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;

/** validatePodFailurePolicy and its rules. */
function checkPodFailurePolicy(spec: Plain, policy: Plain, at: string, perIndex: boolean, invalid: Fail): void {
  const rules = list(policy.rules);
  if (rules.length > MAX_POLICY_RULES) {
    invalid(`${at}.rules`, `Too many: ${rules.length}: must have at most ${MAX_POLICY_RULES} items`, `keep at most ${MAX_POLICY_RULES} rules`);
  }
  const podSpec = obj(obj(spec.template)?.spec);
  const names = new Set([...list(podSpec?.containers), ...list(podSpec?.initContainers)].map((c) => obj(c)?.name));
  rules.forEach((value, i) => {
    const item = obj(value);
    if (!item) return;
    const path = `${at}.rules[${i}]`;
    const action = item.action;
    if (defaultedString(action)) {
      invalid(`${path}.action`, `Required value: valid values: ${ACTIONS.map((a) => `"${a}"`).join(', ')}`,
        'say what a match does: FailJob, Ignore, Count or FailIndex');
    } else if (action === 'FailIndex' && !perIndex) {
      invalid(`${path}.action`, 'Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
        'set backoffLimitPerIndex, or use another action');
    } else if (!ACTIONS.includes(action as string)) {
      invalid(`${path}.action`, `Unsupported value: ${quote(action)}: supported values: ${ACTIONS.map((a) => `"${a}"`).join(', ')}`,
        'use FailJob, Ignore, Count or FailIndex');
    }
    const exitCodes = obj(item.onExitCodes);
    const conditions = list(item.onPodConditions);
    if (exitCodes) checkOnExitCodes(exitCodes, `${path}.onExitCodes`, names, invalid);
    if (conditions.length > 0) checkOnPodConditions(conditions, `${path}.onPodConditions`, invalid);
    if (exitCodes && conditions.length > 0) {
      invalid(path, 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported', 'split it into two rules');
    } else if (!exitCodes && conditions.length === 0) {
      invalid(path, 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
        'say what the rule matches: onExitCodes (a container\'s exit codes) or onPodConditions (e.g. DisruptionTarget)');
    }
  });
}

function checkOnExitCodes(requirement: Plain, at: string, names: ReadonlySet<unknown>, invalid: Fail): void {
  const operator = requirement.operator;
  if (defaultedString(operator)) {
    invalid(`${at}.operator`, 'Required value: valid values: "In", "NotIn"', 'use In or NotIn');
  } else if (operator !== 'In' && operator !== 'NotIn') {
    invalid(`${at}.operator`, `Unsupported value: ${quote(operator)}: supported values: "In", "NotIn"`, 'use In or NotIn');
  }
  const container = requirement.containerName;
  if (container !== undefined && container !== null && !names.has(container)) {
    invalid(`${at}.containerName`, `Invalid value: ${quote(container)}: must be one of the container or initContainer names in the pod template`,
      'name a container of the template, or leave containerName out to match any');
  }
  const values = list(requirement.values);
  if (values.length === 0) {
    invalid(`${at}.values`, 'Invalid value: []: at least one value is required', 'list the exit codes, e.g. [42]');
  } else if (values.length > MAX_EXIT_CODES) {
    invalid(`${at}.values`, `Too many: ${values.length}: must have at most ${MAX_EXIT_CODES} items`, `list at most ${MAX_EXIT_CODES} exit codes`);
  }
  const unique = new Set<unknown>();
  let ordered = true;
  values.forEach((code, j) => {
    if (operator === 'In' && code === 0) {
      invalid(`${at}.values[${j}]`, 'Invalid value: 0: must not be 0 for the In operator', 'remove 0: a container that exits 0 succeeded');
    }
    if (unique.has(code)) invalid(`${at}.values[${j}]`, `Duplicate value: ${quote(code)}`, 'list each exit code once');
    unique.add(code);
    const previous = values[j - 1];
    if (j > 0 && typeof previous === 'number' && typeof code === 'number' && previous > code) ordered = false;
  });
  if (!ordered) invalid(`${at}.values`, `Invalid value: ${quote(values)}: must be ordered`, 'list the exit codes in increasing order');
}

const CONDITION_STATUSES = ['False', 'True', 'Unknown'];

function checkOnPodConditions(patterns: unknown[], at: string, invalid: Fail): void {
  if (patterns.length > MAX_CONDITION_PATTERNS) {
    invalid(at, `Too many: ${patterns.length}: must have at most ${MAX_CONDITION_PATTERNS} items`, `keep at most ${MAX_CONDITION_PATTERNS} patterns`);
  }
  patterns.forEach((value, j) => {
    const pattern = obj(value);
    if (!pattern) return;
    const type = pattern.type;
    const typeProblem = typeof type === 'string' && type !== '' ? qualifiedNameProblem(type) : 'Required value';
    if (typeProblem) {
      invalid(`${at}[${j}].type`, defaultedString(type) ? 'Required value' : `Invalid value: ${quote(type)}: ${typeProblem}`,
        'name a pod condition type, e.g. DisruptionTarget');
    }
    // SetDefaults_PodFailurePolicyOnPodConditionsPattern: an unset or empty status is True.
    const status = pattern.status;
    if (!defaultedString(status) && !CONDITION_STATUSES.includes(status as string)) {
      invalid(`${at}[${j}].status`, `Unsupported value: ${quote(status)}: supported values: "False", "True", "Unknown"`,
        'use True, False or Unknown');
    }
  });
}

const MAX_SUCCESS_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

/** validateSuccessPolicy and validateSuccessPolicyRule (an Indexed Job). */
function checkSuccessPolicy(spec: Plain, policy: Plain, at: string, invalid: Fail): void {
  const rules = list(policy.rules);
  if (rules.length === 0) {
    invalid(`${at}.rules`, 'Required value: at least one rules must be specified when the successPolicy is specified',
      'add a rule with succeededIndexes and/or succeededCount');
  } else if (rules.length > MAX_SUCCESS_RULES) {
    invalid(`${at}.rules`, `Too many: ${rules.length}: must have at most ${MAX_SUCCESS_RULES} items`, `keep at most ${MAX_SUCCESS_RULES} rules`);
  }
  const completions = typeof spec.completions === 'number' ? spec.completions : undefined;
  rules.forEach((value, i) => {
    const item = obj(value);
    if (!item) return;
    const path = `${at}.rules[${i}]`;
    const indexes = item.succeededIndexes;
    const count = item.succeededCount;
    if ((indexes === undefined || indexes === null) && (count === undefined || count === null)) {
      invalid(path, 'Required value: at least one of succeededCount or succeededIndexes must be specified',
        'say which indexes must succeed (succeededIndexes: "0-2,5") and/or how many (succeededCount)');
    }
    let total: number | undefined;
    if (typeof indexes === 'string') {
      if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) {
        invalid(`${path}.succeededIndexes`, `Too long: may not be more than ${MAX_SUCCEEDED_INDEXES_LENGTH} bytes`, 'name fewer intervals');
      } else if (completions !== undefined) {
        const parsed = parseIndexes(indexes, completions);
        if (typeof parsed === 'string') {
          invalid(`${path}.succeededIndexes`, `Invalid value: ${quote(indexes)}: error parsing succeededIndexes: ${parsed}`,
            `write increasing indexes and intervals below completions (${completions}), separated by commas, e.g. "0,2-4"`);
        } else {
          total = parsed;
        }
      }
    }
    if (count === undefined || count === null) return;
    const problem = integerProblem(count, 0);
    if (problem) {
      invalid(`${path}.succeededCount`, `Invalid value: ${text(count)}: ${problem}`, 'use 0 or more');
      return;
    }
    if (completions !== undefined && (count as number) > completions) {
      invalid(`${path}.succeededCount`, `Invalid value: ${count}: must be less than or equal to ${completions} (the number of specified completions)`,
        `use at most ${completions}`);
    }
    if (total !== undefined && (count as number) > total) {
      invalid(`${path}.succeededCount`,
        `Invalid value: ${count}: must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`,
        `use at most ${total}, or name more indexes`);
    }
  });
}

/** strconv.Atoi: an optional sign and decimal digits. */
const ATOI = /^[+-]?\d+$/;

/** validateIndexesFormat and parseIndexInterval: the number of indexes, or the parser's complaint. */
export function parseIndexes(value: string, completions: number): number | string {
  if (value === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of value.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) {
      return `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`;
    }
    const bounds: number[] = [];
    for (const limit of limits) {
      if (!ATOI.test(limit)) return `cannot convert string to integer for index: ${JSON.stringify(limit)}`;
      const index = Number(limit);
      if (index >= completions) return `too large index: ${JSON.stringify(limit)}`;
      bounds.push(index);
    }
    const [x, y = x] = bounds;
    if (bounds.length === 2 && x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
    if (last !== undefined && last >= x) return `non-increasing order, previous: ${last}, current: ${x}`;
    total += y - x + 1;
    last = y;
  }
  return total;
}

function checkPodReplacementPolicy(value: unknown, withFailurePolicy: boolean, at: string, invalid: Fail): void {
  if (withFailurePolicy) {
    if (value !== 'Failed') {
      invalid(at, `Unsupported value: ${quote(value)}: supported values: "Failed"`,
        'use Failed (a Job with a podFailurePolicy replaces a pod only once it has failed), or remove podReplacementPolicy');
    }
  } else if (value !== 'Failed' && value !== 'TerminatingOrFailed') {
    invalid(at, `Unsupported value: ${quote(value)}: supported values: "Failed", "TerminatingOrFailed"`, 'use Failed or TerminatingOrFailed');
  }
}

/** Labels the Job controller puts on its pods and selects them by: the job's uid and its name. */
const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
/** Stands for the uid the API server gives the Job, which no manifest can know. */
const UNKNOWN_UID = '\u0000uid of the Job';

/**
 * The API server generates a Job's selector and the template labels it selects (the job strategy's
 * generateSelector) unless `manualSelector` is true; it keeps a label or selector term given in the manifest,
 * then validateGeneratedSelector requires the template labels to be the Job's uid and name and the selector to
 * select them (TestValidateJob "labels[controller-uid]"). With `manualSelector`, the selector must be given,
 * valid and select the template (ValidateJobSpec).
 */
function checkGeneratedSelector(doc: Plain, spec: Plain, invalid: Fail): void {
  const selector = obj(spec.selector);
  const labels = obj(obj(obj(spec.template)?.metadata)?.labels) ?? {};
  if (spec.manualSelector === true) {
    if (!selector) {
      invalid('spec.selector', 'Required value', 'give spec.selector with manualSelector: true, or remove manualSelector');
      return;
    }
    checkLabelSelector(selector, 'spec.selector', invalid);
    if (!selectorMatches(selector, labels)) {
      invalid('spec.template.metadata.labels', `Invalid value: ${quote(labels)}: \`selector\` does not match template \`labels\``,
        'give the pod template every label the selector asks for');
    }
    return;
  }
  const name = str(obj(doc.metadata)?.name);
  for (const label of UID_LABELS) {
    if (Object.hasOwn(labels, label)) {
      invalid(`spec.template.metadata.labels[${label}]`, `Invalid value: ${quote(labels[label])}: must be the Job's uid, which the API server sets`,
        `remove the ${label} label: the API server adds it with the Job's uid`);
    }
  }
  for (const label of NAME_LABELS) {
    if (name !== undefined && Object.hasOwn(labels, label) && labels[label] !== name) {
      invalid(`spec.template.metadata.labels[${label}]`, `Invalid value: ${quote(labels[label])}: must be '${name}'`,
        `remove the ${label} label (the API server adds it), or set it to the Job's name`);
    }
  }
  if (!selector || isEmptySelector(selector)) return;
  const expected: Plain = {};
  for (const label of UID_LABELS) expected[label] = UNKNOWN_UID;
  // A Job named by generateName has a name no manifest knows: its name terms are given the benefit of the doubt.
  for (const label of NAME_LABELS) expected[label] = name ?? obj(selector.matchLabels)?.[label] ?? '';
  if (!selectorMatches(selector, expected)) {
    invalid('spec.selector', `Invalid value: ${quote(selector)}: \`selector\` not auto-generated`,
      'remove spec.selector: the API server generates the selector of a Job (or set manualSelector: true to keep your own)');
  }
}

/** ValidateJob: the pods of an Indexed Job are named and hostnamed "<name>-<index>", a DNS label. */
function checkIndexedHostnames(doc: Plain, spec: Plain, invalid: Fail): void {
  const name = str(obj(doc.metadata)?.name);
  const completions = spec.completions;
  if (spec.completionMode !== 'Indexed' || name === undefined || typeof completions !== 'number' || !Number.isInteger(completions)
    || completions <= 0) return;
  const hostname = `${name}-${completions - 1}`;
  if (dnsLabelProblem(hostname)) {
    invalid('metadata.name', `Invalid value: ${quote(name)}: will not able to create pod with invalid DNS label: ${quote(hostname)}`,
      `name the Job so that "<name>-${completions - 1}" is a DNS label: no dots, at most 63 characters in all`);
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
  // SetDefaults_CronJob: an unset or empty policy is Allow.
  if (!defaultedString(concurrency) && !['Allow', 'Forbid', 'Replace'].includes(concurrency as string)) {
    invalid('spec.concurrencyPolicy', `Unsupported value: ${quote(concurrency)}: supported values: "Allow", "Forbid", "Replace"`,
      'use Allow, Forbid or Replace');
  }
  nonNegative(spec, ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'], 'spec', invalid);
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * Zones of the tz database that Go's time.LoadLocation loads and ICU does not: batch validation_test.go
 * TestTimeZones lists "Factory" among the valid zones.
 */
const GO_ONLY_ZONES: ReadonlySet<string> = new Set(['Factory']);

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
  if (GO_ONLY_ZONES.has(value)) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return `unknown time zone ${value}`;
  }
  return undefined;
}
