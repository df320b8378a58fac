import { Lazy } from 'cdk8s';
import { ACCEPT_ANNOTATION, ACCEPT_REASON_ANNOTATION, acceptRuleProblem } from '../checks/accept';
import { checkManifest, formatFinding, MIN_KUBERNETES_ANNOTATION, POD_SECURITY_ANNOTATION } from '../checks/engine';
import { Finding } from '../checks/finding';
import { CONTROL } from '../checks/formats';
import { POD_SECURITY_LEVELS, PodSecurityLevel } from '../checks/pod-context';
import { kplus } from '../core/cdk8s-plus';
import { PodPatternError } from '../core/pod-pattern-error';
import { podSpecFieldPath } from '../core/pod-spec';
import { sameManifest } from '../core/same-manifest';
import { assertWorkload } from '../core/untyped-input';
import { WorkloadManifest } from '../core/workload-manifest';
import { targetMinorOf } from './kubernetes-target';

/** A rule a pattern adds over the finished manifest of its workload (e.g. a deadline set by a JSON patch). */
export type ManifestRule = (manifest: any) => Finding[];

/**
 * The checks of each workload. Held beside the workload, not as a child construct: a construct per pod would
 * be one more vertex in every tree walk cdk8s makes in a synthesis (each builds every construct's path), and
 * hold a node and its scopes, for state that renders nothing.
 */
const checksOf = new WeakMap<kplus.AbstractPod, PodChecks>();

/**
 * The check engine on a cdk8s-plus workload, as a cdk8s validation: `app.synth()` runs every rule over the
 * workload's manifest and fails, before any file is written, with every error and the construct path.
 * Warnings are written to stderr.
 *
 * cdk8s validates an app of C charts C + 1 times per synthesis (once in `synth()`, again in every
 * `Chart.toJson()`), and checking means rendering. So a validation renders and checks only when the
 * workload's manifest has been handed out since its last check (the first validation of every synthesis,
 * and the first after the workload's own chart is written); otherwise it reports the last findings again.
 * That is safe because the manifest is re-hosted (`WorkloadManifest`): every manifest handed out is
 * compared with the one last checked and, when it differs in any value or in the order of its keys, is
 * checked there and then, failing with the validation's own message. A change made after a validation (a
 * JSON patch, a container added in the same tick) can therefore never be emitted unchecked.
 *
 * Every pattern applied to one workload shares one set of checks (`PodChecks.of` returns the same object
 * for the same workload); the validation is registered on the workload's node.
 */
export class PodChecks {
  /**
   * The checks of a workload, registered on first use. The level they enforce is the last one declared with
   * `requirePodSecurity` (the pattern Pods declare `restricted` when they are created); for a workload nobody
   * declared a level for, none is enforced and what `baseline` forbids is a warning, as the `cdk8s synth`
   * plugin and the `check` command judge any pod by default.
   */
  public static of(workload: kplus.AbstractPod): PodChecks {
    assertWorkload(workload, 'PodChecks.of');
    return checksOf.get(workload) ?? new PodChecks(workload);
  }

  /** The workload being checked. */
  public readonly workload: kplus.AbstractPod;
  private _podSecurity: PodSecurityLevel | undefined;
  /** Who declared the level, named in the errors it makes. */
  private podSecuritySource = 'PodChecks.requirePodSecurity';
  /** Whether a level was declared: only a declared level below restricted is written into the YAML. */
  private podSecurityDeclared = false;
  private _kubernetesMinor = 27;
  private readonly manifestRules: ManifestRule[] = [];
  /** Accepted rules, each with its reason, in the order accepted (made on the first: most pods accept none). */
  private acceptances: Map<string, string> | undefined;
  /** cdk8s validates a tree more than once per synthesis; each warning is written once (made on the first). */
  private reported: Set<string> | undefined;
  private readonly manifest: WorkloadManifest;
  /**
   * The manifest the last validation checked, with the settings it was checked with and what the checks
   * found in it, until a manifest is handed out: the next validation after that checks afresh.
   */
  private lastChecked: { readonly manifest: unknown; readonly settings: string; readonly findings: Finding[] } | undefined;

  private constructor(workload: kplus.AbstractPod) {
    this.workload = workload;
    checksOf.set(workload, this);
    this.manifest = WorkloadManifest.of(workload);
    this.manifest.guardOutput((manifest) => this.guard(manifest));
    // The annotations are produced at render time, so the last declaration is what reaches the YAML.
    workload.podMetadata.addAnnotation(POD_SECURITY_ANNOTATION, Lazy.any({
      produce: () => (this.podSecurityDeclared && this._podSecurity !== 'restricted' ? this._podSecurity : undefined),
    }));
    workload.podMetadata.addAnnotation(MIN_KUBERNETES_ANNOTATION, Lazy.any({
      produce: () => (this._kubernetesMinor > 27 ? `1.${this._kubernetesMinor}` : undefined),
    }));
    workload.node.addValidation({ validate: () => this.validate() });
  }

