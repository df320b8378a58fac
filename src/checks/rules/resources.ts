import { defaultedString, obj, Plain, text } from '../_plain';
import { quote } from '../_quote';
import { qualifiedNameProblem } from '../formats';
import { GATE_ON_BY_DEFAULT_FROM } from '../gate-defaults';
import { ContainerAt, PodContext } from '../pod-context';
import { parseQuantityNanos } from '../quantity';

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const HUGEPAGES_PREFIX = 'hugepages-';
const NANOS_PER_UNIT = 1_000_000_000n;

/** `IsNativeResource`: unprefixed names, and names in a `kubernetes.io/` domain. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** `IsOvercommitAllowed`: extended resources (`nvidia.com/gpu`) and hugepages cannot be overcommitted. */
function overcommitAllowed(name: string): boolean {
  return isNative(name) && !name.startsWith(HUGEPAGES_PREFIX);
}

/** `IsExtendedResourceName`: not native, not `requests.`-prefixed, and a qualified name once prefixed with `requests.`. */
function isExtended(name: string): boolean {
  return !isNative(name) && !name.startsWith('requests.') && qualifiedNameProblem(`requests.${name}`) === undefined;
}

/** `validateContainerResourceName` (API server, v1.27): the complaint, or undefined for a valid name. */
export function containerResourceNameProblem(name: string): string | undefined {
  // Nearly every pod names only these: they are valid qualified names, so skip the general check.
  if (STANDARD_CONTAINER_RESOURCES.includes(name)) return undefined;
  const qualified = qualifiedNameProblem(name);
  if (qualified) return qualified;
  if (!name.includes('/')) {
    const standard = STANDARD_CONTAINER_RESOURCES.includes(name) || name.startsWith(HUGEPAGES_PREFIX);
    return standard ? undefined : 'must be a standard resource for containers';
  }
  if (!isNative(name) && !isExtended(name)) return "doesn't follow extended resource name standard";
  return undefined;
}

/** Whole units, rounded up (apimachinery `Quantity.Value()`). */
function units(nanos: bigint): bigint {
  return nanos <= 0n ? nanos / NANOS_PER_UNIT : (nanos + NANOS_PER_UNIT - 1n) / NANOS_PER_UNIT;
}

/** `IsHugePageResourceValueDivisible`: the page size (from the name) is a whole, positive number of bytes that divides the value. */
function hugePagesDivisible(name: string, nanos: bigint): boolean {
  const page = parseQuantityNanos(name.slice(HUGEPAGES_PREFIX.length));
  if (page === undefined || page <= 0n || page % NANOS_PER_UNIT !== 0n) return false;
  return units(nanos) % (page / NANOS_PER_UNIT) === 0n;
}

/**
 * Container resources (API server `ValidateResourceRequirements`): names, quantities, request ≤ limit, and
 * what cannot be overcommitted: extended resources (`nvidia.com/gpu`) and hugepages need request == limit and
 * a limit when requested; extended resources are whole numbers; hugepages come in whole pages and need cpu
 * or memory beside them.
 */
export function checkResources(ctx: PodContext, c: ContainerAt): void {
  const resources = obj(c.container.resources);
  if (!resources) return;
  const path = `${c.path}.resources`;
  const requests = obj(resources.requests) ?? {};
  const limits = obj(resources.limits) ?? {};
  const requested = checkResourceList(ctx, path, 'requests', requests);
  const limited = checkResourceList(ctx, path, 'limits', limits);
  requested.forEach((request, resource) => {
    // Exact, in nano-units: as floats, 102m is more than 0.102.
    const limit = limited.get(resource);
    if (!Object.hasOwn(limits, resource)) {
      if (!overcommitAllowed(resource)) {
        ctx.error('resource-non-overcommitable', `${path}.limits`, 'Required value: Limit must be set for non overcommitable resources',
          `set limits[${resource}] equal to the request: ${resource} cannot be overcommitted`);
      }
      return;
    }
    if (request === undefined || limit === undefined) return;
    if (request !== limit && !overcommitAllowed(resource)) {
      ctx.error('resource-non-overcommitable', `${path}.requests`,
        `Invalid value: ${quote(requests[resource])}: must be equal to ${resource} limit of ${text(limits[resource])}`,
        `request exactly the limit of ${resource} (or leave the request out)`);
    } else if (request > limit) {
      ctx.error('resource-request-above-limit', `${path}.requests`,
        `Invalid value: ${quote(requests[resource])}: must be less than or equal to ${resource} limit of ${text(limits[resource])}`,
        `lower the ${resource} request or raise its limit`);
    }
  });
  const names = [...requested.keys(), ...limited.keys()];
  if (names.some((n) => n.startsWith(HUGEPAGES_PREFIX)) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    ctx.error('resource-hugepages', path, 'Forbidden: HugePages require cpu or memory', 'request or limit memory (or cpu) beside the hugepages');
  }
}

