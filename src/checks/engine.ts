import { list, obj, Plain, str } from './_plain';
import { cut, MAX_FINDING_TEXT, quote } from './_quote';
import { applyAcceptances } from './accept';
import { Finding } from './finding';
import { DEFAULT_MINOR, NEWEST_MINOR, OLDEST_MINOR } from './kubernetes-versions';
import { POD_SECURITY_LEVELS, PodCheckOptions, PodContext, PodOwnerKind, PodSecurityLevel } from './pod-context';
import { checkAffinity } from './rules/affinity';
import { checkApiVersion } from './rules/api-versions';
import { checkContainers } from './rules/containers';
import { checkEphemeralClaimNames } from './rules/ephemeral-volumes';
import { checkGatedFields } from './rules/gated-fields';
import { checkImageVolumes } from './rules/image-volumes';
import { checkKnownFields } from './rules/known-fields';
import { checkObjectMetadata } from './rules/metadata';
import { checkNames } from './rules/names';
import { checkPod } from './rules/pod';
import { checkPodAnnotations } from './rules/pod-annotations';
import { checkPodOs } from './rules/pod-os';
import { checkPodSecurity } from './rules/pod-security';
import { checkPorts } from './rules/ports';
import { checkResourceClaims } from './rules/resource-claims';
import { checkPodLevelResources, checkPodResourceConsistency } from './rules/resources';
import { checkRunToCompletion } from './rules/run-to-completion';
import { checkScheduling } from './rules/scheduling';
import { checkSecurityProfiles } from './rules/security-profiles';
import { checkServiceAccountToken } from './rules/service-account-token';
import { checkVolumes } from './rules/volumes';
import { checkWindowsOptions } from './rules/windows-options';
import { checkWorkloadSpec } from './rules/workload-spec';

/** The annotation on a pod (or a workload's pod template) that declares the Pod Security Standard it must meet. */
export const POD_SECURITY_ANNOTATION = 'cdk8s-pod-patterns/pod-security';

/** The annotation on a pod (or pod template) that declares the oldest Kubernetes it needs, e.g. `1.29`. */
export const MIN_KUBERNETES_ANNOTATION = 'cdk8s-pod-patterns/min-kubernetes-version';


/** Where each kind keeps its pod spec and pod metadata. */
export const POD_LOCATIONS: Readonly<Record<PodOwnerKind, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Runs every rule over one plain pod spec. */
export function checkPodSpec(spec: unknown, options: PodCheckOptions = {}, specPath = 'spec', podMetadata?: unknown): Finding[] {
  const plain = obj(spec);
  if (!plain) {
    return [{
      rule: 'pod-spec', severity: 'error', path: specPath,
      message: 'Required value: the pod spec is missing or not an object', fix: 'give the pod a spec with containers',
    }];
  }
  const ctx = new PodContext(plain, specPath, options, obj(podMetadata));
  checkPod(ctx);
  checkNames(ctx);
  checkContainers(ctx);
  checkVolumes(ctx);
  checkImageVolumes(ctx);
  checkPorts(ctx);
  checkPodSecurity(ctx);
  checkRunToCompletion(ctx);
  checkServiceAccountToken(ctx);
  checkGatedFields(ctx);
  checkScheduling(ctx);
  checkPodOs(ctx);
  checkAffinity(ctx);
  checkPodAnnotations(ctx);
  checkSecurityProfiles(ctx);
  checkWindowsOptions(ctx);
  checkPodLevelResources(ctx);
  checkPodResourceConsistency(ctx);
  checkResourceClaims(ctx);
  checkEphemeralClaimNames(ctx);
  return ctx.findings.map(bounded);
}

/** A finding whose message, path and fix are each at most `MAX_FINDING_TEXT` characters (with a marker). */
function bounded(finding: Finding): Finding {
  const long = (text: string) => text.length > MAX_FINDING_TEXT;
  if (!long(finding.message) && !long(finding.path) && !long(finding.fix) && !long(finding.acceptedBecause ?? '')) return finding;
  return {
    ...finding, message: cut(finding.message), path: cut(finding.path), fix: cut(finding.fix),
    ...(finding.acceptedBecause !== undefined ? { acceptedBecause: cut(finding.acceptedBecause) } : {}),
  };
}

/** True when the object is a kind whose pod spec the checks know how to find. */
export function hasPodSpec(manifest: unknown): boolean {
  const kind = str(obj(manifest)?.kind);
  return kind !== undefined && Object.hasOwn(POD_LOCATIONS, kind);
}

/**
 * Checks the pod inside one manifest (a Pod, or the pod template of a workload). The pod's own
 * `cdk8s-pod-patterns/pod-security` annotation, when present, decides the level it must meet. Returns
 * no findings for kinds without a pod.
 */
