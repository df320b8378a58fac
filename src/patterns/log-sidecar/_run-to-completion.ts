import * as kplus from 'cdk8s-plus-27';
import { runsToCompletion } from '../../checks/rules/run-to-completion';
import { podSpecSegments } from '../../core/pod-spec';

/**
 * Pods that are meant to finish (as the check engine decides it, from the manifest's kind and
 * restartPolicy) complete only when all their app containers have exited, so a sidecar that never exits
 * keeps them Running for ever. Returns how messages name the workload, or `undefined` for pods that run
 * until deleted (Deployment, StatefulSet, DaemonSet, a Pod with restartPolicy Always).
 */
export function runToCompletionName(workload: kplus.AbstractPod): string | undefined {
  if (!runsToCompletion(workload.kind, workload.restartPolicy)) return undefined;
  if (workload instanceof kplus.CronJob) return 'the Jobs of this CronJob';
  if (workload instanceof kplus.Pod) return `this Pod (restartPolicy: ${workload.restartPolicy})`;
  return 'this Job';
}

/**
 * Where an `activeDeadlineSeconds` bounds the run, as manifest segments, the preferred place first: the
 * Job spec (the Job fails when it passes), then the pod spec (the pod fails, and the Job may retry it).
 */
export function deadlineLocations(workload: kplus.AbstractPod): string[][] {
  const pod = [...podSpecSegments(workload), 'activeDeadlineSeconds'];
  if (workload instanceof kplus.Job || workload instanceof kplus.CronJob) {
    // The pod spec sits at <job spec>.template.spec.
    const job = [...podSpecSegments(workload).slice(0, -2), 'activeDeadlineSeconds'];
    return [job, pod];
  }
  return [pod];
}

/** Whether the manifest has a positive `activeDeadlineSeconds` at one of the locations. */
export function hasDeadline(manifest: unknown, locations: string[][]): boolean {
  return locations.some((segments) => {
    const value = segments.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), manifest);
    return typeof value === 'number' && Number.isInteger(value) && value > 0;
  });
}
