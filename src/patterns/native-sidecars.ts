import { ApiObject, App, Chart } from 'cdk8s';
import { kplus } from '../core/cdk8s-plus';
import { PodPatternError } from '../core/pod-pattern-error';
import { podSpecFieldPath } from '../core/pod-spec';
import { assertContainer, assertWorkload, propsOrEmpty } from '../core/untyped-input';
import { WorkloadManifest } from '../core/workload-manifest';
import { PodChecks } from '../validation/pod-checks';

/** Native sidecars need Kubernetes 1.29: the field exists from 1.28 but is off by default there. */
export const NATIVE_SIDECAR_MIN_MINOR = 29;

/**
 * Probes of a native sidecar. The API server accepts them on init containers with `restartPolicy: Always`
 * (not on other init containers, which is why cdk8s-plus refuses them in `addInitContainer` on an init
 * container without `restartPolicy: Always`, and cdk8s-plus-27, which has no such prop, on all): a startup
 * probe holds back the containers after the sidecar until it is started, a readiness probe counts toward
 * the pod's readiness.
 */
export interface NativeSidecarProbes {
  /** @default - none */
  readonly startup?: kplus.Probe;
  /** @default - none */
  readonly readiness?: kplus.Probe;
  /** @default - none */
  readonly liveness?: kplus.Probe;
}

/**
 * Emits init containers as native sidecars (`restartPolicy: Always`, Kubernetes 1.29+), for any init
 * container, on every cdk8s-plus major: cdk8s-plus-27 cannot express the field, and from 28 it can only be
 * given when the container is added (see `WorkloadManifest` for how the field reaches the YAML). Native
 * sidecars are moved to the front of `initContainers`, in the order they were added, so they start before
 * every init step. On cdk8s-plus-28 and later, an init container added with
 * `restartPolicy: kplus.ContainerRestartPolicy.ALWAYS` is already one; the patterns add theirs that way.
 */
export class NativeSidecars {
  /** The native sidecars of a workload; the first call marks the pod as needing Kubernetes 1.29. */
  public static of(workload: kplus.AbstractPod): NativeSidecars {
    assertWorkload(workload, 'NativeSidecars.of');
    return new NativeSidecars(workload);
  }

  private readonly manifest: WorkloadManifest;

  private constructor(private readonly workload: kplus.AbstractPod) {
    this.manifest = WorkloadManifest.of(workload);
    PodChecks.of(workload).requireKubernetesMinor(NATIVE_SIDECAR_MIN_MINOR);
  }

  /** Names of the init containers emitted as native sidecars. */
  public get containerNames(): string[] {
    return this.manifest.sidecarNames;
  }

  /** Marks an init container of the workload as a native sidecar, optionally with probes. */
  public add(container: kplus.Container, probes: NativeSidecarProbes = {}): void {
    assertContainer(this.workload, `${podSpecFieldPath(this.workload)}.initContainers`, container);
    probes = propsOrEmpty(this.workload, 'probes', probes);
    if (!this.workload.initContainers.includes(container)) {
      throw new PodPatternError(this.workload, {
        rule: 'native-sidecar-container',
        field: `${podSpecFieldPath(this.workload)}.initContainers`,
        problem: `container "${container.name}" is not an init container of this workload`,
        fix: 'add it with addInitContainer first',
      });
    }
    this.manifest.addSidecar(container.name, renderProbes(container, probes));
  }
}

/**
 * Renders the probes as cdk8s-plus renders them on an app container of the same name and ports (a probe's
 * default port is its container's), through a throwaway Pod in a throwaway app: cdk8s-plus has no public
 * way to render a probe alone, and refuses probes on init containers.
 */
function renderProbes(container: kplus.Container, probes: NativeSidecarProbes): Record<string, unknown> {
  const given = (['startup', 'readiness', 'liveness'] as const).filter((kind) => probes[kind] !== undefined);
  if (given.length === 0) return {};
  // `ports` lists the port of `portNumber` too: given twice, cdk8s-plus refuses it as a duplicate.
  const ports = container.ports.filter((port) => port.number !== container.portNumber);
  const pod = new kplus.Pod(new Chart(new App(), 'probes'), 'pod', {
    containers: [{ name: container.name, image: container.image, portNumber: container.portNumber, ports, ...probes }],
  });
  const rendered = ApiObject.of(pod).toJson().spec.containers[0];
  return Object.fromEntries(given.map((kind) => [`${kind}Probe`, rendered[`${kind}Probe`]]));
}
