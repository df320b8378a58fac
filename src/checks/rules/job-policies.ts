import { defaultedString, list, obj, Plain, text } from '../_plain';
import { quote } from '../_quote';
import { integerProblem, qualifiedNameProblem } from '../formats';
import { Fail } from './_workload';

/*
 * A Job's policies as pkg/apis/batch/validation checks them: validatePodFailurePolicy and its rules,
 * validateSuccessPolicy with the index lists of validateIndexesFormat, validatePodReplacementPolicy (batch
 * validation_test.go TestValidateJob, TestValidateIndexesString).
 */

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const MAX_POLICY_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;

/** validatePodFailurePolicy and its rules. */
export function checkPodFailurePolicy(spec: Plain, policy: Plain, at: string, perIndex: boolean, invalid: Fail): void {
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
export function checkSuccessPolicy(spec: Plain, policy: Plain, at: string, invalid: Fail): void {
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

export function checkPodReplacementPolicy(value: unknown, withFailurePolicy: boolean, at: string, invalid: Fail): void {
  if (withFailurePolicy) {
    if (value !== 'Failed') {
      invalid(at, `Unsupported value: ${quote(value)}: supported values: "Failed"`,
        'use Failed (a Job with a podFailurePolicy replaces a pod only once it has failed), or remove podReplacementPolicy');
    }
  } else if (value !== 'Failed' && value !== 'TerminatingOrFailed') {
    invalid(at, `Unsupported value: ${quote(value)}: supported values: "Failed", "TerminatingOrFailed"`, 'use Failed or TerminatingOrFailed');
  }
}
