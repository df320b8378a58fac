import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { PodPatternError } from './pod-pattern-error';

/**
 * Guards at the public entry points for input that the TypeScript types would have refused (JavaScript
 * callers, `any`, parsed config): it must end in an error that says what to fix, not in a TypeError from
 * deep inside cdk8s-plus.
 */

/** `what` names the entry point, since without a workload there is no construct path to name. */
export function assertWorkload(value: unknown, what: string): asserts value is kplus.AbstractPod {
  if (value instanceof kplus.AbstractPod) return;
  const foreign = foreignCdk8sPlus(value);
  if (foreign) {
    const own = ownCdk8sPlus();
    const which = foreign.pkg === own.pkg
      ? `a ${foreign.kind} from another copy of ${foreign.pkg} (${foreign.version}), not the one this library uses (${own.version})`
      : `a ${foreign.kind} from ${foreign.pkg} ${foreign.version}; this library is built on ${own.pkg} (${own.version} loaded)`;
    const fix = foreign.pkg === own.pkg
      ? `install one copy: ${own.pkg} is a peer dependency of cdk8s-pod-patterns, so keep it in your app's dependencies `
        + `at a version in its range and run \`npm dedupe\` (\`npm ls ${own.pkg}\` shows the copies)`
      : `write the workload with ${own.pkg} (npm install ${own.pkg}; import * as kplus from '${own.pkg}'), `
        + `as cdk8s-pod-patterns supports only that major`;
    throw new Error(`${what}: workload: Invalid value ${which}. Fix: ${fix}.`);
  }
  throw new Error(`${what}: workload: Invalid value ${describe(value)}: must be a cdk8s-plus workload. `
    + 'Fix: pass a kplus.Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob.');
}

/** jsii's run-time type information on every cdk8s-plus class: `{ fqn: 'cdk8s-plus-27.Deployment', version }`. */
const JSII_RTTI = Symbol.for('jsii.rtti');

interface Cdk8sPlusClass { readonly pkg: string; readonly kind: string; readonly version: string }

/** A construct of some cdk8s-plus package, read from its class's jsii type information. */
function foreignCdk8sPlus(value: unknown): Cdk8sPlusClass | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const rtti = (value.constructor as unknown as Record<symbol, { fqn?: unknown; version?: unknown } | undefined>)?.[JSII_RTTI];
  const match = typeof rtti?.fqn === 'string' ? /^(cdk8s-plus-\d+)\.(\w+)$/.exec(rtti.fqn) : null;
  return match ? { pkg: match[1], kind: match[2], version: String(rtti?.version) } : undefined;
}

function ownCdk8sPlus(): Cdk8sPlusClass {
  return foreignCdk8sPlus(Object.create(kplus.Deployment.prototype)) ?? { pkg: 'cdk8s-plus-27', kind: 'Deployment', version: 'unknown' };
}

export function assertContainer(scope: IConstruct, field: string, value: unknown): asserts value is kplus.Container {
  if (!(value instanceof kplus.Container)) {
    throw new PodPatternError(scope, {
      rule: 'props',
      field,
      problem: `Invalid value ${describe(value)}: must be a kplus.Container of this workload`,
      fix: 'pass the container that addContainer/addInitContainer returned',
    });
  }
}

/** Props objects: `undefined` is the caller's "no props"; anything else must be an object. */
export function propsOrEmpty<T extends object>(scope: IConstruct, field: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw propsError(scope, field, `Invalid value ${describe(value)}: must be an object`, 'pass an object literal');
  }
  return value;
}

export function requiredProps<T extends object>(scope: IConstruct, field: string, value: T | undefined): T {
  if (value === undefined) throw propsError(scope, field, 'Required value', 'pass an object literal');
  return propsOrEmpty(scope, field, value);
}

export function listOrEmpty<T>(scope: IConstruct, field: string, value: readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw propsError(scope, field, `Invalid value ${describe(value)}: must be a list`, 'pass an array');
  return value;
}

/** The one error of the untyped-input guards: rule `props`. */
function propsError(scope: IConstruct, field: string, problem: string, fix: string): PodPatternError {
  return new PodPatternError(scope, { rule: 'props', field, problem, fix });
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && value.constructor !== Object) {
    return `a ${value.constructor?.name ?? 'object'}`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
