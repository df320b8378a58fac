import { kplus } from './cdk8s-plus';

/**
 * What a pattern remembers about a workload for the patterns applied after it (the sidecars the patterns
 * attached, which none takes for an app container; the adapter whose scrape annotations the pod carries),
 * kept beside the workload rather than in its construct tree: a child construct per mark cost every pod a
 * construct, a node and its scopes (about 700 bytes each), took an id a user might want, and was walked by
 * every tree traversal of every synthesis. The marks live as long as the workload (a WeakMap), and hold
 * nothing that is rendered.
 */
export class WorkloadMarks<T> {
  private readonly byWorkload = new WeakMap<kplus.AbstractPod, T[]>();

  /** Remembers `mark` for the workload, after the marks added before it. */
  public add(workload: kplus.AbstractPod, mark: T): void {
    const marks = this.byWorkload.get(workload);
    if (marks) marks.push(mark);
    else this.byWorkload.set(workload, [mark]);
  }

  /** The workload's marks, in the order they were added. */
  public allOf(workload: kplus.AbstractPod): readonly T[] {
    return this.byWorkload.get(workload) ?? [];
  }
}
