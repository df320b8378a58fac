import { obj, Plain, str, text } from '../_plain';
import { quote } from '../_quote';
import { dnsLabelProblem, dnsSubdomainProblem } from '../formats';
import { GATE_ON_BY_DEFAULT_FROM, workNotBefore } from '../gate-defaults';
import { Fail, isEmptySelector, nonNegative, selectorMatches } from './_workload';
import { checkPodFailurePolicy, checkPodReplacementPolicy, checkSuccessPolicy } from './job-policies';
import { checkLabelSelector } from './label-selector';

/**
 * Jobs as pkg/apis/batch/validation validates them on create, after defaulting: validateJobSpec (counts,
 * Indexed limits, managedBy, and the policies of job-policies.ts), the selector and labels the API server
 * generates (validateGeneratedSelector), and ValidateJob's pod hostnames of an Indexed Job. Cases after batch
 * validation_test.go TestValidateJob.
 */
export function checkJob(doc: Plain, spec: Plain, target: number, invalid: Fail, dropped: Fail): void {
  checkJobSpec(spec, 'spec', target, invalid, dropped);
  checkGeneratedSelector(doc, spec, invalid);
  checkIndexedHostnames(doc, spec, invalid);
}

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

/** A JobSpec: a Job's, or a CronJob's job template's (under `at`). */
export function checkJobSpec(spec: Plain, at: string, target: number, invalid: Fail, dropped: Fail): void {
  const off = new Set<string>();
  for (const [field, gate] of JOB_FIELD_GATES) {
    const onFrom = GATE_ON_BY_DEFAULT_FROM.get(gate);
    if (!given(spec, field) || onFrom === undefined || target >= onFrom) continue;
    off.add(field);
    const { message, fix } = workNotBefore(field, gate, onFrom, target);
    dropped(`${at}.${field}`, message, fix);
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
