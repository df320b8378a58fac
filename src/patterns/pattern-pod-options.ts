import { PodSecurityLevel } from '../checks/pod-context';

/** Props every Pod-shaped pattern entry point shares. */
export interface PatternPodOptions {
  /**
   * The Pod Security Standard the pod must meet: the checks fail synthesis on any violation of it. Lower it
   * only for images that need it (root, host paths, host ports); the choice is written into the pod's
   * `cdk8s-pod-patterns/pod-security` annotation.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
}
