import { list, obj, Plain } from '../_plain';
import { GATE_ON_BY_DEFAULT_FROM, KUBE_FEATURES_READ_AT, workNotBefore } from '../gate-defaults';
import { PodContext } from '../pod-context';

/**
 * Fields that work only from a given Kubernetes minor: before it the field is unknown to the API server, or
 * its feature gate is off by default and the API server drops it from the pod (`dropDisabledPodFields`),
 * so it is accepted and does nothing. The first minor where each gate is on by default is read in
 * pkg/features/kube_features.go (gate-defaults.ts). known-fields.ts reports every field whose Go type carries a
 * `+featureGate` marker; this table adds those whose marker went when the gate went GA, says it in the words
 * of the field, and keeps a field that the API server refuses rather than drops for its own rule. checkManifest
 * keeps one finding per field.
 */
interface GatedField {
  /** The gate, as kube_features.go names it. */
  readonly gate: string;
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
    gate: 'AppArmorFields', what: 'the appArmorProfile field',
    find: (ctx) => [
      ...(present(obj(ctx.spec.securityContext)?.appArmorProfile) ? [ctx.at('securityContext.appArmorProfile')] : []),
      ...containerField((c) => obj(c.securityContext)?.appArmorProfile, 'securityContext.appArmorProfile')(ctx),
    ],
  },
  {
    gate: 'RecursiveReadOnlyMounts', what: 'recursiveReadOnly on a volume mount',
    find: (ctx) => ctx.containers.flatMap((c) => list(c.container.volumeMounts)
      .flatMap((m, i) => (present(obj(m)?.recursiveReadOnly) ? [`${c.path}.volumeMounts[${i}].recursiveReadOnly`] : []))),
  },
  {
    gate: 'PodLevelResources', what: 'pod-level resources',
    find: (ctx) => (present(ctx.spec.resources) ? [ctx.at('resources')] : []),
  },
  {
    gate: 'DynamicResourceAllocation', what: 'pod resource claims',
    find: (ctx) => (list(ctx.spec.resourceClaims).length > 0 ? [ctx.at('resourceClaims')] : []),
  },
  {
    // Dropped, the image source leaves a volume without any, which validateVolumeSource refuses.
    gate: 'ImageVolume', what: 'an image volume', refusedWhenDropped: 'image-volumes.ts',
    find: (ctx) => list(ctx.spec.volumes).flatMap((v, i) => (present(obj(v)?.image) ? [ctx.at(`volumes[${i}].image`)] : [])),
  },
  {
    gate: 'ContainerStopSignals', what: 'a container stop signal',
    find: containerField((c) => obj(c.lifecycle)?.stopSignal, 'lifecycle.stopSignal'),
  },
];

export function checkGatedFields(ctx: PodContext): void {
  for (const field of GATED_FIELDS) {
    const since = GATE_ON_BY_DEFAULT_FROM.get(field.gate);
    if (field.refusedWhenDropped !== undefined || (since !== undefined && ctx.kubernetesMinor >= since)) continue;
    for (const path of field.find(ctx)) {
      if (since !== undefined) {
        const { message, fix } = workNotBefore(field.what, field.gate, since, ctx.kubernetesMinor);
        ctx.warn('field-needs-newer-kubernetes', path, message, fix);
      } else {
        ctx.warn('field-needs-newer-kubernetes', path,
          `${field.what} needs the ${field.gate} feature gate, alpha and off by default (through 1.${KUBE_FEATURES_READ_AT} at least): `
            + 'the API server drops the field unless the cluster enables the gate, so it does nothing',
          `remove it, or enable ${field.gate} on the cluster and accept this finding`);
      }
    }
  }
}
