import { IConstruct } from 'constructs';

/**
 * Raised when a pattern receives input that Kubernetes would reject, or that would break the pod at run
 * time. The message names the construct path, the field path in the manifest, what is wrong and the fix,
 * so a failing `cdk8s synth` in CI can be acted on without opening the code.
 */
export class PodPatternError extends Error {
  public readonly constructPath: string;

  constructor(
    scope: IConstruct,
    /** The rule id, as in the check engine's findings (`port-conflict`). */
    public readonly rule: string,
    public readonly field: string,
    public readonly problem: string,
    public readonly fix: string,
  ) {
    super(`${scope.node.path}: ${field}: ${problem}. Fix: ${fix}. [${rule}]`);
    this.name = 'PodPatternError';
    this.constructPath = scope.node.path;
  }
}
