import { FEATURE_GATE_MILESTONES } from './feature-gates.generated';

/** The newest kube_features.go read for `GATE_ON_BY_DEFAULT_FROM`. */
export const KUBE_FEATURES_READ_AT = 35;

/**
 * When each feature gate that guards a field of a pod or workload is on by default: the first minor, as
 * kubernetes/kubernetes' pkg/features/kube_features.go (`defaultVersionedKubernetesFeatureGates`) states it at
 * a 1.35 commit; `undefined` where the gate is off by default in every version up to 1.35 (an alpha, or a beta
 * that stays off, like the two certificate projections, whose beta APIs are off by default). Each entry is a
 * fact of that file, written here by hand; gates it does not list (those of 1.36 and 1.37) come from their
 * KEP's milestones (`onByDefaultFrom`).
 */
export const GATE_ON_BY_DEFAULT_FROM: ReadonlyMap<string, number | undefined> = new Map<string, number | undefined>([
  ['AppArmorFields', 30],
  ['ClusterTrustBundleProjection', undefined], // alpha 1.29, beta off by default from 1.33
  ['ContainerRestartRules', 35],
  ['ContainerStopSignals', undefined], // alpha 1.33
  ['CrossNamespaceVolumeDataSource', undefined], // alpha 1.26
  ['DynamicResourceAllocation', 34],
  ['EnvFiles', 35],
  ['GenericWorkload', undefined], // alpha 1.35
  ['HostnameOverride', 35],
  ['ImageVolume', 35], // beta off by default in 1.33 and 1.34
  ['InPlacePodVerticalScaling', 33],
  ['JobBackoffLimitPerIndex', 29], // alpha 1.28
  ['JobManagedBy', 32], // alpha 1.30
  ['JobPodReplacementPolicy', 29], // alpha 1.28
  ['JobSuccessPolicy', 31], // alpha 1.30
  ['MaxUnavailableStatefulSet', 35],
  ['PodCertificateRequest', undefined], // alpha 1.34, beta off by default in 1.35
  ['PodLevelResources', 34],
  ['PodLifecycleSleepAction', 30],
  ['PodSchedulingReadiness', 27],
  ['RecursiveReadOnlyMounts', 31],
  ['SELinuxChangePolicy', 33], // alpha 1.32
  ['SidecarContainers', 29],
  ['SupplementalGroupsPolicy', 33],
  ['VolumeAttributesClass', 34], // beta off by default from 1.31
]);

/**
 * `+featureGate` markers of kubernetes/api that name no gate of kube_features.go, and the gate that drops the
 * field: `VolumeProjection.podCertificate` says PodCertificateProjection, while the feature, its API and its
 * e2e test (test/e2e/auth/projected_podcertificate.go) are behind PodCertificateRequest.
 */
export const GATE_OF_MARKER: ReadonlyMap<string, string> = new Map([['PodCertificateProjection', 'PodCertificateRequest']]);

/** When a gate is on by default, and where that was read. */
export interface GateDefault {
  /** The first minor where the gate is on by default; undefined: no such minor is known or planned. */
  readonly onFrom?: number;
  /** Where `onFrom` comes from, in words for a message. */
  readonly source: string;
}

/**
 * When `gate` is on by default. Up to 1.35 from kube_features.go; after it from the KEP: a gate off through
 * 1.35 is taken to stay off until its KEP's stable milestone (a GA gate is locked on), and a gate not read is
 * taken to be on from its KEP's beta milestone (as most beta gates are). Undefined for a gate known to neither.
 */
export function gateDefault(gate: string): GateDefault | undefined {
  const milestones = FEATURE_GATE_MILESTONES[gate];
  if (GATE_ON_BY_DEFAULT_FROM.has(gate)) {
    const read = GATE_ON_BY_DEFAULT_FROM.get(gate);
    if (read !== undefined) return { onFrom: read, source: 'pkg/features/kube_features.go' };
    const stable = milestones?.[2] || undefined;
    return stable === undefined
      ? { source: `pkg/features/kube_features.go (off through 1.${KUBE_FEATURES_READ_AT}) and its KEP's milestones (no GA planned)` }
      : { onFrom: stable, source: `pkg/features/kube_features.go (off through 1.${KUBE_FEATURES_READ_AT}) and its KEP's GA milestone` };
  }
  if (!milestones) return undefined;
  const onFrom = milestones[1] || milestones[2] || undefined;
  return { onFrom, source: 'its KEP\'s milestones, beta taken as on by default' };
}

/** Whether `gate` is on by default at `minor`, as gateDefault says; a gate known to neither source is taken as on. */
export function gateOnByDefault(gate: string, minor: number): boolean {
  const known = gateDefault(gate);
  return !known || (known.onFrom !== undefined && minor >= known.onFrom);
}

/**
 * The words of a finding about a field that works from `since`, the minor where its gate is on by default, on an
 * older target: the API server drops it (or, before the field existed, refuses it), so it does nothing.
 */
export function workNotBefore(what: string, gate: string, since: number, target: number): { message: string; fix: string } {
  return {
    message: `${what} works from Kubernetes 1.${since} (feature gate ${gate} on by default); `
      + `on the 1.${target} target the API server drops it or refuses it as an unknown field, so it does nothing`,
    fix: `raise the target to 1.${since} or later if the cluster runs it, or remove the field`,
  };
}