/** Names and quantities of one list; returns each resource's parsed value. */
function checkResourceList(ctx: PodContext, path: string, kind: 'requests' | 'limits', map: Plain): Map<string, bigint | undefined> {
  const values = new Map<string, bigint | undefined>();
  for (const resource of Object.keys(map)) {
    const at = `${path}.${kind}[${resource}]`;
    const nameProblem = containerResourceNameProblem(resource);
    if (nameProblem) {
      ctx.error('resource-name', at, `Invalid value: ${quote(resource)}: ${nameProblem}`,
        'use cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain (e.g. "nvidia.com/gpu")');
    }
    const quantity = map[resource];
    const value = parseQuantityNanos(quantity);
    values.set(resource, value);
    if (value === undefined) {
      ctx.error('resource-quantity', at, `Invalid value: ${quote(quantity)}: must be a quantity (e.g. "500m", "1", "256Mi")`,
        'write a Kubernetes quantity');
      continue;
    }
    if (value < 0n) {
      ctx.error('resource-quantity', at, `Invalid value: ${quote(quantity)}: must be greater than or equal to 0`,
        'use a non-negative quantity');
    }
    // `IsIntegerResourceName` (extended resources): the milli-value, rounded up, must be whole.
    if (value >= 0n && !nameProblem && isExtended(resource) && ((value + 999_999n) / 1_000_000n) % 1000n !== 0n) {
      ctx.error('resource-quantity', at, `Invalid value: ${quote(quantity)}: must be an integer`, `request whole ${resource} units`);
    }
    if (value >= 0n && resource.startsWith(HUGEPAGES_PREFIX) && !hugePagesDivisible(resource, value)) {
      ctx.error('resource-hugepages', at,
        `Invalid value: ${quote(quantity)}: ${text(quantity)} is not positive integer multiple of ${resource}`,
        `use a whole number of ${resource.slice(HUGEPAGES_PREFIX.length)} pages, and a page size such as hugepages-2Mi or hugepages-1Gi`);
    }
  }
  return values;
}

/**
 * Pod-level resources (PodLevelResources, on by default from 1.34; validation.go validatePodResourceRequirements
 * and validation_test.go TestValidateResourceRequirements "pod resource with ..."): cpu, memory and hugepages.
 * Below 1.34 the API server drops them before it validates them (dropDisabledPodLevelResources): gated-fields.ts
 * says so, and there is nothing here to refuse.
 */
const POD_LEVEL_RESOURCES = ['cpu', 'memory'];
const POD_LEVEL_RESOURCES_MINOR = GATE_ON_BY_DEFAULT_FROM.get('PodLevelResources') ?? 34;

export function checkPodLevelResources(ctx: PodContext): void {
  // spec.overhead (set by a RuntimeClass): validateResourceName, a standard name or one with a domain
  // (validation_test.go TestValidateOverhead, "Invalid Overhead Resources").
  for (const name of Object.keys(obj(ctx.spec.overhead) ?? {})) {
    if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith(HUGEPAGES_PREFIX)) {
      ctx.error('resource-name', ctx.at(`overhead[${name}]`), `Invalid value: ${quote(name)}: must be a standard resource type or fully qualified`,
        'use cpu, memory, or a name with a domain, e.g. example.com/foo');
    }
  }
  // The RuntimeClass admission plugin (on by default) sets a pod's overhead from its RuntimeClass, and refuses a
  // pod that sets one itself without a RuntimeClass (plugin/pkg/admission/runtimeclass validateOverhead). An
  // empty one is left alone (validation_test.go TestValidatePodSpec "populate Overhead" takes it).
  if (Object.keys(obj(ctx.spec.overhead) ?? {}).length > 0 && defaultedString(ctx.spec.runtimeClassName)) {
    ctx.error('pod-overhead', ctx.at('overhead'), 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
      'remove overhead: the RuntimeClass admission plugin sets it from the runtimeClassName\'s RuntimeClass, which defines it');
  }
  const resources = obj(ctx.spec.resources);
  if (!resources || ctx.kubernetesMinor < POD_LEVEL_RESOURCES_MINOR) return;
  for (const list of ['requests', 'limits'] as const) {
    for (const name of Object.keys(obj(resources[list]) ?? {})) {
      if (!POD_LEVEL_RESOURCES.includes(name) && !name.startsWith(HUGEPAGES_PREFIX)) {
        ctx.error('resource-name', ctx.at(`resources.${list}[${name}]`),
          `Unsupported value: ${quote(name)}: supported values: "cpu", "memory", "hugepages-<size>"`,
          'set only cpu, memory and hugepages at the pod level; other resources belong to the containers');
      }
    }
  }
}