export function checkManifest(manifest: unknown, options: Omit<PodCheckOptions, 'ownerKind'> = {}): Finding[] {
  const doc = obj(manifest);
  const kind = str(doc?.kind) as PodOwnerKind | undefined;
  if (!doc || !kind || !Object.hasOwn(POD_LOCATIONS, kind)) return [];
  let holder: Plain | undefined = doc;
  for (const key of POD_LOCATIONS[kind]) holder = obj(holder?.[key]);
  const prefix = POD_LOCATIONS[kind].join('.');
  const metadataPath = prefix ? `${prefix}.metadata` : 'metadata';
  const specPath = prefix ? `${prefix}.spec` : 'spec';
  const podMetadata = obj(holder?.metadata);
  const findings: Finding[] = [];

  const declared = obj(podMetadata?.annotations)?.[POD_SECURITY_ANNOTATION];
  let podSecurity = options.podSecurity;
  let podSecuritySource = options.podSecuritySource;
  // The options give the level for pods that declare none; only the pod's annotation is a declaration.
  let podSecurityDeclared = options.podSecurityDeclared ?? false;
  if (declared !== undefined) {
    if (POD_SECURITY_LEVELS.includes(declared as PodSecurityLevel)) {
      podSecurity = declared as PodSecurityLevel;
      podSecuritySource = `the pod's ${POD_SECURITY_ANNOTATION} annotation`;
      podSecurityDeclared = true;
    } else {
      findings.push({
        rule: 'pod-security-annotation', severity: 'error', path: `${metadataPath}.annotations[${POD_SECURITY_ANNOTATION}]`,
        message: `Unsupported value: ${quote(declared)}: supported values: "privileged", "baseline", "restricted"`,
        fix: 'declare one of the three levels',
      });
    }
  }
  const minVersion = str(obj(podMetadata?.annotations)?.[MIN_KUBERNETES_ANNOTATION]);
  const minMinor = minVersion ? /^1\.(\d+)$/.exec(minVersion)?.[1] : undefined;
  if (minVersion !== undefined && minMinor === undefined) {
    findings.push({
      rule: 'min-kubernetes-annotation', severity: 'error', path: `${metadataPath}.annotations[${MIN_KUBERNETES_ANNOTATION}]`,
      message: `Invalid value: ${quote(minVersion)}: must be a Kubernetes version such as "1.29"`,
      fix: 'write the minor version as 1.<minor>',
    });
  }
  let needed = minMinor !== undefined ? Number(minMinor) : undefined;
  if (needed !== undefined && needed > NEWEST_MINOR) {
    // A pod from a newer tool, or a hostile value (1.999...): judged for the newest minor the rules know.
    findings.push({
      rule: 'min-kubernetes-unknown', severity: 'warning', path: `${metadataPath}.annotations[${MIN_KUBERNETES_ANNOTATION}]`,
      message: `the pod says it needs Kubernetes ${quote(minVersion)}, newer than the newest minor these checks know (1.${NEWEST_MINOR}); `
        + `it is checked for 1.${NEWEST_MINOR}`,
      fix: `write the minor the pod really needs (1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}), or update cdk8s-pod-patterns`,
    });
    needed = NEWEST_MINOR;
  }
  // A given kubernetesMinor is the cluster: the rules run for it, and a pod that needs more is told so.
  // Without one, the pod is checked for the default target, or the version it declares it needs if newer.
  const kubernetesMinor = options.kubernetesMinor ?? Math.max(DEFAULT_MINOR, needed ?? 0);
  if (options.kubernetesMinor !== undefined && needed !== undefined && needed > options.kubernetesMinor) {
    // Native sidecars are what makes most pods need 1.29: name them, so the fix names what to change.
    const sidecars = nativeSidecarNames(holder?.spec);
    const why = needed >= 29 && sidecars.length > 0 ? ` for its native sidecars (${sidecars.map((n) => quote(n)).join(', ')})` : '';
    findings.push({ rule: 'min-kubernetes-version', severity: 'error', path: `${metadataPath}.annotations[${MIN_KUBERNETES_ANNOTATION}]`,
      message: `the pod needs Kubernetes 1.${needed}${why} but the target is 1.${options.kubernetesMinor}`,
      fix: `raise the target to 1.${needed} or later (${options.kubernetesMinorSource ?? 'kubernetesMinor'}), or remove what needs the newer version`
        + (why ? ' (make the native sidecars regular containers: drop their restartPolicy: Always)' : '') });
  }
  // Loops, not push(...list): a spread of 100,000 findings overflows the stack.
  for (const f of checkApiVersion(kind, doc.apiVersion, kubernetesMinor)) findings.push(f);
  for (const f of checkObjectMetadata(kind, doc, templateMetadata(kind, doc))) findings.push(f);
  for (const f of checkWorkloadSpec(kind, doc, kubernetesMinor)) findings.push(f);
  const claimTemplateNames = list(obj(doc.spec)?.volumeClaimTemplates)
    .map((t) => str(obj(obj(t)?.metadata)?.name))
    .filter((n): n is string => n !== undefined);
  // Every field written out, not `{ ...options, podSecurity, ... }`: in V8 an object spread followed by more
  // keys gets a hidden class of its own each time, and the rules' optimized code, which saw one, was thrown
  // away for the next (shared-shape-copy.ts says more). The type makes a new option fail to compile here.
  const podOptions: { readonly [K in keyof Required<PodCheckOptions>]: PodCheckOptions[K] } = {
    podSecurity, podSecuritySource, podSecurityDeclared,
    requirePinnedImages: options.requirePinnedImages, pinnedImagesSource: options.pinnedImagesSource,
    ownerKind: kind, kubernetesMinor, kubernetesMinorSource: options.kubernetesMinorSource,
    podSecurityVersion: options.podSecurityVersion, claimTemplateNames,
  };
  const specFindings = checkPodSpec(holder?.spec, podOptions, specPath, podMetadata);
  // One cause, one error: a pod that declares it needs a newer Kubernetes than the target is told so once,
  // not again for each native sidecar that is the reason for the declaration.
  const declaredTooNew = findings.some((f) => f.rule === 'min-kubernetes-version');
  for (const f of specFindings) if (!(declaredTooNew && f.rule === 'native-sidecar-version')) findings.push(f);
  // One cause, one finding: an unknown field where another rule already explains the field is left out,
  // and a field the target does not know at all is that error, not also the warning that it is dropped.
  // A pod that declares it needs a newer Kubernetes than the target is told so once, not again for each
  // field of that newer minor it uses.
  // The minor from which the field works: new in it, or its gate on by default from it.
  const newIn = (u: Finding) => Number(/(?:the field is new in|on by default from) 1\.(\d+)/.exec(u.message)?.[1] ?? Infinity);
  const unknown = checkKnownFields(kind, doc, kubernetesMinor)
    .filter((u) => !findings.some((f) => f.severity === 'error' && f.path === u.path))
    .filter((u) => !(declaredTooNew && needed !== undefined && newIn(u) <= needed));
  const unknownPaths = new Set(unknown.filter((u) => u.severity === 'error').map((u) => u.path));
  const kept = findings.filter((f) => !(f.rule === 'field-needs-newer-kubernetes' && unknownPaths.has(f.path)));
  // The gate table of gated-fields.ts says it first where it knows the field.
  for (const f of unknown) if (!kept.some((k) => k.rule === f.rule && k.path === f.path)) kept.push(f);
  return applyAcceptances(kept, podMetadata, metadataPath).map(bounded);
}

