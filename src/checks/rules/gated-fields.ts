import { list, obj, Plain } from '../_plain';
import { PodContext } from '../pod-context';

/**
 * Fields that work only from a given Kubernetes minor: before it the field is unknown to the API server, or
 * its feature gate is off by default and the API server drops it from the pod (`dropDisabledPodFields`),
 * so it is accepted and does nothing. The versions are those of each gate's entries in
 * pkg/features/kube_features.go (read at a 1.35 commit): the first version where the gate is on by default.
 */
interface GatedField {
  /** The gate, as kube_features.go names it. */
  readonly gate: string;
  /** The first minor where the field works by default; undefined: off by default in every version read. */
  readonly since?: number;
  /** Paths (relative to the pod spec, as the finding shows them) where the pod sets the field. */
  readonly find: (ctx: PodContext) => string[];
  readonly what: string;
  /**
   * The rule file that reports the field instead, as an error: dropping it leaves the object invalid, so the
   * API server refuses it rather than ignoring it.
   */
  readonly refusedWhenDropped?: string;
}

const containerField = (read: (container: Plain) => unknown, field: string) => (ctx: PodContext) =>
  ctx.containers.filter((c) => present(read(c.container))).map((c) => `${c.path}.${field}`);

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

const GATED_FIELDS: readonly GatedField[] = [
  {
    gate: 'AppArmorFields', since: 30, what: 'the appArmorProfile field',
    find: (ctx) => [
      ...(present(obj(ctx.spec.securityContext)?.appArmorProfile) ? [ctx.at('securityContext.appArmorProfile')] : []),
      ...containerField((c) => obj(c.securityContext)?.appArmorProfile, 'securityContext.appArmorProfile')(ctx),
    ],
  },
  {
    gate: 'RecursiveReadOnlyMounts', since: 31, what: 'recursiveReadOnly on a volume mount',
    find: (ctx) => ctx.containers.flatMap((c) => list(c.container.volumeMounts)
      .flatMap((m, i) => (present(obj(m)?.recursiveReadOnly) ? [`${c.path}.volumeMounts[${i}].recursiveReadOnly`] : []))),
  },
  {
    gate: 'PodLevelResources', since: 34, what: 'pod-level resources',
    find: (ctx) => (present(ctx.spec.resources) ? [ctx.at('resources')] : []),
  },
  {
    gate: 'DynamicResourceAllocation', since: 34, what: 'pod resource claims',
    find: (ctx) => (list(ctx.spec.resourceClaims).length > 0 ? [ctx.at('resourceClaims')] : []),
  },
  {
    // Dropped, the image source leaves a volume without any, which validateVolumeSource refuses.
    gate: 'ImageVolume', since: 35, what: 'an image volume', refusedWhenDropped: 'image-volumes.ts',
    find: (ctx) => list(ctx.spec.volumes).flatMap((v, i) => (present(obj(v)?.image) ? [ctx.at(`volumes[${i}].image`)] : [])),
  },
  {
    // Alpha from 1.33 and still off by default in 1.35, the newest feature list read here.
    gate: 'ContainerStopSignals', what: 'a container stop signal',
    find: containerField((c) => obj(c.lifecycle)?.stopSignal, 'lifecycle.stopSignal'),
  },
];

/**
 * The first minor where each gate of the table is on by default (undefined: off in every version read):
 * read in kube_features.go, so it wins over a KEP's planned milestones.
 */
export const GATE_ON_BY_DEFAULT_FROM: ReadonlyMap<string, number | undefined> = new Map(GATED_FIELDS.map((f) => [f.gate, f.since]));

export function checkGatedFields(ctx: PodContext): void {
  for (const field of GATED_FIELDS) {
    if (field.refusedWhenDropped !== undefined || (field.since !== undefined && ctx.kubernetesMinor >= field.since)) continue;
    for (const path of field.find(ctx)) {
      ctx.warn('field-needs-newer-kubernetes', path, field.since === undefined
        ? `${field.what} needs the ${field.gate} feature gate, alpha and off by default (through 1.35 at least): `
          + 'the API server drops the field unless the cluster enables the gate, so it does nothing'
        : `${field.what} works from Kubernetes 1.${field.since} (feature gate ${field.gate} on by default); `
          + `on the 1.${ctx.kubernetesMinor} target the API server drops it or refuses it as an unknown field, so it does nothing`,
      field.since === undefined ? `remove it, or enable ${field.gate} on the cluster and accept this finding`
        : `raise the target to 1.${field.since} or later if the cluster runs it, or remove the field`);
    }
  }
}
