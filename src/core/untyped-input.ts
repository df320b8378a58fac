import { IConstruct } from 'constructs';
import { kplus } from './cdk8s-plus';
import { foreignProblem } from './cdk8s-plus-origin';
import { claimAppForEntryPoint } from './one-entry-point';
import { PodPatternError } from './pod-pattern-error';

/**
 * Guards at the public entry points for input that the TypeScript types would have refused (JavaScript
 * callers, `any`, parsed config): it must end in an error that says what to fix, not in a TypeError from
 * deep inside cdk8s-plus.
 */

/** `what` names the entry point, since without a workload there is no construct path to name. */
export function assertWorkload(value: unknown, what: string): asserts value is kplus.AbstractPod {
  if (value instanceof kplus.AbstractPod) {
    claimAppForEntryPoint(value, what);
    return;
  }
  const foreign = foreignProblem(value);
  if (foreign) throw new Error(`${what}: workload: ${foreign.problem}. Fix: ${foreign.fix}.`);
  throw new Error(`${what}: workload: Invalid value ${describe(value)}: must be a cdk8s-plus workload. `
    + 'Fix: pass a kplus.Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob.');
}

/**
 * A cdk8s-plus object given in props (a container, a volume, a secret, a config map) must come from the
 * cdk8s-plus of this entry point; anything that is no cdk8s-plus object is left to the prop's own checks.
 */
export function assertOwnCdk8sPlus(scope: IConstruct, field: string, value: unknown): void {
  const foreign = foreignProblem(value);
  if (foreign) throw new PodPatternError(scope, { rule: 'cdk8s-plus-major', field, ...foreign });
}

export function assertContainer(scope: IConstruct, field: string, value: unknown): asserts value is kplus.Container {
  assertOwnCdk8sPlus(scope, field, value);
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
