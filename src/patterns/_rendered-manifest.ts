import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

/**
 * Renders a workload's manifest once per synthesis and shares it between the checks and the output.
 *
 * cdk8s validates the whole app before synthesis and again before each chart, and rendering a pod
 * (resolve, sort, the generated L1 filter) costs far more than checking it: checks that rendered on their
 * own would make every synthesis two or three times slower. So the render is cached, and reused only while
 * the workload's inputs are unchanged and within the same synchronous run:
 * - every use compares a fingerprint of the workload's unresolved inputs (its props with their lazies
 *   produced, its metadata and its JSON patches): about a fifth of the cost of a render, and exact, since
 *   these are everything `ApiObject.toJson()` reads (cdk8s-plus nests no further lazies in them);
 * - a cached render is handed out to the output at most once (callers may mutate what they get);
 * - every cache entry expires when control returns to the event loop.
 * Post-render transforms (native sidecars) are applied inside, so the checks see what is emitted.
 */
export class RenderedManifest {
  public static of(workload: kplus.AbstractPod): RenderedManifest {
    let rendered = REGISTRY.get(workload);
    if (!rendered) {
      rendered = new RenderedManifest(ApiObject.of(workload));
      REGISTRY.set(workload, rendered);
    }
    return rendered;
  }

  private readonly transforms: Array<(manifest: any) => void> = [];
  private readonly renderFresh: () => any;
  private cache?: { fingerprint: string; epoch: number; manifest?: any; derived: Map<string, unknown> };

  private constructor(private readonly apiObject: ApiObject) {
    const render = apiObject.toJson.bind(apiObject);
    this.renderFresh = () => {
      const manifest = render();
      for (const transform of this.transforms) transform(manifest);
      return manifest;
    };
    Object.defineProperty(apiObject, 'toJson', { value: () => this.forOutput(), configurable: true });
  }

  /** Adds a change applied to every render, after the L1 filter (nothing later can drop what it sets). */
  public addTransform(transform: (manifest: any) => void): void {
    this.transforms.push(transform);
    this.cache = undefined;
  }

  /**
   * A value derived from the current manifest (e.g. the check findings), computed at most once per
   * unchanged workload state. The manifest passed to `derive` must not be mutated.
   */
  public derived<T>(key: string, derive: (manifest: any) => T): T {
    const entry = this.current();
    if (!entry.derived.has(key)) {
      if (entry.manifest === undefined) entry.manifest = this.renderFresh();
      entry.derived.set(key, derive(entry.manifest));
    }
    return entry.derived.get(key) as T;
  }

  private forOutput(): any {
    const entry = this.current();
    const manifest = entry.manifest ?? this.renderFresh();
    entry.manifest = undefined;
    return manifest;
  }

  private current(): NonNullable<RenderedManifest['cache']> {
    const fingerprint = this.fingerprint();
    const epoch = currentEpoch();
    if (!this.cache || this.cache.fingerprint !== fingerprint || this.cache.epoch !== epoch) {
      this.cache = { fingerprint, epoch, derived: new Map() };
    }
    return this.cache;
  }

  private fingerprint(): string {
    const api = this.apiObject as unknown as { props: Record<string, unknown>; patches: unknown };
    const props: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(api.props)) props[key] = value instanceof Lazy ? value.produce() : value;
    return JSON.stringify([props, this.apiObject.metadata.toJson(), api.patches, this.transforms.length]);
  }
}

const REGISTRY = new WeakMap<kplus.AbstractPod, RenderedManifest>();

let epoch = 0;
let expiring = false;
/** A number that changes whenever control has returned to the event loop since the last call. */
function currentEpoch(): number {
  if (!expiring) {
    expiring = true;
    queueMicrotask(() => {
      epoch++;
      expiring = false;
    });
  }
  return epoch;
}
