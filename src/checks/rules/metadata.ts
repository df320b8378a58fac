import { obj, Plain, text } from '../_plain';
import { quote } from '../_quote';
import { Finding } from '../finding';
import { dnsSubdomainProblem, labelValueProblem, qualifiedNameProblem } from '../formats';
import { PodOwnerKind } from '../pod-context';

/** `TotalAnnotationSizeLimitB`: keys and values of one object's annotations together, in bytes. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;
/** A CronJob's Jobs are named `<name>-<11 characters>`, and Job names become label values (at most 63). */
const CRON_JOB_NAME_MAX = 52;
const JOB_NAME_MAX = 63;

/**
 * The object's name, by kind (API server `ValidateObjectMeta` with each kind's name function, plus the
 * Job and CronJob length limits), and the labels and annotations of the object and of each template in it.
 * `templates` are the metadata inside the object (a pod template, a CronJob's job template) with their paths.
 */
export function checkObjectMetadata(kind: PodOwnerKind, doc: Plain, templates: Array<[unknown, string]>): Finding[] {
  const findings: Finding[] = [];
  const metadata = obj(doc.metadata);
  // With manualSelector the Job controller adds no job-name label, so the name is only a DNS subdomain.
  const manualSelector = kind === 'Job' && obj(doc.spec)?.manualSelector === true;
  checkName(manualSelector ? 'Pod' : kind, metadata, findings, kind);
  for (const [value, path] of [[doc.metadata, 'metadata'] as [unknown, string], ...templates]) {
    const meta = obj(value);
    if (!meta) continue;
    checkLabels(meta.labels, `${path}.labels`, findings);
    checkAnnotations(meta.annotations, `${path}.annotations`, findings);
  }
  return findings;
}

/** `limitsAs` picks the length limit; `kind` the rule and the wording. */
function checkName(limitsAs: PodOwnerKind, metadata: Plain | undefined, findings: Finding[], kind: PodOwnerKind = limitsAs): void {
  const rule = kind === 'Pod' ? 'pod-name' : 'object-name';
  const name = metadata?.name;
  if ((name === undefined || name === null || name === '') && metadata?.generateName === undefined) {
    findings.push({
      rule, severity: 'error', path: 'metadata.name', message: 'Required value: name or generateName is required', fix: `name the ${kind}`,
    });
    return;
  }
  if (name === undefined || name === null || name === '') return;
  // Every kind checked here names its objects as DNS subdomains (NameIsDNSSubdomain).
  const problem = typeof name === 'string' ? dnsSubdomainProblem(name) : 'must be a string';
  if (problem) {
    findings.push({
      rule, severity: 'error', path: 'metadata.name',
      message: `Invalid value: ${typeof name === 'string' ? quote(name) : text(name)}: ${problem}`,
      fix: 'use lower case letters, digits, "-" and "."',
    });
    return;
  }
  const max = limitsAs === 'CronJob' ? CRON_JOB_NAME_MAX : limitsAs === 'Job' ? JOB_NAME_MAX : undefined;
  if (max !== undefined && (name as string).length > max) {
    const why = kind === 'CronJob'
      ? 'the controller appends 11 characters to name each Job'
      : "the name becomes the value of the pods' job-name label";
    findings.push({
      rule, severity: 'error', path: 'metadata.name',
      message: `Invalid value: ${quote(name)}: must be no more than ${max} characters (${why})`,
      fix: `shorten the name to ${max} characters`,
    });
  }
}

function checkLabels(value: unknown, path: string, findings: Finding[]): void {
  const labels = obj(value);
  if (!labels) return;
  for (const [key, labelValue] of Object.entries(labels)) {
    // A JSON null decodes into Go's map[string]string as "", which is a valid value.
    if (labelValue === null) continue;
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) {
      findings.push({
        rule: 'labels', severity: 'error', path: `${path}[${key}]`,
        message: `Invalid value: ${quote(key)}: ${keyProblem}`, fix: 'use a key such as "app" or "example.com/tier"',
      });
    }
    const valueProblem = labelValueProblem(labelValue);
    if (valueProblem) {
      findings.push({
        rule: 'labels', severity: 'error', path: `${path}[${key}]`,
        message: `Invalid value: ${typeof labelValue === 'string' ? quote(labelValue) : text(labelValue)}: ${valueProblem}`,
        fix: typeof labelValue === 'string'
          ? 'use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit'
          : 'quote the value: label values are strings',
      });
    }
  }
}

function checkAnnotations(value: unknown, path: string, findings: Finding[]): void {
  const annotations = obj(value);
  if (!annotations) return;
  let bytes = 0;
  for (const [key, annotation] of Object.entries(annotations)) {
    // The API server lower-cases annotation keys before this check.
    const keyProblem = qualifiedNameProblem(key.toLowerCase());
    if (keyProblem) {
      findings.push({
        rule: 'annotations', severity: 'error', path: `${path}[${key}]`,
        message: `Invalid value: ${quote(key)}: ${keyProblem}`, fix: 'use a key such as "example.com/owner"',
      });
    }
    if (typeof annotation !== 'string' && annotation !== null) {
      findings.push({
        rule: 'annotations', severity: 'error', path: `${path}[${key}]`,
        message: `Invalid value: ${text(annotation)}: must be a string`, fix: 'quote the value: annotation values are strings',
      });
    }
    bytes += Buffer.byteLength(key) + Buffer.byteLength(typeof annotation === 'string' ? annotation : '');
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    findings.push({
      rule: 'annotations', severity: 'error', path, message: `Too long: must have at most ${ANNOTATIONS_MAX_BYTES} bytes`,
      fix: `move large data (${bytes} bytes here) into a ConfigMap and refer to it`,
    });
  }
}
