import { Finding } from '../checks/finding';

/**
 * What the validation plugin adds to a StatefulSet whose mounts name volumes it does not have and that has
 * no `volumes` at all: the mark of cdk8s-plus-31 and later, whose `StatefulSet._filterPodSpecVolumes()`
 * returns `undefined` when there are no `volumeClaimTemplates` (cdk8s-team/cdk8s-plus#6735,
 * cdk8s-team/cdk8s#2858). The patterns restore the volumes of every workload they touch
 * (src/core/stateful-set-volumes.ts); a StatefulSet written with plain cdk8s-plus reaches the plugin without
 * them, and the plugin says why and what to do instead of only "declare a volume".
 */
export const STATEFUL_SET_VOLUMES_LOST = 'cdk8s-plus-31 and later drop the pod volumes of a StatefulSet that has no '
  + 'volumeClaimTemplates (cdk8s-team/cdk8s-plus#6735)';

export const STATEFUL_SET_VOLUMES_FIX = 'apply PodChecks.of(statefulSet) or a pattern of cdk8s-pod-patterns to the StatefulSet '
  + '(imported from the entry point of your cdk8s-plus major), which restores the volumes it mounts; or add them with '
  + "ApiObject.of(statefulSet).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes', [...]))";

export function withStatefulSetVolumesHint(finding: Finding, doc: any): Finding {
  if (finding.rule !== 'volume-mount-name' || doc?.kind !== 'StatefulSet') return finding;
  const podSpec = doc?.spec?.template?.spec;
  if (podSpec === null || typeof podSpec !== 'object' || 'volumes' in podSpec) return finding;
  return { ...finding, message: `${finding.message}: ${STATEFUL_SET_VOLUMES_LOST}`, fix: STATEFUL_SET_VOLUMES_FIX };
}
