import { IConstruct } from 'constructs';

/** What a `PodPatternError` reports: named fields, so the four strings cannot be swapped by accident. */
export interface PodPatternErrorProps {
  /** The rule id, as in the check engine's findings (`port-conflict`). */
  readonly rule: string;
  /** The field path in the manifest or the props (`spec.containers[1].ports[0].containerPort`). */
  readonly field: string;
  /** What is wrong, with the value that was given (`Invalid value 70000: must be between 1 and 65535`). */
  readonly problem: string;
  /** How to fix it, as an instruction (`use a port number from 1 to 65535`). */
  readonly fix: string;
}

/**
 * Raised when a pattern receives input that Kubernetes would reject, or that would break the pod at run
 * time. The message names the construct path, the field path in the manifest, what is wrong and the fix,
 * so a failing `cdk8s synth` in CI can be acted on without opening the code.
 */
export class PodPatternError extends Error {
  public readonly constructPath: string;
  public readonly rule: string;
  public readonly field: string;
  public readonly problem: string;
  public readonly fix: string;

  constructor(scope: IConstruct, props: PodPatternErrorProps) {
    super(`${scope.node.path}: ${props.field}: ${props.problem}. Fix: ${props.fix}. [${props.rule}]`);
    this.name = 'PodPatternError';
    this.constructPath = scope.node.path;
    this.rule = props.rule;
    this.field = props.field;
    this.problem = props.problem;
    this.fix = props.fix;
  }
}
