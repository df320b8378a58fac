import { obj, Plain, str } from './_plain';
import { quote } from './_quote';
import { Finding } from './finding';
import { RULES } from './rules-table';

/** The annotation on a pod (or pod template) that accepts findings of the rules it lists, comma-separated. */
export const ACCEPT_ANNOTATION = 'cdk8s-pod-patterns/accept';

/** The annotation that must give the reason for the accepted rules: a decision is recorded, never implied. */
export const ACCEPT_REASON_ANNOTATION = 'cdk8s-pod-patterns/accept-reason';

const TABLE = new Map(RULES.map((r) => [r.id, r]));

/**
 * Why a rule cannot be accepted, or undefined when it can. A warning can, and so can a rule of this library
 * alone (the input is accepted by Kubernetes and the library judges it wrong). What the API server, the
 * kubelet or Pod Security admission refuses cannot: accepting it would not make the pod start. A Pod
 * Security check is relaxed by declaring a level (`cdk8s-pod-patterns/pod-security`) instead.
 */
export function acceptRuleProblem(rule: string): string | undefined {
  const info = TABLE.get(rule);
  if (info === undefined) return `${quote(rule)} is not a rule id of cdk8s-pod-patterns`;
  if (info.reportedBy === 'constructs') return `${quote(rule)} is a construct prop check, which stops synthesis before any manifest exists`;
  if (info.severity === 'warning' || info.severity === 'warning-error-if-pinned-images' || info.source === 'library') return undefined;
  if (info.source === 'pod-security') return `${quote(rule)} is a Pod Security check; declare the level the pod needs instead`;
  const refuser = info.source === 'api-server' ? 'API server' : 'kubelet or the container runtime';
  return `${quote(rule)} is refused by the ${refuser}; accepting it would not make the pod work`;
}

/**
 * Applies the pod's accept annotations to its findings: those of an accepted rule become `accepted` with
 * the reason. A malformed annotation is an error (`accept-annotation`), and an accepted rule that nothing
 * reports is a warning (`accept-unused`), so a stale acceptance does not linger unnoticed.
 */
export function applyAcceptances(findings: Finding[], podMetadata: Plain | undefined, metadataPath: string): Finding[] {
  const annotations = obj(podMetadata?.annotations);
  const listed = annotations?.[ACCEPT_ANNOTATION];
  if (listed === undefined || listed === null) return findings;
  const at = `${metadataPath}.annotations[${ACCEPT_ANNOTATION}]`;
  const problems: Finding[] = [];
  const problem = (message: string, fix: string, path = at) => problems.push({ rule: 'accept-annotation', severity: 'error', path, message, fix });
  const text = str(listed);
  if (text === undefined) {
    problem('Invalid value: must be a string of rule ids separated by commas', 'write e.g. "volume-unused,image-tag"');
    return [...findings, ...problems];
  }
  const rules = text.split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (rules.length === 0) problem('Required value: no rule id is listed', 'list the rule ids to accept, or remove the annotation');
  for (const rule of rules) {
    const why = acceptRuleProblem(rule);
    if (why) problem(`Invalid value: ${why}`, 'list only ids from the README\'s rule table that can be accepted (warnings and library rules)');
  }
  const reason = str(annotations?.[ACCEPT_REASON_ANNOTATION])?.trim();
  if (!reason) {
    problem('Required value: accepting a finding needs the reason', `give it in the ${ACCEPT_REASON_ANNOTATION} annotation`,
      `${metadataPath}.annotations[${ACCEPT_REASON_ANNOTATION}]`);
  }
  if (problems.length > 0) return [...findings, ...problems];
  const accepted = new Set(rules);
  const out = findings.map((f) => (accepted.has(f.rule) && f.severity !== 'accepted'
    ? { ...f, severity: 'accepted' as const, acceptedBecause: reason }
    : f));
  for (const rule of accepted) {
    if (!findings.some((f) => f.rule === rule)) {
      out.push({ rule: 'accept-unused', severity: 'warning', path: at,
        message: `accepts ${quote(rule)}, which reports nothing for this pod`, fix: 'remove it from the annotation' });
    }
  }
  return out;
}
