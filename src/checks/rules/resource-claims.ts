import { list, obj, str } from '../_plain';
import { quote } from '../_quote';
import { dnsLabelProblem, dnsSubdomainProblem } from '../formats';
import { PodContext } from '../pod-context';

/**
 * Dynamic resource allocation in a pod (DynamicResourceAllocation, GA and on by default from 1.34 in
 * kube_features.go; before, the API server drops the fields, see field-needs-newer-kubernetes): the pod's
 * resourceClaims and the containers' resources.claims, as validation.go validatePodResourceClaims and
 * validateResourceClaimNames check them. Cases after validation_test.go TestValidateDynamicResourceAllocation.
 */
export const DYNAMIC_RESOURCE_ALLOCATION_MINOR = 34;

export function checkResourceClaims(ctx: PodContext): void {
  if (ctx.kubernetesMinor < DYNAMIC_RESOURCE_ALLOCATION_MINOR) return;
  const names = new Set<string>();
  list(ctx.spec.resourceClaims).forEach((value, i) => {
    const claim = obj(value) ?? {};
    const at = ctx.at(`resourceClaims[${i}]`);
    const name = str(claim.name) ?? '';
    const problem = name === '' ? undefined : dnsLabelProblem(name);
    if (name === '') ctx.error('resource-claims', `${at}.name`, 'Required value', 'name the claim, e.g. "gpu"');
    else if (problem) ctx.error('resource-claims', `${at}.name`, `Invalid value: ${quote(name)}: ${problem}`, 'use a DNS label');
    else if (names.has(name)) ctx.error('resource-claims', `${at}.name`, `Duplicate value: ${quote(name)}`, 'name each claim once');
    names.add(name);
    const sources = (['resourceClaimName', 'resourceClaimTemplateName'] as const).filter((f) => claim[f] !== undefined && claim[f] !== null);
    if (sources.length === 0) {
      ctx.error('resource-claims', at, 'Invalid value: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`',
        'name the ResourceClaim or its template');
    } else if (sources.length > 1) {
      ctx.error('resource-claims', at, 'Invalid value: at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified',
        'keep one of them');
    }
    for (const field of sources) {
      const sourceProblem = dnsSubdomainProblem(claim[field]);
      if (sourceProblem) ctx.error('resource-claims', `${at}.${field}`, `Invalid value: ${quote(claim[field])}: ${sourceProblem}`,
        'use the name of the object');
    }
  });
  for (const c of ctx.containers) {
    if (c.list === 'ephemeralContainers') continue;
    const claims = list(obj(c.container.resources)?.claims);
    if (claims.length === 0) continue; // most containers: no Sets to make
    const whole = new Set<string>();
    const requests = new Set<string>();
    const requested = new Set<string>();
    claims.forEach((value, j) => {
      const claim = obj(value) ?? {};
      const at = `${c.path}.resources.claims[${j}]`;
      const name = str(claim.name) ?? '';
      const request = str(claim.request) ?? '';
      if (name === '') return void ctx.error('resource-claims', `${at}.name`, 'Required value', 'name a claim of the pod');
      if (!names.has(name)) {
        const known = [...names].map((n) => `"${n}"`).join(', ');
        ctx.error('resource-claims', `${at}.name`, `Unsupported value: ${quote(name)}: supported values: ${known}`,
          'name one of the pod\'s resourceClaims');
      }
      if (request !== '' && dnsLabelProblem(request)) {
        ctx.error('resource-claims', `${at}.request`, `Invalid value: ${quote(request)}: ${dnsLabelProblem(request)}`, 'name a request of the claim');
      }
      // A claim is used whole once, or by distinct requests; never both.
      const duplicate = whole.has(name)
        || (request === '' ? requested.has(name) : requests.has(`${name}/${request}`));
      if (duplicate) ctx.error('resource-claims', at, `Duplicate value: ${quote(request === '' ? name : `${name}/${request}`)}`,
        'use each claim (or request) once per container');
      if (request === '') whole.add(name);
      else {
        requests.add(`${name}/${request}`);
        requested.add(name);
      }
    });
  }
}
