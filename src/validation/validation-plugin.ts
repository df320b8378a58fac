import * as fs from 'fs';
import * as path from 'path';
import { checkManifest, formatFinding } from '../checks/engine';
import { Finding } from '../checks/finding';
import { minorProblem } from '../checks/kubernetes-versions';
import { PodCheckOptions, POD_SECURITY_LEVELS, PodSecurityLevel } from '../checks/pod-context';
import { podDiagramsMarkdown } from '../diagram/pod-diagram';
import { withStatefulSetVolumesHint } from './stateful-set-volumes-hint';

/** The parts of cdk8s-cli's `ValidationContext` the plugin uses (the CLI passes the real one). */
export interface PluginValidationContext {
  readonly manifests: readonly string[];
  parseManifest(manifestPath: string): any[];
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: Array<{ resourceName: string; locations: string[]; manifestPath: string }>;
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
  readonly logger: { log(message: string): void };
}

/** The `properties` of the plugin's entry in `cdk8s.yaml`. */
export interface PodPatternsValidationProps {
  /**
   * The Pod Security Standard that pods without a `cdk8s-pod-patterns/pod-security` annotation must meet, as
   * the namespaces they run in enforce it. Pods written with plain cdk8s-plus set no seccomp profile and
   * keep all capabilities, so they meet `baseline`, not `restricted`.
   * @default - none: nothing is enforced (as in a namespace without Pod Security labels), and what
   * `baseline` forbids is reported as warnings, as `check` and the constructs do
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Images must be pinned (a version tag or a digest, not `latest`): an unpinned image fails the synthesis
   * instead of being a warning (rule `image-tag`).
   * @default false
   */
  readonly requirePinnedImages?: boolean;
  /**
   * The Kubernetes minor version of the cluster the manifests are for (29 for 1.29). Pods are checked for
   * it, and a pod whose `cdk8s-pod-patterns/min-kubernetes-version` annotation needs a newer version fails
   * (rule `min-kubernetes-version`).
   * @default - 35 (1.35), or the version a pod's annotation asks for if newer
   */
  readonly kubernetesMinor?: number;
  /**
   * Fail the synthesis on warnings too. Accepted findings (a pod's `cdk8s-pod-patterns/accept` annotation
   * with its reason, or the level it declares) are reported as `[accepted]` and never fail.
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /**
   * Write a Markdown file with a Mermaid diagram of every pod next to each chart's YAML
   * (`dist/web.k8s.yaml` gets `dist/web.md`): the pause container, the containers, volumes, mounts and
   * ports, the init order, what the sidecars talk to, and the findings. Byte for byte the same for the
   * same manifests. A chart without pods gets none.
   * @default false
   */
  readonly diagrams?: boolean;
}

/**
 * The check engine as a `cdk8s synth` validation plugin: every Pod in the app, and the pod template of
 * every Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob, however it was written (pattern
 * constructs, plain cdk8s-plus, raw ApiObjects), is checked after synthesis.
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-pod-patterns/validation-plugin.js
 *     class: PodPatternsValidation
 *     version: 0.1.0
 *     properties: { podSecurity: baseline }
 * ```
 */
export class PodPatternsValidation {
  private readonly props: PodPatternsValidationProps;

  constructor(props: PodPatternsValidationProps = {}) {
    if (props.podSecurity !== undefined && !POD_SECURITY_LEVELS.includes(props.podSecurity)) {
      throw new Error('cdk8s.yaml, validations, PodPatternsValidation properties.podSecurity: '
        + `Unsupported value ${JSON.stringify(props.podSecurity)}: `
        + 'supported values: "privileged", "baseline", "restricted". Fix: use one of them (lower case).');
    }
    for (const flag of ['requirePinnedImages', 'failOnWarnings', 'diagrams'] as const) {
      if (props[flag] !== undefined && typeof props[flag] !== 'boolean') {
        throw new Error(`cdk8s.yaml, validations, PodPatternsValidation properties.${flag}: `
          + `Invalid value ${JSON.stringify(props[flag])}: must be true or false. Fix: write ${flag}: true (no quotes).`);
      }
    }
    const minorProblemText = props.kubernetesMinor === undefined ? undefined : minorProblem(props.kubernetesMinor);
    if (minorProblemText) {
      throw new Error('cdk8s.yaml, validations, PodPatternsValidation properties.kubernetesMinor: '
        + `Invalid value ${JSON.stringify(props.kubernetesMinor)}: ${minorProblemText}. Fix: e.g. 33 for Kubernetes 1.33.`);
    }
    this.props = props;
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    let failed = false;
    const options = {
      podSecurity: this.props.podSecurity, podSecuritySource: 'podSecurity in cdk8s.yaml', podSecurityDeclared: false,
      requirePinnedImages: this.props.requirePinnedImages === true, pinnedImagesSource: 'requirePinnedImages in cdk8s.yaml',
      kubernetesMinor: this.props.kubernetesMinor, kubernetesMinorSource: 'kubernetesMinor in cdk8s.yaml',
    };
    for (const manifestPath of context.manifests) {
      const docs = context.parseManifest(manifestPath);
      if (this.props.diagrams) writeDiagrams(manifestPath, docs, options);
      for (const doc of docs) {
        const findings = checkManifest(doc, options);
        for (const finding of findings.map((f) => withStatefulSetVolumesHint(f, doc))) {
          // An accepted finding is a decision the pod records: one plain line with its reason, never a
          // violation (cdk8s-cli prints every violation in bold red), and it fails nothing.
          if (finding.severity === 'accepted') {
            context.logger.log(`[cdk8s-pod-patterns] ${path.basename(manifestPath)}: ${String(doc?.kind ?? '')} `
              + `${String(doc?.metadata?.name ?? '')}: ${formatFinding(finding)}`);
            continue;
          }
          const fatal = finding.severity === 'error' || (finding.severity === 'warning' && this.props.failOnWarnings === true);
          failed = failed || fatal;
          context.report.addViolation(toViolation(finding, doc, manifestPath, fatal));
        }
      }
    }
    context.report.submit(failed ? 'failure' : 'success');
  }
}

/** `dist/web.k8s.yaml` -> `dist/web.md`, titled after the chart's file. */
function writeDiagrams(manifestPath: string, docs: unknown[], options: Omit<PodCheckOptions, 'ownerKind'>): void {
  const base = path.basename(manifestPath).replace(/(\.k8s)?\.ya?ml$/, '');
  const markdown = podDiagramsMarkdown(`${base}: its pods`, docs, options);
  if (markdown !== undefined) fs.writeFileSync(path.join(path.dirname(manifestPath), `${base}.md`), markdown);
}

function toViolation(finding: Finding, doc: any, manifestPath: string, fatal: boolean) {
  return {
    ruleName: `${fatal ? '' : '[warning] '}${finding.rule}`,
    recommendation: finding.message,
    fix: finding.fix,
    violatingResources: [{ resourceName: String(doc?.metadata?.name ?? ''), locations: [finding.path], manifestPath }],
  };
}
