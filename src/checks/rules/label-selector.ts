import { list, obj, Plain } from '../_plain';
import { quote } from '../_quote';
import { labelValueProblem, qualifiedNameProblem } from '../formats';

/** Reports one problem of a selector: where, what, and the fix. */
export type SelectorProblem = (path: string, message: string, fix: string) => void;

/** metav1 ValidateLabelSelector, with strict label values (as on create). */
export function checkLabelSelector(selector: Plain, path: string, invalid: SelectorProblem): void {
  for (const [key, value] of Object.entries(obj(selector.matchLabels) ?? {})) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) invalid(`${path}.matchLabels`, `Invalid value: ${quote(key)}: ${keyProblem}`, 'use a label key');
    const valueProblem = labelValueProblem(value);
    if (valueProblem) invalid(`${path}.matchLabels`, `Invalid value: ${quote(value)}: ${valueProblem}`, 'use a label value');
  }
  list(selector.matchExpressions).forEach((value, j) => {
    const requirement = obj(value) ?? {};
    const at = `${path}.matchExpressions[${j}]`;
    const values = list(requirement.values);
    if (requirement.operator === 'In' || requirement.operator === 'NotIn') {
      if (values.length === 0) invalid(`${at}.values`, 'Required value: must be specified when `operator` is \'In\' or \'NotIn\'',
        'give values');
    } else if (requirement.operator === 'Exists' || requirement.operator === 'DoesNotExist') {
      if (values.length > 0) {
        invalid(`${at}.values`, "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'remove values');
      }
    } else {
      invalid(`${at}.operator`, `Invalid value: ${quote(requirement.operator ?? '')}: not a valid selector operator`,
        'use In, NotIn, Exists or DoesNotExist');
    }
    const keyProblem = qualifiedNameProblem(requirement.key ?? '');
    if (keyProblem) invalid(`${at}.key`, `Invalid value: ${quote(requirement.key ?? '')}: ${keyProblem}`, 'use a label key');
    values.forEach((v, k) => {
      const problem = labelValueProblem(v);
      if (problem) invalid(`${at}.values[${k}]`, `Invalid value: ${quote(v)}: ${problem}`, 'use a label value');
    });
  });
}

/** The keys a label selector constrains, in matchLabels or matchExpressions. */
export function labelSelectorKeys(selector: Plain | undefined): Set<unknown> {
  return new Set([...Object.keys(obj(selector?.matchLabels) ?? {}), ...list(selector?.matchExpressions).map((e) => obj(e)?.key)]);
}
