/**
 * How bad a finding is: errors fail synthesis, warnings are reported. `accepted` is a finding the pod
 * records a decision about (its `cdk8s-pod-patterns/accept` annotation with a reason, or the Pod Security
 * level it declares): reported with the reason, it fails nothing, `failOnWarnings` included.
 */
export type Severity = 'error' | 'warning' | 'accepted';

/** One problem the checks found in a pod. */
export interface Finding {
  /** Stable rule id, e.g. `port-conflict`; the README lists every rule. */
  readonly rule: string;
  readonly severity: Severity;
  /** Field path in the manifest, as the API server prints it: `spec.containers[1].ports[0].containerPort`. */
  readonly path: string;
  /** What is wrong, in the API server's words where it has some. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** For an `accepted` finding: the reason the pod gives. */
  readonly acceptedBecause?: string;
}

/**
 * What a rule says of one value, before it is placed in a manifest: the message and fix of a `Finding`.
 * The engine and the constructs' early checks judge a value with the same function and report its words.
 */
export interface RuleProblem {
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
}
