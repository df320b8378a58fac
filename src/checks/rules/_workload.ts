import { list, obj, Plain, str, text } from '../_plain';
import { integerProblem } from '../formats';

/** Reports one problem of a workload's own fields: where, what, and the fix (rule `workload-spec`). */
export type Fail = (path: string, message: string, fix: string) => void;

/** Each field given is an integer of 0 or more (ValidateNonnegativeField). */
export function nonNegative(spec: Plain, fields: string[], at: string, invalid: Fail): void {
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

/** A selector with neither matchLabels nor matchExpressions: it selects everything. */
export function isEmptySelector(selector: Plain): boolean {
  return Object.keys(obj(selector.matchLabels) ?? {}).length + list(selector.matchExpressions).length === 0;
}
