import * as kplus from 'cdk8s-plus-27';
import { checkManifest, formatFinding, MIN_KUBERNETES_ANNOTATION, POD_SECURITY_ANNOTATION } from '../checks/engine';
import { Finding } from '../checks/finding';
import { POD_SECURITY_LEVELS, PodSecurityLevel } from '../checks/pod-context';
import { podSpecFieldPath } from '../patterns/_pod-spec';
import { RenderedManifest } from '../patterns/_rendered-manifest';
import { PodPatternError } from '../patterns/pod-pattern-error';
import { assertWorkload } from '../patterns/_untyped-input';

const CHECKS = new WeakMap<kplus.AbstractPod, PodChecks>();

/**
 * The context key that names the Kubernetes minor version the app is deployed to, e.g.
 * `app.node.setContext(KUBERNETES_TARGET_CONTEXT, 27)` (set it before adding charts). With it, a workload
 * that needs a newer Kubernetes (native sidecars need 1.29) fails synthesis instead of being emitted.
 */
export const KUBERNETES_TARGET_CONTEXT = 'cdk8s-pod-patterns:kubernetesMinor';

/**
 * The check engine on a cdk8s-plus workload, as a cdk8s validation: `app.synth()` runs every rule over the
 * workload's synthesized manifest and fails, before any file is written, with every error and the
 * construct path. Warnings are written to stderr.
 */
export class PodChecks {
  /**
   * The checks of a workload, registered on first use. `defaultPodSecurity` applies only then: the pattern
   * constructs ask for `restricted`; patterns added to a workload you created ask for `baseline`.
   */
  public static of(workload: kplus.AbstractPod, defaultPodSecurity: PodSecurityLevel = 'restricted'): PodChecks {
    assertWorkload(workload, 'PodChecks.of');
    let checks = CHECKS.get(workload);
    if (!checks) {
      checks = new PodChecks(workload, defaultPodSecurity);
      CHECKS.set(workload, checks);
    }
    return checks;
  }

  private _podSecurity: PodSecurityLevel;
  private _kubernetesMinor = 27;
  /** cdk8s may validate a tree more than once per synthesis; each warning is written once. */
  private readonly reported = new Set<string>();

  private constructor(public readonly workload: kplus.AbstractPod, podSecurity: PodSecurityLevel) {
    this._podSecurity = podSecurity;
    workload.node.addValidation({ validate: () => this.validate() });
  }

  /** The Pod Security Standard the pod must meet. */
  public get podSecurity(): PodSecurityLevel {
    return this._podSecurity;
  }

  /**
   * Declares the Pod Security Standard the pod must meet. A level below `restricted` is recorded in the
   * pod's `cdk8s-pod-patterns/pod-security` annotation, so the `cdk8s synth` validation plugin and anyone
   * reading the YAML see the choice.
   */
  public requirePodSecurity(level: PodSecurityLevel): void {
    if (!POD_SECURITY_LEVELS.includes(level)) {
      throw new PodPatternError(this.workload, 'pod-security', 'podSecurity',
        `Unsupported value ${JSON.stringify(level)}: supported values: "privileged", "baseline", "restricted"`, 'pass one of them');
    }
    this._podSecurity = level;
    if (level !== 'restricted') this.workload.podMetadata.addAnnotation(POD_SECURITY_ANNOTATION, level);
  }

  /** The oldest Kubernetes minor version the workload needs (27 for 1.27). */
  public get kubernetesMinor(): number {
    return this._kubernetesMinor;
  }

  /**
   * Raises the Kubernetes version the workload needs, e.g. to 29 for native sidecars. The need is written
   * into the pod's `cdk8s-pod-patterns/min-kubernetes-version` annotation, which is what the engine (and the
   * `cdk8s synth` plugin) compare with the cluster the app targets.
   */
  public requireKubernetesMinor(minor: number): void {
    if (minor <= this._kubernetesMinor) return;
    this._kubernetesMinor = minor;
    this.workload.podMetadata.addAnnotation(MIN_KUBERNETES_ANNOTATION, `1.${minor}`);
  }

  /** Runs the engine over the workload's manifest now (what the validation does at synth time). */
  public findings(): Finding[] {
    if (this.workload.containers.length === 0) {
      // cdk8s-plus refuses to render a pod spec without containers; say it the engine's way instead.
      return [{ rule: 'containers-required', severity: 'error', path: `${podSpecFieldPath(this.workload)}.containers`, message: 'Required value', fix: 'add at least one app container' }];
    }
    const options = { podSecurity: this._podSecurity, podSecurityDeclared: false, kubernetesMinor: this.targetMinor() };
    return RenderedManifest.of(this.workload).derived(`checks:${JSON.stringify(options)}`, (manifest) => checkManifest(manifest, options));
  }

  /** The cluster's minor version from the app's context, when the app declares one. */
  private targetMinor(): number | undefined {
    const value: unknown = this.workload.node.tryGetContext(KUBERNETES_TARGET_CONTEXT);
    if (value === undefined) return undefined;
    const minor = typeof value === 'string' ? (/^(1\.)?\d+$/.test(value) ? Number(value.replace(/^1\./, '')) : undefined) : value;
    if (typeof minor !== 'number' || !Number.isInteger(minor) || minor < 0) {
      throw new PodPatternError(this.workload, 'kubernetes-target', `context ${KUBERNETES_TARGET_CONTEXT}`,
        `Invalid value ${JSON.stringify(value)}: must be a Kubernetes minor version`, 'set it to a number such as 29 (or the string "1.29")');
    }
    return minor;
  }

  private validate(): string[] {
    const findings = this.findings();
    for (const warning of findings.filter((f) => f.severity === 'warning').map(formatFinding)) {
      if (this.reported.has(warning)) continue;
      this.reported.add(warning);
      process.stderr.write(`[cdk8s-pod-patterns] ${this.workload.node.path}: ${warning}\n`);
    }
    return findings.filter((f) => f.severity === 'error').map(formatFinding);
  }
}