  /**
   * Accepts the findings of one rule for this pod, with the reason: they are reported as `accepted` with
   * it, and fail nothing (`failOnWarnings` included). The decision is written into the pod's
   * `cdk8s-pod-patterns/accept` and `accept-reason` annotations, so the `cdk8s synth` plugin and anyone
   * reading the YAML see it. Only warnings and the library's own rules can be accepted: what the API server,
   * the kubelet or Pod Security admission refuses would still be refused.
   */
  public accept(rule: string, reason: string): void {
    const problem = typeof rule === 'string' ? acceptRuleProblem(rule) : `${JSON.stringify(rule)} is not a rule id`;
    if (problem) {
      throw new PodPatternError(this.workload, {
        rule: 'accept-annotation', field: 'accept(rule)', problem: `Invalid value: ${problem}`,
        fix: 'accept a rule id from the README\'s rule table that can be accepted (warnings and library rules)',
      });
    }
    if (typeof reason !== 'string' || reason.trim() === '' || reason.includes(';') || CONTROL.test(reason)) {
      throw new PodPatternError(this.workload, {
        rule: 'accept-annotation', field: 'accept(reason)',
        problem: `Required value: accepting "${rule}" needs a reason on one line, without ";"`,
        fix: 'say why the finding is right for this pod, e.g. accept("volume-unused", "mounted by an ephemeral debug container")',
      });
    }
    if (this.acceptances === undefined) {
      this.acceptances = new Map();
      this.annotateAcceptances(this.acceptances);
    }
    this.acceptances.set(rule, reason.trim());
  }

  /**
   * Writes the acceptances into the pod's annotations at render time. Annotations the user wrote before
   * (with the same keys) are kept: their rules stay accepted with their reason.
   */
  private annotateAcceptances(acceptances: ReadonlyMap<string, string>): void {
    const metadata = this.workload.podMetadata;
    const written: Record<string, unknown> = metadata.toJson().annotations ?? {};
    const earlierRules = typeof written[ACCEPT_ANNOTATION] === 'string' ? written[ACCEPT_ANNOTATION] : undefined;
    const earlierReason = typeof written[ACCEPT_REASON_ANNOTATION] === 'string' ? written[ACCEPT_REASON_ANNOTATION] : undefined;
    const rules = () => [earlierRules, ...acceptances.keys()].filter((r) => r !== undefined).join(',');
    const reasons = () => [earlierReason, ...[...acceptances].map(([rule, reason]) => `${rule}: ${reason}`)]
      .filter((r) => r !== undefined).join('; ');
    metadata.addAnnotation(ACCEPT_ANNOTATION, Lazy.any({ produce: rules }));
    metadata.addAnnotation(ACCEPT_REASON_ANNOTATION, Lazy.any({ produce: reasons }));
  }

  /** The Pod Security Standard the pod must meet: `privileged` (nothing enforced) until one is declared. */
  public get podSecurity(): PodSecurityLevel {
    return this._podSecurity ?? 'privileged';
  }

  /**
   * Declares the Pod Security Standard the pod must meet; the last declaration wins. A level below
   * `restricted` is recorded in the pod's `cdk8s-pod-patterns/pod-security` annotation, so the `cdk8s synth`
   * validation plugin and anyone reading the YAML see the choice.
   */
  public requirePodSecurity(level: PodSecurityLevel): void {
    this._requirePodSecurity(level, 'PodChecks.requirePodSecurity');
  }

  /** @internal `requirePodSecurity`, with who declared it (a pattern Pod's prop or default) for the messages. */
  public _requirePodSecurity(level: PodSecurityLevel, source: string): void {
    if (!POD_SECURITY_LEVELS.includes(level)) {
      throw new PodPatternError(this.workload, {
        rule: 'pod-security',
        field: 'podSecurity',
        problem: `Unsupported value ${JSON.stringify(level)}: supported values: "privileged", "baseline", "restricted"`,
        fix: 'pass one of them',
      });
    }
    this._podSecurity = level;
    this.podSecurityDeclared = true;
    this.podSecuritySource = source;
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
    this._kubernetesMinor = Math.max(this._kubernetesMinor, minor);
  }

  /** @internal Adds a pattern's rule over the finished manifest; it runs with the engine, on the same render. */
  public _addManifestRule(rule: ManifestRule): void {
    this.manifestRules.push(rule);
  }

