import { Construct } from 'constructs';
import { kplus } from '../core/cdk8s-plus';
import { PodPatternError } from '../core/pod-pattern-error';
import { podSpecFieldPath } from '../core/pod-spec';
import { withRestrictedCapabilities } from '../core/restricted-defaults';
import { assertWorkload, listOrEmpty, propsOrEmpty, requiredProps } from '../core/untyped-input';
import { PodChecks } from '../validation/pod-checks';
import { assertContainerName, containerFieldPath } from './_container-rules';
import { PatternPod } from './pattern-pod';
import { PatternPodOptions } from './pattern-pod-options';

/**
 * One step of an init chain: a container that runs to completion before the next step starts. Its name
 * is required because it is what `kubectl describe` and `kubectl logs -c` show while the pod waits on it.
 */
export interface InitStepProps extends kplus.ContainerProps {
  readonly name: string;
}

/** Props of `InitChain.addTo`: the steps, in the order they run. */
export interface InitChainProps {
  /**
   * The steps, in the order they run.
   * @default - none; append them with `addStep`
   */
  readonly steps?: InitStepProps[];
}

/** The chain of each workload, held beside it (as `PodChecks` are: state that renders nothing needs no construct). */
const chainOf = new WeakMap<kplus.AbstractPod, InitChain>();

/**
 * The init-chain pattern on any cdk8s-plus workload: init containers that run one after another, each to
 * completion, before the app containers start. The order of `addStep` calls is the order in the manifest.
 * Steps and app containers exchange files through a volume mounted in both (`volumeMounts`, or
 * `SharedVolume.mount` for a step).
 */
export class InitChain {
  /**
   * Applies the pattern to a workload. A workload has one chain: a second call returns the same chain,
   * extended with the new steps.
   */
  public static addTo(workload: kplus.AbstractPod, props: InitChainProps = {}): InitChain {
    assertWorkload(workload, 'InitChain.addTo');
    const chain = chainOf.get(workload) ?? new InitChain(workload);
    for (const step of listOrEmpty(workload, 'steps', propsOrEmpty(workload, 'props', props).steps)) {
      chain.addStep(step);
    }
    return chain;
  }

  public readonly workload: kplus.AbstractPod;
  private readonly _steps: kplus.Container[] = [];
  /** True while the chain itself adds a step's container to the workload (see `InitChainPod`). */
  private addingStep = false;

  private constructor(workload: kplus.AbstractPod) {
    this.workload = workload;
    chainOf.set(workload, this);
    PodChecks.of(workload);
    workload.node.addValidation({ validate: () => this.validateHasAppContainer() });
  }

  /** The steps in the order they run (a copy; use `addStep` to extend the chain). */
  public get steps(): kplus.Container[] {
    return [...this._steps];
  }

  /** Appends a step that runs after every step added before it. */
  public addStep(props: InitStepProps): kplus.Container {
    const field = containerFieldPath(this.workload, 'initContainers', this.workload.initContainers.length);
    requiredProps(this.workload, field, props);
    this.assertRunsToCompletion(field, props);
    assertContainerName(this.workload, field, props.name);
    this.addingStep = true;
    try {
      const step = this.workload.addInitContainer(withRestrictedCapabilities(props));
      this._steps.push(step);
      return step;
    } finally {
      this.addingStep = false;
    }
  }

  /** @internal True while `addStep` is adding a container: a workload that routes its init containers here uses it. */
  public get _isAddingStep(): boolean {
    return this.addingStep;
  }

  /**
   * Kubernetes rejects probes and lifecycle hooks on init containers: a step must simply run and exit.
   * cdk8s-plus adds a startup probe to any container given `portNumber`, so that is rejected here too.
   */
  private assertRunsToCompletion(field: string, props: InitStepProps): void {
    const forbidden: Array<[keyof InitStepProps, string]> = [
      ['readiness', 'readinessProbe'],
      ['liveness', 'livenessProbe'],
      ['startup', 'startupProbe'],
      ['lifecycle', 'lifecycle'],
    ];
    for (const [prop, k8sField] of forbidden) {
      if (props[prop] !== undefined) {
        throw new PodPatternError(this.workload, {
          rule: 'init-container-fields',
          field: `${field}.${k8sField}`,
          problem: `Forbidden: may not be set for init containers (step "${props.name}" must run to completion, not be probed)`,
          fix: `remove "${prop}" from the step, or make "${props.name}" an app container`,
        });
      }
    }
    if (props.portNumber !== undefined || props.port !== undefined) {
      throw new PodPatternError(this.workload, {
        rule: 'init-container-fields',
        field: `${field}.startupProbe`,
        problem: `Forbidden: may not be set for init containers (cdk8s-plus adds a startup probe to step "${props.name}" because it has portNumber)`,
        fix: 'declare the port with "ports: [{ number }]" instead of "portNumber"',
      });
    }
  }

  private validateHasAppContainer(): string[] {
    if (this.workload.containers.length > 0) return [];
    return [`${podSpecFieldPath(this.workload)}.containers: Required value: the init chain `
      + `(${this._steps.map((s) => s.name).join(' -> ')}) runs before the app containers, but there are none. `
      + 'Fix: add at least one app container (containers prop or addContainer).'];
  }
}

/** Props of `InitChainPod`: a `kplus.Pod`'s props (init containers come as `steps`). */
export interface InitChainPodProps extends Omit<kplus.PodProps, 'initContainers'>, PatternPodOptions {
  /**
   * The init steps, in the order they run before the app containers.
   * @default - none; append them with `addStep` (or `addInitContainer`)
   */
  readonly steps?: InitStepProps[];
}

/**
 * A Pod whose init containers run as an ordered chain before its app containers: the Pod-shaped entry
 * point of `InitChain`. It is a real `kplus.Pod`.
 */
export class InitChainPod extends PatternPod {
  public readonly initChain: InitChain;

  constructor(scope: Construct, id: string, props: InitChainPodProps = {}) {
    const { steps, ...podProps } =
      propsOrEmpty(scope, 'props', props ?? undefined) as InitChainPodProps & { initSteps?: unknown; initContainers?: unknown };
    for (const old of ['initSteps', 'initContainers'] as const) {
      if ((podProps as Record<string, unknown>)[old] !== undefined) {
        throw new PodPatternError(scope, {
          rule: 'props',
          field: old,
          problem: `Unknown prop "${old}": an InitChainPod takes its init containers as "steps", which run in order`,
          fix: `rename "${old}" to "steps"`,
        });
      }
    }
    super(scope, id, podProps as kplus.PodProps);
    this.initChain = InitChain.addTo(this, { steps });
  }

  /** Appends a step to the chain. */
  public addStep(props: InitStepProps): kplus.Container {
    return this.initChain.addStep(props);
  }

  /**
   * An init container of this pod is a step of its chain, however it is added: this runs the chain's
   * checks and appends it to `initChain.steps`, exactly as `addStep` does.
   */
  public addInitContainer(props: kplus.ContainerProps): kplus.Container {
    if (this.initChain === undefined || this.initChain._isAddingStep) return super.addInitContainer(props);
    return this.initChain.addStep(props as InitStepProps);
  }
}
