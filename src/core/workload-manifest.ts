import { ApiObject, ApiObjectMetadataDefinition, JsonPatch } from 'cdk8s';
import { kplus } from './cdk8s-plus';
import { cdk8sRender, filterAsL1, filtersToSame, isGeneratedL1 } from './l1-render';
import { podSpecSegments } from './pod-spec';
import { sharedShapeCopy } from './shared-shape-copy';
import { missingStatefulSetVolumes } from './stateful-set-volumes';

/**
 * Called with every fresh render the workload is about to hand out as its output (see
 * `WorkloadManifest.toJson`); returns the manifest to hand out, the same data.
 */
export type OutputGuard = (manifest: any) => any;

/**
 * The workload's manifest, re-hosted: the one mechanism by which the library takes part in what cdk8s
 * synthesizes for a cdk8s-plus workload. It serves what the public APIs cannot otherwise do:
 *
 * - **Image volumes.** No cdk8s-plus major has an image source in its Volume API, and the L1s of 27 to 30
 *   have no field for it: the volume is added as an emptyDir stand-in and emitted with its image source.
 * - **Native sidecars.** `restartPolicy: Always` on an init container, which the generated 1.27
 *   `toJson_Container` drops (it runs after JSON patches are applied, cdk8s-core issue 72, so a patch is
 *   silently lost): the field is set on the rendered result, where nothing can filter it away.
 * - **Checking what is emitted.** The checks (`PodChecks`) render through `render()`; everything else, the
 *   output of `cdk8s synth`, `Testing.synth` and a user's own `toJson()`, goes through `toJson()`, which
 *   renders afresh the same way and hands each manifest to the checks' guard before returning it. The guard compares it with the manifest
 *   the last validation checked and checks it there and then when it differs, so no manifest can leave
 *   unchecked, whatever changed since.
 *
 * How it is re-hosted: the workload's own ApiObject (the L1 cdk8s-plus created) is taken out of the
 * construct tree (`node.tryRemoveChild`, public constructs API) and this ApiObject takes its place and id,
 * which makes it the workload's `node.defaultChild`: what `ApiObject.of(workload)` returns and what the
 * chart synthesizes. It renders what the original's public `toJson()` renders, L1 filter included: through
 * cdk8s's public render of the original and the filter read from the L1's own generated code
 * (`l1-render.ts`), or through that `toJson()` itself where the two could differ. It shares the
 * original's metadata and forwards JSON patches to it, so labels, annotations and patches added
 * through either object reach the output exactly as they would without it (tests compare the two renders
 * for every workload kind on every major, and for every workload of the example app). No private field of cdk8s or
 * cdk8s-plus is read and no method of theirs is replaced; the one `@internal` method called restores a
 * StatefulSet's volumes on the majors that drop them (`stateful-set-volumes.ts`). Tests prove the native
 * sidecar field survives a real `cdk8s synth`, and that a change made after a validation is checked before
 * it is emitted.
 */
export class WorkloadManifest extends ApiObject {
  /** The workload's re-hosted manifest; the first call re-hosts it. */
  public static of(workload: kplus.AbstractPod): WorkloadManifest {
    const current = ApiObject.of(workload);
    // Not `instanceof`: ApiObject overrides Symbol.hasInstance to accept any ApiObject, subclasses included.
    if (Object.prototype.isPrototypeOf.call(WorkloadManifest.prototype, current)) return current as WorkloadManifest;
    workload.node.tryRemoveChild(current.node.id);
    return new WorkloadManifest(workload, current);
  }

  /** The original ApiObject (the L1 cdk8s-plus created), which still renders the workload. */
  private readonly original: ApiObject;
  /**
   * Native sidecars in the order they were added, with their rendered probes. This Map and the next are
   * made on first use: most workloads need neither, and an empty Map costs about 180 bytes per pod.
   */
  private sidecars: Map<string, Record<string, unknown>> | undefined;
  /** Volumes emitted with an image source, by name: no cdk8s-plus major has one in its Volume API. */
  private imageVolumes: Map<string, Record<string, unknown>> | undefined;
  private readonly specSegments: readonly string[];
  private readonly workload: kplus.AbstractPod;
  private outputGuard: OutputGuard | undefined;
  /** Counts the changes to what `completed` adds (sidecars, image sources), which no render shows. */
  private completions = 0;
  /**
   * The last render made for the checks, until the next output: the L1 form it was completed from, and
   * what the completions were then (see `toJson`).
   */
  private lastRender: { readonly filtered: unknown; readonly manifest: any; readonly completions: number } | undefined;

  private constructor(workload: kplus.AbstractPod, original: ApiObject) {
    super(workload, original.node.id, { apiVersion: original.apiVersion, kind: original.kind, metadata: { name: original.name } });
    this.original = original;
    this.workload = workload;
    this.specSegments = podSpecSegments(workload);
    // One metadata object for both, so `ApiObject.of(workload).metadata` edits what is emitted.
    (this as { metadata: ApiObjectMetadataDefinition }).metadata = original.metadata;
    this.node.addDependency(...original.node.dependencies);
  }

  /** Names of the init containers emitted as native sidecars, in the order they were added. */
  public get sidecarNames(): string[] {
    return this.sidecars ? [...this.sidecars.keys()] : [];
  }

  /** Emits the init container `name` as a native sidecar, with the given rendered probes. */
  public addSidecar(name: string, probes: Record<string, unknown>): void {
    (this.sidecars ??= new Map()).set(name, probes);
    this.completions++;
  }

