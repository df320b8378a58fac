import { kplus } from './cdk8s-plus';
import { CAPABILITY_ALL } from './cdk8s-plus-features';
import { setPodSpecField } from './pod-spec';

/**
 * What the patterns add on top of cdk8s-plus's defaults so that the pods they create meet the `restricted`
 * Pod Security Standard: cdk8s-plus already runs containers as non-root without privilege escalation,
 * but it drops no capabilities and sets no seccomp profile.
 */

/** The workloads whose seccomp profile is set (beside them, not as a marker construct in their tree). */
const seccompSet = new WeakSet<kplus.AbstractPod>();

/**
 * Drops all capabilities of a container that runs as non-root and declares none itself. A non-root process
 * has no use for them; a container that opts into root (see `RootImage`) keeps the runtime's defaults, since
 * images such as nginx need CHOWN or SETUID to start.
 */
export function withRestrictedCapabilities<T extends kplus.ContainerProps>(props: T): T {
  const sc = props.securityContext ?? {};
  if (sc.ensureNonRoot === false || sc.privileged === true || sc.capabilities !== undefined) return props;
  // Object.assign rather than `{ ...props, securityContext }`: in V8 a spread followed by more keys gives
  // every result a hidden class of its own, and cdk8s-plus reads each of these props field by field.
  return Object.assign({}, props, { securityContext: Object.assign({}, sc, { capabilities: { drop: [CAPABILITY_ALL] } }) });
}

/** Sets the pod's seccomp profile to the container runtime's default (once per workload). */
export function useRuntimeDefaultSeccomp(workload: kplus.AbstractPod): void {
  if (seccompSet.has(workload)) return;
  seccompSet.add(workload);
  // No cdk8s-plus major (27 to 34) has a pod-level seccomp prop (28 and later have one on containers only);
  // the field exists in every L1 schema from 1.27, so the patch survives the L1 filter.
  setPodSpecField(workload, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' });
}
