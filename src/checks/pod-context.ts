import { list, obj, Plain } from './_plain';
import { quote } from './_quote';
import { Finding, RuleProblem, Severity } from './finding';
import { DEFAULT_MINOR, minorProblem } from './kubernetes-versions';

/** The Pod Security Standards levels, from least to most restrictive. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** The levels, from least to most restrictive. */
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/** The kind of object whose pod spec is checked: some rules depend on it (a Job's restartPolicy). */
export type PodOwnerKind =
  | 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'ReplicationController' | 'PodTemplate';

/** Options of `checkManifest` and `checkManifests`: the level to check, the target Kubernetes minor. */
export interface PodCheckOptions {
  /**
   * The Pod Security Standards level the pod must meet, as a namespace that enforces it would: violations
   * of it are errors. A pod's `cdk8s-pod-patterns/pod-security` annotation chooses for that pod.
   * @default - none chosen: nothing is enforced (Kubernetes' own default, as Pod Security admission enforces
   * `privileged` where nothing is configured), and what `baseline` forbids is reported as warnings
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Where `podSecurity` was chosen, in the words of the caller (`--pod-security restricted`), so that an
   * error it makes says which policy made it one.
   * @default 'the podSecurity option'
   */
  readonly podSecuritySource?: string;
  /**
   * Images must be pinned: an image without a tag or digest, or tagged `latest`, is an error (rule
   * `image-tag`). No Kubernetes component refuses such an image, so it is a policy to choose.
   * @default false: a warning
   */
  readonly requirePinnedImages?: boolean;
  /**
   * Where `requirePinnedImages` was chosen, in the words of the caller (`--require-pinned-images`).
   * @default 'the requirePinnedImages option'
   */
  readonly pinnedImagesSource?: string;
  /**
   * Whether `podSecurity` was declared for this pod (rather than a default): a pod that declares a level
   * below `restricted` gets one warning that says which level it really meets.
   * @default - true when podSecurity is given
   */
  readonly podSecurityDeclared?: boolean;
  /** @default 'Pod' */
  readonly ownerKind?: PodOwnerKind;
  /**
   * The Kubernetes minor version of the cluster the manifests are for (27 for 1.27): the rules are
   * evaluated for it (native sidecars need 29 or later, the sleep hook 30). `checkManifest` reports a pod
   * whose `cdk8s-pod-patterns/min-kubernetes-version` annotation asks for more (rule `min-kubernetes-version`).
   * @default - 35 (1.35, the oldest minor the Kubernetes project supports); `checkManifest`: the version the pod's annotation asks for if newer
   */
  readonly kubernetesMinor?: number;
  /**
   * Where `kubernetesMinor` was set, in the words of the caller (`--kubernetes`), for the fix of a pod that
   * needs a newer Kubernetes than the target.
   * @default 'kubernetesMinor'
   */
  readonly kubernetesMinorSource?: string;
  /**
   * The Pod Security policy version to check (27 for v1.27), as a namespace pins it with
   * `pod-security.kubernetes.io/enforce-version`; from 27 to 37.
   * @default - the target (`kubernetesMinor`): Pod Security admission enforces the policy of its own version
   */
  readonly podSecurityVersion?: number;
  /**
   * Volume names that exist outside the pod spec: a StatefulSet's `volumeClaimTemplates`.
   * @default - none
   */
  readonly claimTemplateNames?: readonly string[];
}

/** One container with where it sits in the manifest. */
export interface ContainerAt {
  readonly container: Plain;
  readonly path: string;
  readonly name: string;
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
  /** An init container with `restartPolicy: Always` (a native sidecar, Kubernetes 1.29+). */
  readonly restartable: boolean;
}