  /**
   * Emits the pod volume `name` (added through cdk8s-plus as a stand-in, so that mounts can name it) with
   * this image source instead of the stand-in's.
   */
  public setImageVolume(name: string, image: Record<string, unknown>): void {
    (this.imageVolumes ??= new Map()).set(name, image);
    this.completions++;
  }

  /** Sets the function that sees every manifest handed out by `toJson()` (the checks' guard; one per workload). */
  public guardOutput(guard: OutputGuard): void {
    this.outputGuard = guard;
  }

  /** Patches apply to the original, before its L1 filter, exactly as they would without re-hosting. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.original.addJsonPatch(...ops);
  }

  /**
   * The manifest as it is now, freshly rendered: what the checks read and what `toJson()` hands out. It is
   * the original's own render, made by cdk8s's render of the original and the L1's filter as read from
   * the L1's generated code, without the L1's object building (`l1-render.ts`); where that cannot be sure
   * to give what the original's `toJson()` gives, it is a copy of that. Either way its objects share V8's
   * hidden classes (`shared-shape-copy.ts`): the checks read it faster, and it takes less memory while
   * the checks hold it (the output guard emits it when the next render is the same). The checks read it
   * and never change it: `toJson` may emit this very object.
   */
  public render(): any {
    const { filtered, manifest } = this.renderFrom(isGeneratedL1(this.original) ? cdk8sRender(this.original) : undefined);
    // A StatefulSet's restored volumes come from the workload itself, not from the render (stateful-set-volumes.ts).
    this.lastRender = filtered !== undefined && !(this.workload instanceof kplus.StatefulSet)
      ? { filtered, manifest, completions: this.completions } : undefined;
    return manifest;
  }

  /**
   * The output: a fresh render, handed to the checks' guard, which throws on a manifest with errors and
   * returns the manifest to emit (the copy it checked, when the render is the same data).
   *
   * cdk8s's render is always made afresh: only it says what is emitted after whatever ran since the
   * checks' render. When the L1's filter would make of it the same as it made for the checks, and no
   * completion changed since, the checks' manifest is the render (found in one walk, without making it
   * again); the guard then sees the very manifest it checked.
   */
  public toJson(): any {
    const last = this.lastRender;
    // Released at the first output: 10,000 workloads would otherwise hold 10,000 renders to the end.
    this.lastRender = undefined;
    const rendered = isGeneratedL1(this.original) ? cdk8sRender(this.original) : undefined;
    const unchanged = last !== undefined && last.completions === this.completions && filtersToSame(this.original, rendered, last.filtered);
    const manifest = unchanged ? last.manifest : this.renderFrom(rendered).manifest;
    return this.outputGuard ? this.outputGuard(manifest) : manifest;
  }

  /**
   * The completed manifest of cdk8s's render of the original (undefined: the original is no generated L1),
   * with the L1 form it was completed from when the L1's tables could filter it; otherwise it is completed
   * from a copy of the original's own `toJson()`.
   */
  private renderFrom(rendered: unknown): { readonly filtered: unknown; readonly manifest: any } {
    const filtered = rendered === undefined ? undefined : filterAsL1(this.original, rendered);
    return { filtered, manifest: this.completed(filtered ?? sharedShapeCopy(this.original.toJson())) };
  }

  /**
   * A render of the original with what the workload's own render lacks: a StatefulSet's volumes, image
   * sources, native sidecars. The render itself is left as it is (the parts that change are new objects):
   * `toJson` compares later renders with it.
   */
  private completed(manifest: any): any {
    let spec = manifest;
    for (const key of this.specSegments) spec = spec?.[key];
    if (spec === null || typeof spec !== 'object') return manifest;
    let volumes: any[] | undefined = spec.volumes;
    const restored = missingStatefulSetVolumes(this.workload, spec);
    if (restored.length > 0) volumes = [...(volumes ?? []), ...restored];
    const imageVolumes = this.imageVolumes;
    if (Array.isArray(volumes) && imageVolumes) {
      volumes = volumes.map((volume) => {
        const image = imageVolumes.get(volume?.name);
        return image ? { name: volume.name, image: { ...image } } : volume;
      });
    }
    let init: any[] | undefined = spec.initContainers;
    const probes = this.sidecars;
    if (Array.isArray(init) && probes) {
      const all = init;
      const sidecars = this.sidecarNames.map((name) => all.find((c) => c?.name === name)).filter((c) => c !== undefined);
      // Copies, with a copy of the probes: an emitted manifest is the caller's to keep or change, without touching the next one.
      const native = sidecars.map((c) => Object.assign({}, c, { restartPolicy: 'Always' }, sharedShapeCopy(probes.get(c.name))));
      // Native sidecars start before every init step: first among the init containers, in the order added.
      init = [...native, ...all.filter((c) => !sidecars.includes(c))];
    }
    if (volumes === spec.volumes && init === spec.initContainers) return manifest;
    const completedSpec = Object.assign({}, spec);
    if (volumes !== spec.volumes) completedSpec.volumes = volumes;
    if (init !== spec.initContainers) completedSpec.initContainers = init;
    return withPodSpec(manifest, this.specSegments, completedSpec);
  }
}

/** A copy of the manifest with another pod spec at `segments`: the objects on the way are copied, key order kept. */
function withPodSpec(manifest: any, segments: readonly string[], spec: any): any {
  if (segments.length === 0) return spec;
  const [first, ...rest] = segments;
  return Object.assign({}, manifest, { [first]: withPodSpec(manifest[first], rest, spec) });
}
