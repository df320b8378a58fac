import { IConstruct } from 'constructs';
import { OWN_CDK8S_PLUS, OWN_ENTRY_POINT } from './cdk8s-plus-origin';
import { PodPatternError } from './pod-pattern-error';

/**
 * One app, one entry point. Each entry point of the package is bound to its own cdk8s-plus major, so an app
 * that takes patterns from two of them holds workloads of two majors: two copies of every cdk8s-plus class,
 * none usable with the other's patterns. The first pattern applied in an app records its entry point on the
 * construct tree's root (a symbol that every build of the package shares), and a pattern of another entry
 * point is refused in the same words as a workload of another major.
 */
const ENTRY_POINT = Symbol.for('cdk8s-pod-patterns.entry-point');

interface Claim {
  readonly entryPoint: string;
  readonly pkg: string;
  readonly path: string;
}

export function claimAppForEntryPoint(workload: IConstruct, what: string): void {
  const root = workload.node.root as unknown as Record<symbol, Claim | undefined>;
  const claim = root[ENTRY_POINT];
  if (claim === undefined) {
    Object.defineProperty(root, ENTRY_POINT, {
      value: { entryPoint: OWN_ENTRY_POINT, pkg: OWN_CDK8S_PLUS.pkg, path: workload.node.path },
      enumerable: false,
    });
    return;
  }
  if (claim.entryPoint === OWN_ENTRY_POINT) return;
  throw new PodPatternError(workload, {
    rule: 'cdk8s-plus-major',
    field: 'workload',
    problem: `Invalid value a workload for the entry point '${OWN_ENTRY_POINT}' (${OWN_CDK8S_PLUS.pkg}) in an app that already `
      + `uses '${claim.entryPoint}' (${claim.pkg}, first at ${claim.path || 'the app'}); ${what} cannot mix them`,
    fix: `write every workload of the app with one cdk8s-plus major and import the patterns from that major's entry point only`,
  });
}
