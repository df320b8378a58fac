import { CheckReport } from '../check-inputs';
import { countsOf, displayName, objectLabel, OutputOptions, shownFindings } from '../output-options';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One line per finding, in the compilers' `file:line:column:` form that editors and terminals link:
 * `dist/web.yaml:14:11: error port-conflict Pod web (document 1) spec.containers[1]...: message. Fix: ...`.
 */
export function formatText(report: CheckReport, options: OutputOptions): string {
  const lines: string[] = [];
  for (const e of report.inputErrors) {
    const at = e.line !== undefined ? `:${e.line}:${e.column}` : '';
    lines.push(`${displayName(e.file)}${at}: input error: ${e.message}`);
  }
  for (const object of report.objects) {
    for (const f of shownFindings(object, options)) {
      const accepted = f.severity === 'accepted' ? ` Accepted: ${f.acceptedBecause ?? ''}.` : '';
      const where = `${displayName(object.file)}:${f.line}:${f.column}`;
      lines.push(`${where}: ${f.severity} ${f.rule} ${objectLabel(object)} ${f.path}: ${f.message}. Fix: ${f.fix}.${accepted}`);
    }
  }
  if (!options.quiet) {
    for (const d of report.skipped) {
      lines.push(`${displayName(d.file)}:${d.line}:${d.column}: skipped: document ${d.document + 1} is not a Kubernetes object (it has no kind)`);
    }
    const c = countsOf(report);
    const accepted = c.accepted ? `, ${c.accepted} accepted` : '';
    const inputErrors = report.inputErrors.length ? `, ${plural(report.inputErrors.length, 'input error')}` : '';
    const skipped = report.skipped.length ? `, ${report.skipped.length} skipped` : '';
    lines.push(`${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}${accepted}${inputErrors} in ${c.objectsWithFindings} of `
      + `${plural(report.objects.length, 'object')}${skipped} (${plural(report.files.length, 'input')}; Kubernetes 1.${options.kubernetesMinor}, `
      + `${options.podSecurity ? `pods that declare no level checked at ${options.podSecurity}` : 'no Pod Security level enforced (--pod-security)'}`
      + `${options.requirePinnedImages ? ', pinned images required' : ''})`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