  /**
   * Runs the engine over the workload's manifest now, rendered afresh (through the original ApiObject's
   * public `toJson()`, as the output is).
   */
  public findings(): Finding[] {
    if (this.workload.containers.length === 0) return [noContainersFinding(this.workload)];
    return this.check(this.manifest.render());
  }

  private check(manifest: unknown): Finding[] {
    const options = {
      podSecurity: this._podSecurity, podSecuritySource: this.podSecuritySource,
      podSecurityDeclared: false, kubernetesMinor: this.targetMinor(),
      kubernetesMinorSource: `app.node.setContext(KUBERNETES_TARGET_CONTEXT, <minor>)`,
    };
    const findings = checkManifest(manifest, options).map((f) => this.inConstructTerms(f));
    return [...findings, ...this.manifestRules.flatMap((rule) => rule(manifest))];
  }

  /** A fix in the words of the patterns where one of theirs is the cause: the sidecars they made native. */
  private inConstructTerms(finding: Finding): Finding {
    const sidecars = this.manifest.sidecarNames;
    const needed = /needs Kubernetes 1\.(\d+)/.exec(finding.message)?.[1];
    if (finding.rule !== 'min-kubernetes-version' || sidecars.length === 0 || needed === undefined) return finding;
    const names = sidecars.map((n) => `"${n}"`).join(', ');
    return { ...finding, fix: `raise the app's target to 1.${needed} or later (app.node.setContext(KUBERNETES_TARGET_CONTEXT, ${needed})), `
      + `or add the sidecar${sidecars.length > 1 ? 's' : ''} ${names} in another mode than SidecarMode.NATIVE `
      + '(the mode prop of LogSidecar, ProxySidecar and Ambassador; SidecarMode.CLASSIC runs on any Kubernetes)' };
  }

  /**
   * What the checks depend on besides the manifest: the level, the target and the patterns' rules. (The
   * acceptances and the minimum Kubernetes version are in the manifest, as annotations.)
   */
  private settings(): string {
    return `${this._podSecurity ?? ''} ${this.targetMinor() ?? ''} ${this.manifestRules.length}`;
  }

  /** The cluster's minor version from the app's context, when the app declares one. */
  private targetMinor(): number | undefined {
    return targetMinorOf(this.workload);
  }

  private validate(): string[] {
    if (this.workload.containers.length === 0) return [formatFinding(noContainersFinding(this.workload))];
    const settings = this.settings();
    if (this.lastChecked === undefined || this.lastChecked.settings !== settings) {
      const manifest = this.manifest.render();
      this.lastChecked = { manifest, settings, findings: this.check(manifest) };
    }
    return this.warnAndListErrors(this.lastChecked.findings);
  }

  /**
   * Sees every fresh render the workload is about to hand out, and returns what to hand out. When it is
   * the same data, in the same order, as the one the last validation checked, that checked copy is
   * emitted; any other is checked now, and refused with the message a validation gives when it has errors.
   */
  private guard(manifest: unknown): unknown {
    const checked = this.lastChecked;
    // The next validation checks afresh, so the checked manifest need not be kept (10,000 pods would hold
    // 10,000 of them until the end of the synthesis).
    this.lastChecked = undefined;
    // Same keys in the same order, leaves by Object.is (so NaN is not null, -0 is not 0): see same-manifest.ts.
    if (checked !== undefined && checked.settings === this.settings() && sameManifest(manifest, checked.manifest)) return checked.manifest;
    const errors = this.warnAndListErrors(this.check(manifest));
    if (errors.length > 0) {
      throw new Error(`Validation failed with the following errors:\n  ${errors.map((e) => `[${this.workload.node.path}] ${e}`).join('\n  ')}`);
    }
    return manifest;
  }

  /**
   * Writes the warnings (each once: cdk8s validates a tree more than once); returns the errors. Accepted
   * findings are decisions recorded in the pod: the plugin lists them, the synthesis stays quiet about them.
   */
  private warnAndListErrors(findings: readonly Finding[]): string[] {
    for (const finding of findings.filter((f) => f.severity === 'warning')) {
      const line = formatFinding(finding);
      const reported = (this.reported ??= new Set());
      if (reported.has(line)) continue;
      reported.add(line);
      process.stderr.write(`[cdk8s-pod-patterns] ${this.workload.node.path}: ${line}\n`);
    }
    return findings.filter((f) => f.severity === 'error').map(formatFinding);
  }
}

/** cdk8s-plus refuses to render a pod spec without containers; the checks say it the engine's way instead. */
function noContainersFinding(workload: kplus.AbstractPod): Finding {
  return {
    rule: 'containers-required',
    severity: 'error',
    path: `${podSpecFieldPath(workload)}.containers`,
    message: 'Required value',
    fix: 'add at least one app container',
  };
}
