import { list, obj, Plain, str } from '../_plain';
import { quote } from '../_quote';
import { dnsSubdomainProblem, labelValueProblem, qualifiedNameProblem } from '../formats';
import { PodContext } from '../pod-context';
import { isIpAddress } from './dns-config';
import { checkLabelSelector, labelSelectorKeys } from './label-selector';

/**
 * Where and when a pod may be scheduled, as the API server validates it on create
 * (pkg/apis/core/validation/validation.go: ValidateTolerations, validateTopologySpreadConstraints,
 * ValidateHostAliases, validateReadinessGates, validateSchedulingGates, ValidateNodeName and the other
 * name validators). Unchanged from 1.27 to 1.35 for what a create can reach; Lt/Gt tolerations are an
 * alpha gate (TaintTolerationComparisonOperators, off by default) and stay refused.
 */
export function checkScheduling(ctx: PodContext): void {
  checkTolerations(ctx);
  checkTopologySpread(ctx);
  checkHostAliases(ctx);
  checkGates(ctx);
  checkNames(ctx);
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];

function checkTolerations(ctx: PodContext): void {
  list(ctx.spec.tolerations).forEach((value, i) => {
    const t = obj(value);
    if (!t) return;
    const at = ctx.at(`tolerations[${i}]`);
    const key = str(t.key) ?? '';
    const operator = t.operator ?? '';
    const keyProblem = key === '' ? undefined : qualifiedNameProblem(key);
    if (keyProblem) ctx.error('tolerations', `${at}.key`, `Invalid value: ${quote(key)}: ${keyProblem}`,
      'use a taint key such as "example.com/dedicated"');
    if (key === '' && operator !== 'Exists') {
      ctx.error('tolerations', `${at}.operator`,
        `Invalid value: ${quote(operator)}: operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
        'set operator: Exists, or give the key');
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      ctx.error('tolerations', `${at}.effect`,
        `Invalid value: ${quote(t.effect ?? '')}: effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
        'set effect: NoExecute, or remove tolerationSeconds');
    }
    if (operator === 'Equal' || operator === '') {
      const valueProblem = labelValueProblem(t.value ?? '');
      // The API server reports a bad value at .operator (validation_test.go TestValidatePod tolerations).
      if (valueProblem) ctx.error('tolerations', `${at}.operator`, `Invalid value: ${quote(t.value)}: ${valueProblem}`, 'use a valid label value');
    } else if (operator === 'Exists') {
      if (t.value !== undefined && t.value !== null && t.value !== '') {
        ctx.error('tolerations', `${at}.operator`, `Invalid value: ${quote(t.value)}: value must be empty when \`operator\` is 'Exists'`,
          'remove value, or use operator: Equal');
      }
    } else {
      ctx.error('tolerations', `${at}.operator`, `Unsupported value: ${quote(operator)}: supported values: "Equal", "Exists"`, 'use Equal or Exists');
    }
    if (t.effect !== undefined && t.effect !== null && t.effect !== '' && !EFFECTS.includes(t.effect as string)) {
      ctx.error('tolerations', `${at}.effect`,
        `Unsupported value: ${quote(t.effect)}: supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
        'use one of them, or none for all effects');
    }
  });
}

function checkTopologySpread(ctx: PodContext): void {
  const constraints = list(ctx.spec.topologySpreadConstraints).map(obj);
  const seen = new Set<string>();
  constraints.forEach((c, i) => {
    if (!c) return;
    const at = ctx.at(`topologySpreadConstraints[${i}]`);
    warnNullLabelSelector(ctx, c, `${at}.labelSelector`, 'the constraint counts no pod, so it spreads nothing');
    const maxSkew = c.maxSkew ?? 0;
    if (typeof maxSkew !== 'number' || !Number.isInteger(maxSkew) || maxSkew <= 0) {
      ctx.error('topology-spread', `${at}.maxSkew`, `Invalid value: ${quote(maxSkew)}: must be greater than zero`, 'set maxSkew to 1 or more');
    }
    const key = str(c.topologyKey) ?? '';
    if (key === '') ctx.error('topology-spread', `${at}.topologyKey`, 'Required value: can not be empty',
      'name a node label, e.g. "topology.kubernetes.io/zone"');
    const when = c.whenUnsatisfiable;
    if (!WHEN_UNSATISFIABLE.includes(when as string)) {
      ctx.error('topology-spread', `${at}.whenUnsatisfiable`,
        `Unsupported value: ${quote(when ?? '')}: supported values: "DoNotSchedule", "ScheduleAnyway"`, 'use DoNotSchedule or ScheduleAnyway');
    }
    const pair = `{${key}, ${String(when)}}`;
    if (seen.has(pair)) {
      ctx.error('topology-spread', `${at}.{topologyKey, whenUnsatisfiable}`, `Duplicate value: ${quote(pair)}`,
        'merge the constraints with one topologyKey and whenUnsatisfiable');
    }
    seen.add(pair);
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (typeof c.minDomains !== 'number' || !Number.isInteger(c.minDomains) || c.minDomains <= 0) {
        ctx.error('topology-spread', `${at}.minDomains`, `Invalid value: ${quote(c.minDomains)}: must be greater than zero`,
          'set minDomains to 1 or more');
      }
      if (when !== 'DoNotSchedule') {
        ctx.error('topology-spread', `${at}.minDomains`,
          `Invalid value: ${quote(c.minDomains)}: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(when)}`,
          'use whenUnsatisfiable: DoNotSchedule, or remove minDomains');
      }
    }
    for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const policy = c[field];
      if (policy !== undefined && policy !== null && !INCLUSION_POLICIES.includes(policy as string)) {
        ctx.error('topology-spread', `${at}.${field}`, `Unsupported value: ${quote(policy)}: supported values: "Honor", "Ignore"`,
          'use Honor or Ignore');
      }
    }
    checkMatchLabelKeys(ctx, c, at);
  });
}

function checkMatchLabelKeys(ctx: PodContext, c: Plain, at: string): void {
  // The selector is validated with strict label values on create (AllowInvalidTopologySpreadConstraintLabelSelector is false).
  const labelSelector = obj(c.labelSelector);
  if (labelSelector) checkLabelSelector(labelSelector, `${at}.labelSelector`, (p, m, f) => ctx.error('topology-spread', p, m, f));
  const keys = list(c.matchLabelKeys);
  if (keys.length === 0) return;
  const selector = obj(c.labelSelector);
  if (!selector) {
    ctx.error('topology-spread', `${at}.matchLabelKeys`, 'Forbidden: must not be specified when labelSelector is not set',
      'give a labelSelector, or remove matchLabelKeys');
    return;
  }
  const selectorKeys = labelSelectorKeys(selector);
  keys.forEach((key, j) => {
    const problem = qualifiedNameProblem(key);
    if (problem) ctx.error('topology-spread', `${at}.matchLabelKeys[${j}]`, `Invalid value: ${quote(key)}: ${problem}`, 'use a label key');
    // validateMatchLabelKeysInTopologySpread: a key may not be both (TestValidateTopologySpreadConstraints,
    // "key exists in both matchLabelKeys and labelSelector", whatever the pod's labels).
    else if (selectorKeys.has(key)) {
      ctx.error('topology-spread', `${at}.matchLabelKeys[${j}]`, `Invalid value: ${quote(key)}: exists in both matchLabelKeys and labelSelector`,
        'remove the key from the labelSelector: matchLabelKeys already selects the pod\'s own value of it');
    }
  });
}

function checkHostAliases(ctx: PodContext): void {
  list(ctx.spec.hostAliases).forEach((value, i) => {
    const alias = obj(value);
    if (!alias) return;
    const at = ctx.at(`hostAliases[${i}]`);
    if (typeof alias.ip !== 'string' || !isIpAddress(alias.ip)) {
      ctx.error('host-aliases', `${at}.ip`, `Invalid value: ${quote(alias.ip ?? '')}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`,
        'give an IPv4 or IPv6 address');
    }
    list(alias.hostnames).forEach((name, j) => {
      const problem = dnsSubdomainProblem(name);
      if (problem) ctx.error('host-aliases', `${at}.hostnames[${j}]`, `Invalid value: ${quote(name)}: ${problem}`, 'use a lower-case host name');
    });
  });
}

function checkGates(ctx: PodContext): void {
  list(ctx.spec.readinessGates).forEach((value, i) => {
    const type = obj(value)?.conditionType;
    const problem = qualifiedNameProblem(type ?? '');
    if (problem) {
      ctx.error('readiness-gates', ctx.at(`readinessGates[${i}].conditionType`), `Invalid value: ${quote(type ?? '')}: ${problem}`,
        'use a condition type such as "example.com/ready"');
    }
  });
  const gates = list(ctx.spec.schedulingGates);
  const names = new Set<string>();
  gates.forEach((value, i) => {
    const name = obj(value)?.name;
    // The API server reports scheduling gates at schedulingGates[i], without .name.
    const problem = qualifiedNameProblem(name ?? '');
    if (problem) ctx.error('scheduling-gates', ctx.at(`schedulingGates[${i}]`), `Invalid value: ${quote(name ?? '')}: ${problem}`,
      'use a qualified name');
    else if (names.has(name as string)) ctx.error('scheduling-gates', ctx.at(`schedulingGates[${i}]`), `Duplicate value: ${quote(name)}`,
      'name each gate once');
    names.add(name as string);
  });
  if (gates.length > 0 && typeof ctx.spec.nodeName === 'string' && ctx.spec.nodeName !== '') {
    ctx.error('scheduling-gates', ctx.at('nodeName'), 'Forbidden: cannot be set until all schedulingGates have been cleared',
      'remove nodeName, or the scheduling gates');
  }
}

function checkNames(ctx: PodContext): void {
  for (const field of ['nodeName', 'priorityClassName'] as const) {
    const value = ctx.spec[field];
    if (value === undefined || value === null || value === '') continue;
    const problem = dnsSubdomainProblem(value);
    if (problem) ctx.error('pod-dns-names', ctx.at(field), `Invalid value: ${quote(value)}: ${problem}`,
      `use the name of the ${field === 'nodeName' ? 'node' : 'PriorityClass'}`);
  }
  // A set runtimeClassName is validated even when empty.
  const runtime = ctx.spec.runtimeClassName;
  if (runtime !== undefined && runtime !== null) {
    const problem = dnsSubdomainProblem(runtime);
    if (problem) ctx.error('pod-dns-names', ctx.at('runtimeClassName'), `Invalid value: ${quote(runtime)}: ${problem}`,
      'use the name of a RuntimeClass');
  }
}

/**
 * A term or constraint without a labelSelector: the API server takes it and warns (pkg/api/pod/warnings.go:
 * "a null labelSelector results in matching no pod"), and the scheduler matches nothing with it. Also used
 * for pod (anti-)affinity terms.
 */
export function warnNullLabelSelector(ctx: PodContext, holder: Plain, path: string, consequence: string): void {
  if (holder.labelSelector !== undefined && holder.labelSelector !== null) return;
  ctx.warn('null-label-selector', path, `a null labelSelector results in matching no pod: ${consequence}`,
    'select the pods it is about, e.g. labelSelector: { matchLabels: { app: web } } (usually the pod\'s own labels)');
}
