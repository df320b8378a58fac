import { ApiObject, ApiObjectMetadataDefinition, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { podSpecSegments } from '../core/pod-spec';

/**
 * The one mechanism for what the cdk8s-plus-27 L1 cannot express: `restartPolicy: Always` on an init
 * container (a native sidecar). The generated 1.27 `toJson_Container` drops fields it does not know, and it
 * runs after JSON patches are applied (cdk8s-core issue 72), so a patch is silently lost.
 *
 * So the workload's own ApiObject is re-hosted: it is taken out of the construct tree
 * (`node.tryRemoveChild`, public constructs API) and this ApiObject takes its place and id, which makes it
 * the workload's `node.defaultChild`, i.e. what `ApiObject.of(workload)` returns and what the chart
 * synthesizes. Its `toJson()` renders the original object through its own public `toJson()`, L1 filter
 * included, and then sets the field on the result, so nothing can filter it away. It shares the original's
 * metadata and forwards JSON patches to it, so labels, annotations and patches added through either object
 * reach the output exactly as they would without native sidecars.
 *
 * No private field of cdk8s or cdk8s-plus is read and no method of theirs is replaced. A test proves the
 * field survives a real `cdk8s synth`.
 */
export class NativeSidecarManifest extends ApiObject {
  /** The workload's re-hosted manifest; the first call re-hosts it. */
  public static of(workload: kplus.AbstractPod): NativeSidecarManifest {
    const current = ApiObject.of(workload);
    // Not `instanceof`: ApiObject overrides Symbol.hasInstance to accept any ApiObject, subclasses included.
    if (Object.prototype.isPrototypeOf.call(NativeSidecarManifest.prototype, current)) return current as NativeSidecarManifest;
    workload.node.tryRemoveChild(current.node.id);
    return new NativeSidecarManifest(workload, current);
  }

  /** The original ApiObject (the L1 cdk8s-plus created), which still renders the workload. */
  private readonly original: ApiObject;
  /** Native sidecars in the order they were added, with their rendered probes. */
  private readonly sidecars = new Map<string, Record<string, unknown>>();
  private readonly specSegments: readonly string[];

  private constructor(workload: kplus.AbstractPod, original: ApiObject) {
    super(workload, original.node.id, { apiVersion: original.apiVersion, kind: original.kind, metadata: { name: original.name } });
    this.original = original;
    this.specSegments = podSpecSegments(workload);
    // One metadata object for both, so `ApiObject.of(workload).metadata` edits what is emitted.
    (this as { metadata: ApiObjectMetadataDefinition }).metadata = original.metadata;
    this.node.addDependency(...original.node.dependencies);
  }

  /** Names of the init containers emitted as native sidecars, in the order they were added. */
  public get sidecarNames(): string[] {
    return [...this.sidecars.keys()];
  }

  /** Emits the init container `name` as a native sidecar, with the given rendered probes. */
  public addSidecar(name: string, probes: Record<string, unknown>): void {
    this.sidecars.set(name, probes);
  }

  /** Patches apply to the original, before its L1 filter, exactly as they would without re-hosting. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.original.addJsonPatch(...ops);
  }

  public toJson(): any {
    const manifest = this.original.toJson();
    let spec = manifest;
    for (const key of this.specSegments) spec = spec?.[key];
    const init: any[] | undefined = spec?.initContainers;
    if (!init) return manifest;
    const sidecars = this.sidecarNames.map((name) => init.find((c) => c.name === name)).filter((c) => c !== undefined);
    for (const sidecar of sidecars) Object.assign(sidecar, { restartPolicy: 'Always' }, this.sidecars.get(sidecar.name));
    // Native sidecars start before every init step: first among the init containers, in the order added.
    spec.initContainers = [...sidecars, ...init.filter((c) => !sidecars.includes(c))];
    return manifest;
  }
}
