import * as kplus from 'cdk8s-plus-27';
import { PodChecks } from '../validation/pod-checks';
import { podSpecFieldPath, podSpecSegments } from './_pod-spec';
import { PodPatternError } from './pod-pattern-error';
import { RenderedManifest } from './_rendered-manifest';
import { assertContainer, assertWorkload, propsOrEmpty } from './_untyped-input';

/** Native sidecars need Kubernetes 1.29: the field exists from 1.28 but is off by default there. */
export const NATIVE_SIDECAR_MIN_MINOR = 29;

const REGISTRY = new WeakMap<kplus.AbstractPod, NativeSidecars>();

/**
 * Probes of a native sidecar. The API server accepts them on init containers with `restartPolicy: Always`
 * (not on other init containers, which is why cdk8s-plus-27 refuses them in `addInitContainer`): a startup
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
 * Emits init containers as native sidecars (`restartPolicy: Always`, Kubernetes 1.29+), which cdk8s-plus-27
 * cannot express: its Container has no such field, and the generated 1.27 L1 drops unknown container fields
 * after JSON patches are applied (cdk8s-core issue 72), so a patch would be silently lost.
 *
 * The mechanism: the workload's ApiObject renders as usual, including that filter; this class then sets
 * the field on the finished manifest, as a transform in `toJson()` of that one ApiObject (see
 * `RenderedManifest`), so nothing later can filter it away. Native sidecars are also moved to the front of `initContainers`, in the order they were added, so
 * they start before every init step. Tests prove the field reaches the YAML of a real `cdk8s synth`.
 */
export class NativeSidecars {
  /** The native sidecars of a workload; the first call installs the mechanism. */
  public static of(workload: kplus.AbstractPod): NativeSidecars {
    assertWorkload(workload, 'NativeSidecars.of');
    let sidecars = REGISTRY.get(workload);
    if (!sidecars) {
      sidecars = new NativeSidecars(workload);
      REGISTRY.set(workload, sidecars);
    }
    return sidecars;
  }

  private readonly names: string[] = [];
  private readonly probes = new Map<string, Record<string, unknown>>();

  private constructor(private readonly workload: kplus.AbstractPod) {
    RenderedManifest.of(workload).addTransform((manifest) => this.emit(manifest));
    PodChecks.of(workload, 'baseline').requireKubernetesMinor(NATIVE_SIDECAR_MIN_MINOR);
  }

  /** Names of the init containers emitted as native sidecars. */
  public get containerNames(): string[] {
    return [...this.names];
  }

  /** Marks an init container of the workload as a native sidecar, optionally with probes. */
  public add(container: kplus.Container, probes: NativeSidecarProbes = {}): void {
    assertContainer(this.workload, `${podSpecFieldPath(this.workload)}.initContainers`, container);
    probes = propsOrEmpty(this.workload, 'probes', probes);
    if (!this.workload.initContainers.includes(container)) {
      throw new PodPatternError(this.workload, 'native-sidecar-container', `${podSpecFieldPath(this.workload)}.initContainers`,
        `container "${container.name}" is not an init container of this workload`, 'add it with addInitContainer first');
    }
    this.names.push(container.name);
    const rendered: Record<string, unknown> = {};
    for (const [kind, probe] of Object.entries(probes) as Array<[keyof NativeSidecarProbes, kplus.Probe | undefined]>) {
      if (probe) rendered[`${kind}Probe`] = kplus.k8s.toJson_Probe(probe._toKube(container));
    }
    this.probes.set(container.name, rendered);
  }

  private emit(manifest: any): void {
    let spec = manifest;
    for (const key of podSpecSegments(this.workload)) spec = spec?.[key];
    const init: any[] | undefined = spec?.initContainers;
    if (!init) return;
    const sidecars = this.names.map((name) => init.find((c) => c.name === name)).filter((c) => c !== undefined);
    for (const sidecar of sidecars) Object.assign(sidecar, { restartPolicy: 'Always' }, this.probes.get(sidecar.name));
    spec.initContainers = [...sidecars, ...init.filter((c) => !sidecars.includes(c))];
  }
}
