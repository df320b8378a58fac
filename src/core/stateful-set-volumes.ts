import { kplus } from './cdk8s-plus';

/**
 * The pod volumes of a StatefulSet that its rendered pod spec lacks (to be appended to its volumes): the
 * volumes cdk8s-plus-31 and later drop from what they render: their
 * `StatefulSet._filterPodSpecVolumes()` returns `undefined` whenever there are no `volumeClaimTemplates`
 * (cdk8s-team/cdk8s-plus#6735, cdk8s-team/cdk8s#2858; still so in cdk8s-plus-34 2.0.54). Every mount
 * of such a StatefulSet then names a volume the pod does not have, and the API server refuses it.
 *
 * The patterns re-host the manifest of every workload they touch (`WorkloadManifest`), so they restore
 * the dropped volumes there rather than refuse StatefulSets on the majors users start from. A volume is
 * restored only when a container mounts it and the rendered pod spec lacks it (so 27 to 30, which render
 * them, are untouched), and never one that a `volumeClaimTemplates` entry provides (the pod gets that one
 * from the claim). The volumes come from the workload's own pod spec, rendered by that major's own L1
 * conversion: the public API has no other way to render a cdk8s-plus Volume, so this one place calls
 * `Workload._toPodSpec()`, an `@internal` method that every major from 27 to 34 declares, past
 * StatefulSet's override that filters.
 */
export function missingStatefulSetVolumes(workload: kplus.AbstractPod, podSpec: any): any[] {
  if (!(workload instanceof kplus.StatefulSet) || podSpec === null || typeof podSpec !== 'object') return [];
  const present = new Set<string>((podSpec.volumes ?? []).map((v: any) => v?.name));
  const mounted = [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])]
    .flatMap((c: any) => c?.volumeMounts ?? [])
    .map((m: any) => m?.name);
  if (mounted.every((name) => present.has(name))) return [];
  const claimed = new Set<string>(claimTemplateNames(workload));
  // The override in StatefulSet is what filters; the Workload's own pod spec is the one before the filter.
  return (kplus.Workload.prototype._toPodSpec.call(workload).volumes ?? [])
    .filter((v) => !present.has(v.name) && !claimed.has(v.name) && mounted.includes(v.name))
    .map((v) => kplus.k8s.toJson_Volume(v));
}

/** The names of the StatefulSet's claim templates (cdk8s-plus-31 and later have the prop). */
function claimTemplateNames(workload: kplus.StatefulSet): string[] {
  const templates = (workload as { volumeClaimTemplates?: ReadonlyArray<{ name?: string }> }).volumeClaimTemplates ?? [];
  return templates.map((t) => t.name).filter((name): name is string => typeof name === 'string');
}