/**
 * Pod-level resources against the containers' (validatePodResourceConsistency, with PodLevelResources on,
 * from 1.34; validation_test.go TestValidatePodResourceConsistency): a pod-level request covers what the
 * app containers request together, and no container's limit exceeds the pod's. What the containers request
 * is summed over the app containers only, each request defaulted to its limit as SetDefaults_Pod does: a
 * lower bound of the API server's aggregate (which adds native sidecars and init containers), so a pod
 * refused here is refused there. Without a pod-level request, defaulting derives it from that aggregate,
 * which then may not exceed the pod-level limit.
 */
export function checkPodResourceConsistency(ctx: PodContext): void {
  const resources = obj(ctx.spec.resources);
  if (!resources || ctx.kubernetesMinor < POD_LEVEL_RESOURCES_MINOR) return;
  const podRequests = obj(resources.requests) ?? {};
  const podLimits = obj(resources.limits) ?? {};
  const apps = ctx.containers.filter((c) => c.list === 'containers');
  for (const name of POD_LEVEL_RESOURCES) {
    let sum = 0n;
    let counted = false;
    for (const c of apps) {
      const own = obj(c.container.resources);
      const amount = parseQuantityNanos(obj(own?.requests)?.[name] ?? obj(own?.limits)?.[name]);
      if (amount !== undefined) {
        sum += amount;
        counted = true;
      }
    }
    const request = parseQuantityNanos(podRequests[name]);
    const limit = parseQuantityNanos(podLimits[name]);
    const total = amountText(sum, name);
    if (counted && request !== undefined && sum > request) {
      ctx.error('pod-resources-consistency', ctx.at(`resources.requests[${name}]`),
        `Invalid value: ${quote(podRequests[name])}: must be greater than or equal to aggregate container requests of ${total}`,
        `request at least ${total} ${name} for the pod, or less in its containers`);
    } else if (counted && request === undefined && limit !== undefined && sum > limit) {
      ctx.error('pod-resources-consistency', ctx.at(`resources.limits[${name}]`),
        `Invalid value: ${quote(podLimits[name])}: must be greater than or equal to the pod's ${name} request, which defaulting sets to `
          + `the containers' aggregate of ${total}`,
        `raise the pod's ${name} limit to at least ${total}, or lower the containers' requests`);
    }
    if (limit === undefined) continue;
    for (const c of apps) {
      const own = obj(obj(c.container.resources)?.limits);
      const amount = parseQuantityNanos(own?.[name]);
      if (amount !== undefined && amount > limit) {
        ctx.error('pod-resources-consistency', `${c.path}.resources.limits[${name}]`,
          `Invalid value: ${quote(own?.[name])}: must be less than or equal to pod limits of ${quote(podLimits[name])}`,
          `limit container "${c.name}" to at most the pod's ${text(podLimits[name])}, or raise the pod's limit`);
      }
    }
  }
}

/** A sum of nano-units in the quantity notation of its resource: cores (or millicores) of cpu, bytes of memory. */
function amountText(nanos: bigint, name: string): string {
  if (nanos % NANOS_PER_UNIT === 0n) return String(nanos / NANOS_PER_UNIT);
  if (name === 'cpu' && nanos % 1_000_000n === 0n) return `${nanos / 1_000_000n}m`;
  return `${Number(nanos) / 1e9}`;
}
