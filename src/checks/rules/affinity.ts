import { list, obj, Plain, str } from '../_plain';
import { quote } from '../_quote';
import { dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, qualifiedNameProblem } from '../formats';
import { PodContext } from '../pod-context';
import { checkLabelSelector, labelSelectorKeys } from './label-selector';
import { warnNullLabelSelector } from './scheduling';

/**
 * Node and pod (anti-)affinity, as the API server validates it on create (validation.go validateAffinity,
 * ValidateNodeSelectorRequirement, ValidateNodeFieldSelectorRequirement, validatePodAffinityTerm, and
 * metav1 ValidateLabelSelector). Cases after validation_test.go TestValidatePod and TestValidatePodCreate.
 * The label values of required node selector terms are checked from 1.33 (kubernetes#128212).
 */
const REQUIRED_TERM_VALUES_MINOR = 33;

export function checkAffinity(ctx: PodContext): void {
  const affinity = obj(ctx.spec.affinity);
  if (!affinity) return;
  const at = ctx.at('affinity');
  const node = obj(affinity.nodeAffinity);
  if (node) {
    const required = obj(node.requiredDuringSchedulingIgnoredDuringExecution);
    if (required) {
      const path = `${at}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
      const terms = list(required.nodeSelectorTerms);
      if (terms.length === 0) {
        ctx.error('affinity', `${path}.nodeSelectorTerms`, 'Required value: must have at least one node selector term',
          'give a term, or remove requiredDuringSchedulingIgnoredDuringExecution');
      }
      const checkValues = ctx.kubernetesMinor >= REQUIRED_TERM_VALUES_MINOR;
      terms.forEach((term, i) => checkNodeSelectorTerm(ctx, obj(term) ?? {}, `${path}.nodeSelectorTerms[${i}]`, checkValues));
    }
    list(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((value, i) => {
      const preferred = obj(value) ?? {};
      const path = `${at}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(ctx, preferred.weight, `${path}.weight`);
      checkNodeSelectorTerm(ctx, obj(preferred.preference) ?? {}, `${path}.preference`, false);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pod = obj(affinity[kind]);
    if (!pod) continue;
    list(pod.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      checkPodAffinityTerm(ctx, obj(term) ?? {}, `${at}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`);
    });
    list(pod.preferredDuringSchedulingIgnoredDuringExecution).forEach((value, i) => {
      const weighted = obj(value) ?? {};
      const path = `${at}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(ctx, weighted.weight, `${path}.weight`);
      checkPodAffinityTerm(ctx, obj(weighted.podAffinityTerm) ?? {}, `${path}.podAffinityTerm`);
    });
  }
}

function checkWeight(ctx: PodContext, weight: unknown, path: string): void {
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) {
    ctx.error('affinity', path, `Invalid value: ${quote(weight ?? 0)}: must be in the range 1-100`, 'give a weight from 1 to 100');
  }
}

function checkNodeSelectorTerm(ctx: PodContext, term: Plain, path: string, checkValues: boolean): void {
  list(term.matchExpressions).forEach((value, j) => {
    const requirement = obj(value) ?? {};
    const at = `${path}.matchExpressions[${j}]`;
    const values = list(requirement.values);
    switch (requirement.operator) {
      case 'In': case 'NotIn':
        if (values.length === 0) ctx.error('affinity', `${at}.values`, "Required value: must be specified when `operator` is 'In' or 'NotIn'",
          'give values');
        break;
      case 'Exists': case 'DoesNotExist':
        if (values.length > 0) {
          ctx.error('affinity', `${at}.values`, "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'remove values');
        }
        break;
      case 'Gt': case 'Lt':
        if (values.length !== 1) {
          ctx.error('affinity', `${at}.values`, "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'", 'give one value');
        }
        break;
      default:
        ctx.error('affinity', `${at}.operator`, `Invalid value: ${quote(requirement.operator ?? '')}: not a valid selector operator`,
          'use In, NotIn, Exists, DoesNotExist, Gt or Lt');
    }
    const keyProblem = qualifiedNameProblem(requirement.key ?? '');
    if (keyProblem) ctx.error('affinity', `${at}.key`, `Invalid value: ${quote(requirement.key ?? '')}: ${keyProblem}`, 'use a node label key');
    if (checkValues) {
      values.forEach((v, k) => {
        const problem = labelValueProblem(v);
        if (problem) ctx.error('affinity', `${at}.values[${k}]`, `Invalid value: ${quote(v)}: ${problem}`, 'use a valid label value');
      });
    }
  });
  list(term.matchFields).forEach((value, j) => {
    const requirement = obj(value) ?? {};
    const at = `${path}.matchFields[${j}]`;
    const values = list(requirement.values);
    if (requirement.operator === 'In' || requirement.operator === 'NotIn') {
      if (values.length !== 1) {
        ctx.error('affinity', `${at}.values`, "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          'give one node name');
      }
    } else {
      ctx.error('affinity', `${at}.operator`, `Invalid value: ${quote(requirement.operator ?? '')}: not a valid selector operator`,
        'use In or NotIn');
    }
    if (requirement.key !== 'metadata.name') {
      ctx.error('affinity', `${at}.key`, `Invalid value: ${quote(requirement.key ?? '')}: not a valid field selector key`, 'use metadata.name');
    }
    values.forEach((v, k) => {
      const problem = dnsSubdomainProblem(v);
      if (problem) ctx.error('affinity', `${at}.values[${k}]`, `Invalid value: ${quote(v)}: ${problem}`, 'give a node name');
    });
  });
}

function checkPodAffinityTerm(ctx: PodContext, term: Plain, path: string): void {
  warnNullLabelSelector(ctx, term, `${path}.labelSelector`, 'the term selects no pod, so it has no effect');
  for (const field of ['labelSelector', 'namespaceSelector'] as const) {
    const selector = obj(term[field]);
    if (selector) checkLabelSelector(selector, `${path}.${field}`, (p, m, f) => ctx.error('affinity', p, m, f));
  }
  list(term.namespaces).forEach((name) => {
    const problem = dnsLabelProblem(name);
    // The API server reports a bad namespace at .namespace, singular, without an index.
    if (problem) ctx.error('affinity', `${path}.namespace`, `Invalid value: ${quote(name)}: ${problem}`, 'give namespace names');
  });
  const key = str(term.topologyKey) ?? '';
  if (key === '') {
    ctx.error('affinity', `${path}.topologyKey`, 'Required value: can not be empty', 'name a node label, e.g. "kubernetes.io/hostname"');
  } else {
    const problem = qualifiedNameProblem(key);
    if (problem) ctx.error('affinity', `${path}.topologyKey`, `Invalid value: ${quote(key)}: ${problem}`, 'name a node label');
  }
  for (const field of ['matchLabelKeys', 'mismatchLabelKeys'] as const) {
    const keys = list(term[field]);
    if (keys.length === 0) continue;
    if (!obj(term.labelSelector)) {
      ctx.error('affinity', `${path}.${field}`, 'Forbidden: must not be specified when labelSelector is not set',
        `give a labelSelector, or remove ${field}`);
    }
    keys.forEach((k, j) => {
      const problem = qualifiedNameProblem(k);
      if (problem) ctx.error('affinity', `${path}.${field}[${j}]`, `Invalid value: ${quote(k)}: ${problem}`, 'use a label key');
    });
  }
  const mismatch = new Set(list(term.mismatchLabelKeys));
  const selectorKeys = labelSelectorKeys(obj(term.labelSelector));
  const podLabels = obj(obj(ctx.metadata)?.labels) ?? {};
  list(term.matchLabelKeys).forEach((k, j) => {
    if (mismatch.has(k)) {
      ctx.error('affinity', `${path}.matchLabelKeys[${j}]`, `Invalid value: ${quote(k)}: exists in both matchLabelKeys and mismatchLabelKeys`,
        'list the key in one of them');
    }
    // On create the API server merges each matchLabelKeys key the pod has as a label into the selector
    // (`key In [the pod's value]`, MatchLabelKeysInPodAffinity, on by default from 1.31, when the field
    // exists at all), and then refuses a key the selector already had: validateMatchLabelKeysAndMismatchLabelKeys.
    if (typeof k === 'string' && selectorKeys.has(k) && Object.hasOwn(podLabels, k)) {
      ctx.error('affinity', `${path}.matchLabelKeys[${j}]`, `Invalid value: ${quote(k)}: exists in both matchLabelKeys and labelSelector`,
        'remove the key from the labelSelector: matchLabelKeys already selects the pod\'s own value of it');
    }
  });
}
