import { kplus } from './cdk8s-plus';

/**
 * What some cdk8s-plus majors have and others lack, asked of the major the build is bound to, so that the
 * library uses that major's own API where it has one (and a user's cdk8s-plus code and ours read the same
 * objects the same way), and its own way where it has none. Each is read from the majors' lib/*.d.ts.
 */

/**
 * `ContainerRestartPolicy.ALWAYS` (cdk8s-plus-28 and later): an init container added with it is a native
 * sidecar in cdk8s-plus's own terms (`container.restartPolicy`, probes allowed by `addInitContainer`).
 * Undefined on cdk8s-plus-27, which has no such prop.
 */
export const NATIVE_SIDECAR_RESTART_POLICY: string | undefined =
  (kplus as unknown as { ContainerRestartPolicy?: { ALWAYS?: string } }).ContainerRestartPolicy?.ALWAYS;

/**
 * The workload's own `shareProcessNamespace` (a pod prop from cdk8s-plus-29, rendered always); undefined on
 * the majors without the prop.
 */
export function ownShareProcessNamespace(workload: kplus.AbstractPod): boolean | undefined {
  const value = (workload as unknown as { shareProcessNamespace?: unknown }).shareProcessNamespace;
  return typeof value === 'boolean' ? value : undefined;
}

/** `Capability.ALL` (cdk8s-plus-28 and later, `"ALL"`); on 27, whose values are `"CAP_*"`, the API's own `"ALL"`. */
export const CAPABILITY_ALL: kplus.Capability = (kplus.Capability as unknown as Record<string, kplus.Capability>).ALL ?? ('ALL' as kplus.Capability);