/** The init containers with `restartPolicy: Always` of a pod spec. */
function nativeSidecarNames(spec: unknown): string[] {
  return list(obj(spec)?.initContainers).map(obj)
    .filter((c) => c?.restartPolicy === 'Always')
    .map((c) => str(c?.name) ?? '');
}

/** The metadata inside an object (its pod template; a CronJob's job template too), with their paths. */
function templateMetadata(kind: PodOwnerKind, doc: Plain): Array<[unknown, string]> {
  const out: Array<[unknown, string]> = [];
  let holder: Plain | undefined = doc;
  const at: string[] = [];
  for (const key of POD_LOCATIONS[kind]) {
    holder = obj(holder?.[key]);
    at.push(key);
    if (key === 'template' || key === 'jobTemplate') out.push([holder?.metadata, `${at.join('.')}.metadata`]);
  }
  return out;
}

/** The findings of one manifest of a list, with what identifies it. */
export interface ManifestFindings {
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly findings: Finding[];
}

/** Checks every manifest of a list (e.g. all documents of a parsed YAML file); only those with findings are returned. */
export function checkManifests(manifests: readonly unknown[], options: Omit<PodCheckOptions, 'ownerKind'> = {}): ManifestFindings[] {
  return manifests.flatMap((manifest, index) => {
    const findings = checkManifest(manifest, options);
    if (findings.length === 0) return [];
    const doc = obj(manifest);
    return [{ index, kind: str(doc?.kind) ?? '', name: str(obj(doc?.metadata)?.name) ?? '', findings }];
  });
}

/**
 * One line per finding: `error port-conflict spec.containers[1].ports[0].containerPort: ... Fix: ...`; an
 * accepted finding ends with the reason: `... Accepted: <reason>.`
 */
export function formatFinding(finding: Finding): string {
  const line = `${finding.severity} ${finding.rule} ${finding.path}: ${finding.message}. Fix: ${finding.fix}.`;
  return finding.severity === 'accepted' ? `${line} Accepted: ${finding.acceptedBecause ?? ''}.` : line;
}