/** What every rule gets: the pod spec, where it is, and a place to put findings. */
export class PodContext {
  public readonly findings: Finding[] = [];
  /** The level enforced: the one chosen, or `privileged` when none was. */
  public readonly podSecurity: PodSecurityLevel;
  /** Whether a level was chosen (an option or the pod's annotation); without one, baseline is only warned of. */
  public readonly podSecurityChosen: boolean;
  public readonly podSecuritySource: string;
  public readonly podSecurityDeclared: boolean;
  public readonly requirePinnedImages: boolean;
  public readonly pinnedImagesSource: string;
  public readonly ownerKind: PodOwnerKind;
  public readonly kubernetesMinor: number;
  /** The Pod Security policy version the checks follow (27 for v1.27). */
  public readonly podSecurityVersion: number;
  public readonly containers: ContainerAt[];
  public readonly claimTemplateNames: readonly string[];
  /** The claim template names as a set: rules look a name up once per mount. */
  public readonly claimTemplates: ReadonlySet<string>;

  constructor(public readonly spec: Plain, public readonly specPath: string, options: PodCheckOptions, public readonly metadata?: Plain) {
    this.podSecurity = options.podSecurity ?? 'privileged';
    this.podSecurityChosen = options.podSecurity !== undefined;
    this.podSecuritySource = options.podSecuritySource ?? 'the podSecurity option';
    this.requirePinnedImages = options.requirePinnedImages === true;
    this.pinnedImagesSource = options.pinnedImagesSource ?? 'the requirePinnedImages option';
    if (!POD_SECURITY_LEVELS.includes(this.podSecurity)) {
      // A typo here would silently switch every Pod Security check off.
      throw new Error(`podSecurity: Unsupported value ${quote(this.podSecurity)}: supported values: "privileged", "baseline", "restricted"`);
    }
    this.podSecurityDeclared = options.podSecurityDeclared ?? options.podSecurity !== undefined;
    this.ownerKind = options.ownerKind ?? 'Pod';
    this.kubernetesMinor = options.kubernetesMinor ?? DEFAULT_MINOR;
    this.podSecurityVersion = options.podSecurityVersion ?? this.kubernetesMinor;
    // Options are the caller's code, not the input: a wrong one is a programming error, said at once.
    for (const [name, minor] of [['kubernetesMinor', this.kubernetesMinor], ['podSecurityVersion', this.podSecurityVersion]] as const) {
      const problem = minorProblem(minor);
      if (problem) throw new Error(`${name}: ${problem}`);
    }
    this.claimTemplateNames = options.claimTemplateNames ?? [];
    this.claimTemplates = new Set(this.claimTemplateNames);
    this.containers = [
      ...this.collect('initContainers'),
      ...this.collect('containers'),
      ...this.collect('ephemeralContainers'),
    ];
  }

  /** App containers and native sidecars: the containers that run at the same time. */
  public get concurrent(): ContainerAt[] {
    return this.containers.filter((c) => c.list === 'containers' || c.restartable);
  }

  public at(field: string): string {
    return `${this.specPath}.${field}`;
  }

  /** A path in the pod's metadata, beside its spec: `spec.template.metadata.annotations` for `spec.template.spec`. */
  public metadataAt(field: string): string {
    const parent = this.specPath.endsWith('.spec') ? `${this.specPath.slice(0, -'.spec'.length)}.` : '';
    return `${parent}metadata.${field}`;
  }

  public report(rule: string, severity: Severity, path: string, message: string, fix: string, acceptedBecause?: string): void {
    const finding = { rule, severity, path, message, fix };
    this.findings.push(acceptedBecause === undefined ? finding : { ...finding, acceptedBecause });
  }

  public error(rule: string, path: string, message: string, fix: string): void {
    this.report(rule, 'error', path, message, fix);
  }

  public warn(rule: string, path: string, message: string, fix: string): void {
    this.report(rule, 'warning', path, message, fix);
  }

  /** Reports what a shared judgement found (see `RuleProblem`) as errors at one path. */
  public errors(problems: readonly RuleProblem[], path: string): void {
    for (const p of problems) this.error(p.rule, path, p.message, p.fix);
  }

  private collect(key: ContainerAt['list']): ContainerAt[] {
    return list(this.spec[key]).flatMap((value, i) => {
      const container = obj(value);
      if (!container) return [];
      return [{
        container,
        path: this.at(`${key}[${i}]`),
        name: typeof container.name === 'string' ? container.name : '',
        list: key,
        restartable: key === 'initContainers' && container.restartPolicy === 'Always',
      }];
    });
  }
}
