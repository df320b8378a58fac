import { quote } from '../checks/_quote';
import { minorProblem } from '../checks/kubernetes-versions';

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
