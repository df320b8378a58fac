import { CheckReport, SkippedDocument } from '../check-inputs';
import { countsOf, displayName, objectLabel, OutputOptions, shownFindings } from '../output-options';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Lines of the report are wrapped here: a terminal, a CI log and a code review all show them whole. */
export const TEXT_WIDTH = 100;
const INDENT = '      ';

/**
 * Findings grouped per object, each finding on a line of its own in the compilers' `file:line:column:`
 * form that editors and terminals link, its message and fix wrapped below it:
 *
 * ```
 * dist/web.yaml:3:1: Pod web (document 1): 1 error
 *   dist/web.yaml:14:11: error port-conflict spec.containers[1].ports[0].containerPort
 *       port 8080/TCP is also declared by container "app" ...
 *       Fix: give container "sidecar" another port.
 * ```
 *
 * An accepted finding is one line with its reason; `--format json` has everything, messages included.
 */
export function formatText(report: CheckReport, options: OutputOptions): string {
  const lines: string[] = [];
  for (const e of report.inputErrors) {
    const at = e.line !== undefined ? `:${e.line}:${e.column}` : '';
    lines.push(`${displayName(e.file)}${at}: input error: ${e.message}`);
  }
  for (const object of report.objects) {
    const findings = shownFindings(object, options);
    if (findings.length === 0) continue;
    const file = displayName(object.file);
    lines.push(`${file}:${object.line}:${object.column}: ${objectLabel(object)}: ${countText(findings)}`);
    for (const f of findings) {
      const where = `  ${file}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.path}`;
      if (f.severity === 'accepted') {
        lines.push(`${where}: ${f.acceptedBecause ?? ''}`);
        continue;
      }
      lines.push(where, ...wrap(`${f.message}.`), ...wrap(`Fix: ${f.fix}.`));
    }
  }
  if (!options.quiet) {
    for (const d of report.skipped) lines.push(skippedNote(d));
    const c = countsOf(report);
    const accepted = c.accepted ? `, ${c.accepted} accepted` : '';
    const inputErrors = report.inputErrors.length ? `, ${plural(report.inputErrors.length, 'input error')}` : '';
    const skipped = report.skipped.length ? `, ${report.skipped.length} skipped` : '';
    lines.push(`${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}${accepted}${inputErrors} in ${c.objectsWithFindings} of `
      + `${plural(report.objects.length, 'object')}${skipped} (${plural(report.files.length, 'input')})`);
    const level = options.podSecurity ? `Pod Security "${options.podSecurity}" enforced` : 'no Pod Security level enforced (--pod-security)';
    lines.push(`Checked for Kubernetes 1.${options.kubernetesMinor}; ${level}${options.requirePinnedImages ? '; pinned images required' : ''}.`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function countText(findings: ReadonlyArray<{ readonly severity: string }>): string {
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const parts = [['error', count('error')], ['warning', count('warning')], ['accepted', count('accepted')]] as const;
  return parts.filter(([, n]) => n > 0).map(([word, n]) => (word === 'accepted' ? `${n} accepted` : plural(n, word))).join(', ');
}

function skippedNote(d: SkippedDocument): string {
  const at = d.line !== undefined ? `:${d.line}:${d.column}` : '';
  const what = d.document !== undefined ? `document ${d.document + 1} ` : '';
  return `${displayName(d.file)}${at}: skipped: ${what}${d.reason}`;
}

/** Words wrapped to `TEXT_WIDTH`, indented under the finding; a word longer than a line stays whole. */
function wrap(text: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && INDENT.length + line.length + 1 + word.length > TEXT_WIDTH) {
      out.push(INDENT + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(INDENT + line);
  return out;
}
