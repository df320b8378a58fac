import { IConstruct } from 'constructs';
import { quote } from '../checks/_quote';
import { minorProblem } from '../checks/kubernetes-versions';
import { PodPatternError } from '../core/pod-pattern-error';

/**
 * The context key that names the Kubernetes minor version the app is deployed to, e.g.
 * `app.node.setContext(KUBERNETES_TARGET_CONTEXT, 27)` (set it before adding charts). With it, a workload
 * that needs a newer Kubernetes (native sidecars need 1.29) fails synthesis instead of being emitted.
 */
export const KUBERNETES_TARGET_CONTEXT = 'cdk8s-pod-patterns:kubernetesMinor';

/** Reads a target given as a number (29) or a string ("29", "1.29"); anything else is a problem. */
export function targetMinorProblem(value: unknown): { minor?: number; problem?: string } {
  const minor = typeof value === 'string' ? (/^(1\.)?\d+$/.test(value) ? Number(value.replace(/^1\./, '')) : undefined) : value;
  const problem = minorProblem(minor);
  if (problem) return { problem: `Invalid value ${quote(value)}: ${problem}` };
  return { minor: minor as number };
}

/**
 * The cluster's minor version as the app states it in its context (seen from `scope`), or undefined when
 * it states none; a value that is no minor is refused at `scope`.
 */
export function targetMinorOf(scope: IConstruct): number | undefined {
  const value: unknown = scope.node.tryGetContext(KUBERNETES_TARGET_CONTEXT);
  if (value === undefined) return undefined;
  const { minor, problem } = targetMinorProblem(value);
  if (problem !== undefined) {
    throw new PodPatternError(scope, {
      rule: 'kubernetes-target',
      field: `context ${KUBERNETES_TARGET_CONTEXT}`,
      problem,
      fix: 'set it to a number such as 29 (or the string "1.29")',
    });
  }
  return minor;
}
