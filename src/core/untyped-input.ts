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
  if (!(value instanceof kplus.AbstractPod)) {
    throw new Error(`${what}: workload: Invalid value ${describe(value)}: must be a cdk8s-plus workload. `
      + 'Fix: pass a kplus.Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob.');
  }
}

export function assertContainer(scope: IConstruct, field: string, value: unknown): asserts value is kplus.Container {
  if (!(value instanceof kplus.Container)) {
    throw new PodPatternError(scope, {
      rule: 'props',
      field: field,
      problem: `Invalid value ${describe(value)}: must be a kplus.Container of this workload`,
      fix: 'pass the container that addContainer/addInitContainer returned',
    });
  }
}

/** Props objects: `undefined` is the caller's "no props"; anything else must be an object. */
export function propsOrEmpty<T extends object>(scope: IConstruct, field: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PodPatternError(scope, {
      rule: 'props',
      field: field,
      problem: `Invalid value ${describe(value)}: must be an object`,
      fix: 'pass an object literal',
    });
  }
  return value;
}

export function requiredProps<T extends object>(scope: IConstruct, field: string, value: T | undefined): T {
  if (value === undefined) {
    throw new PodPatternError(scope, {
      rule: 'props',
      field: field,
      problem: 'Required value',
      fix: 'pass an object literal',
    });
  }
  return propsOrEmpty(scope, field, value);
}

export function listOrEmpty<T>(scope: IConstruct, field: string, value: readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new PodPatternError(scope, {
      rule: 'props',
      field: field,
      problem: `Invalid value ${describe(value)}: must be a list`,
      fix: 'pass an array',
    });
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && value.constructor !== Object) return `a ${value.constructor?.name ?? 'object'}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
