import { createHash } from 'crypto';
import { trimTrailing } from '../checks/_trim';
import { kplus } from '../core/cdk8s-plus';
import { NATIVE_SIDECAR_RESTART_POLICY } from '../core/cdk8s-plus-features';
import { WorkloadMarks } from '../core/workload-marks';
import { assertContainerName, containerFieldPath } from './_container-rules';
import { NativeSidecarProbes, NativeSidecars } from './native-sidecars';
import { SidecarMode } from './sidecar-mode';

/**
 * The containers the patterns attached as sidecars to each workload (log shippers, proxies, ambassadors,
 * metrics exporters): no pattern takes one of them for an app container, so a log sidecar mounts its log
 * volume into the app alone, and an adapter or a proxy never reads a shipper.
 */
const sidecarContainers = new WorkloadMarks<kplus.Container>();

/** The sidecars the patterns attached to the workload, in the order they were attached. */
export function sidecarsOf(workload: kplus.AbstractPod): readonly kplus.Container[] {
  return sidecarContainers.allOf(workload);
}

/**
 * What every sidecar pattern does the same way: add the sidecar container in its mode (an app container,
 * or a native sidecar: an init container with `restartPolicy: Always`), and name a generated configuration
 * after its content.
 */
export function attachSidecar(
  workload: kplus.AbstractPod, mode: SidecarMode, props: kplus.ContainerProps, probes: NativeSidecarProbes,
): kplus.Container {
  if (mode.kind === 'native' && NATIVE_SIDECAR_RESTART_POLICY !== undefined) {
    // cdk8s-plus-28 and later: a native sidecar in cdk8s-plus's own terms, probes included; NativeSidecars
    // still puts it first among the init containers and marks the pod as needing Kubernetes 1.29.
    const nativeProps = Object.assign({}, props, { restartPolicy: NATIVE_SIDECAR_RESTART_POLICY }, probes) as kplus.ContainerProps;
    const sidecar = workload.addInitContainer(nativeProps);
    NativeSidecars.of(workload).add(sidecar);
    sidecarContainers.add(workload, sidecar);
    return sidecar;
  }
  if (mode.kind === 'native') {
    // cdk8s-plus-27 has no restartPolicy on containers: the field and the probes are set in the re-hosted manifest.
    const sidecar = workload.addInitContainer(props);
    NativeSidecars.of(workload).add(sidecar, probes);
    sidecarContainers.add(workload, sidecar);
    return sidecar;
  }
  // Object.assign, not a spread plus keys, for props cdk8s-plus reads once per field (restricted-defaults.ts says why).
  const sidecar = new kplus.Container(Object.assign({}, props, { startup: probes.startup, readiness: probes.readiness, liveness: probes.liveness }));
  workload.attachContainer(sidecar);
  sidecarContainers.add(workload, sidecar);
  return sidecar;
}

/**
 * Where the next sidecar in this mode will sit in the manifest (`spec.initContainers[0]` for a native one),
 * for the errors about it, and the check of its name there. `duplicateFix` names the props that give a
 * second sidecar of the same pattern its own names.
 */
export function nextSidecarField(workload: kplus.AbstractPod, mode: SidecarMode, name: string, duplicateFix?: string): string {
  const field = mode.kind === 'native'
    ? containerFieldPath(workload, 'initContainers', workload.initContainers.length)
    : containerFieldPath(workload, 'containers', workload.containers.length);
  assertContainerName(workload, field, name, duplicateFix);
  return field;
}

const MAX_NAME = 253;

/**
 * Digests of the configurations already named, by content: an app usually gives many workloads the same
 * configuration, and a digest is a SHA-256 over the whole text. Kept small: only the latest are reused.
 */
const digests = new Map<string, string>();
const MAX_DIGESTS = 64;

/**
 * `<base>-<10 hex digits of the content's SHA-256>`: the same content always gives the same name, and
 * any change gives a new one.
 */
export function contentAddressedName(base: string, files: Record<string, string>): string {
  const names = Object.keys(files).sort();
  // The hashed bytes, as one string: name NUL content NUL, file by file (the key of the cache too).
  const content = names.map((name) => `${name}\0${files[name]}\0`).join('');
  let digest = digests.get(content);
  if (digest === undefined) {
    digest = createHash('sha256').update(content).digest('hex').slice(0, 10);
    if (digests.size >= MAX_DIGESTS) digests.clear();
    digests.set(content, digest);
  }
  const suffix = `-${digest}`;
  const trimmed = trimTrailing(base.slice(0, MAX_NAME - suffix.length), '-.');
  return `${trimmed}${suffix}`;
}

/**
 * A sidecar's configuration files in an immutable ConfigMap named after their content, so the pods that
 * mount it are rolled when it changes; under a name the user chose, a mutable one.
 */
export function configMapOf(
  workload: kplus.AbstractPod, id: string, baseName: string, files: Record<string, string>, chosen?: string,
): kplus.ConfigMap {
  const sorted = Object.fromEntries(Object.keys(files).sort().map((k) => [k, files[k]]));
  return new kplus.ConfigMap(workload, id, {
    metadata: { name: chosen ?? contentAddressedName(baseName, sorted) },
    data: sorted,
    immutable: chosen === undefined,
  });
}
