import { Construct } from 'constructs';
import { kplus } from '../core/cdk8s-plus';
import { useRuntimeDefaultSeccomp, withRestrictedCapabilities } from '../core/restricted-defaults';
import { PodChecks } from '../validation/pod-checks';
import { PatternPodOptions } from './pattern-pod-options';

/**
 * The base of the Pod-shaped entry points: a `kplus.Pod` that meets the `restricted` Pod Security Standard
 * unless told otherwise. Every container added to it (in the props or later, through any method) drops
 * all capabilities when it runs as non-root, the pod uses the runtime's default seccomp profile, and the
 * check engine runs over it at synth time.
 */
export abstract class PatternPod extends kplus.Pod {
  public readonly checks: PodChecks;

  constructor(scope: Construct, id: string, props: kplus.PodProps & PatternPodOptions = {}) {
    const { podSecurity, ...podProps } = props ?? {};
    super(scope, id, podProps);
    this.checks = PodChecks.of(this);
    this.checks._requirePodSecurity(podSecurity ?? 'restricted', podSecurity === undefined
      ? `${this.constructor.name}'s default (its podSecurity prop)` : `the podSecurity prop of ${this.constructor.name}`);
    useRuntimeDefaultSeccomp(this);
  }

  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return super.addContainer(withRestrictedCapabilities(cont));
  }

  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return super.addInitContainer(withRestrictedCapabilities(cont));
  }
}
