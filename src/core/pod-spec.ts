import { ApiObject, JsonPatch } from 'cdk8s';
import { kplus } from './cdk8s-plus';
import { PodPatternError } from './pod-pattern-error';

/**
 * Where the pod spec sits in the manifest of each cdk8s-plus workload. Needed for the few pod fields that
 * a cdk8s-plus major cannot express (e.g. `shareProcessNamespace` before 29) and for field paths in error messages.
 */
const POD_SPEC: readonly string[] = ['spec'];
const CRON_JOB_POD_SPEC: readonly string[] = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
const WORKLOAD_POD_SPEC: readonly string[] = ['spec', 'template', 'spec'];
// Joined once: the paths are named in the messages of every early check, each time one runs.
const FIELD_PATHS = new Map([POD_SPEC, CRON_JOB_POD_SPEC, WORKLOAD_POD_SPEC].map((segments) => [segments, segments.join('.')]));

export function podSpecSegments(workload: kplus.AbstractPod): readonly string[] {
  if (workload instanceof kplus.Pod) return POD_SPEC;
  if (workload instanceof kplus.CronJob) return CRON_JOB_POD_SPEC;
  if (workload instanceof kplus.Workload) return WORKLOAD_POD_SPEC;
  throw new PodPatternError(workload, {
    rule: 'unsupported-workload',
    field: 'spec',
    problem: `${workload.constructor.name} is neither a cdk8s-plus Pod nor a Workload, so its pod spec cannot be located`,
    fix: 'apply the pattern to a kplus.Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob',
  });
}

/** The manifest field path of the pod spec, as the API server prints it (`spec.template.spec`). */
export function podSpecFieldPath(workload: kplus.AbstractPod): string {
  return FIELD_PATHS.get(podSpecSegments(workload))!;
}

/**
 * Sets a pod spec field (or a nested field, given as segments) through a JSON patch on the workload's ApiObject. Only for fields that exist in the
 * Kubernetes 1.27 schema: the generated L1 filters unknown fields after patches are applied.
 */
export function setPodSpecField(workload: kplus.AbstractPod, field: string | string[], value: unknown): void {
  const pointer = '/' + [...podSpecSegments(workload), ...(Array.isArray(field) ? field : [field])].join('/');
  ApiObject.of(workload).addJsonPatch(JsonPatch.add(pointer, value));
}
