import { CheckReport } from '../check-inputs';
import { displayName, objectLabel, OutputOptions, shownFindings } from '../output-options';

/** Workflow command data: `%`, CR and LF escaped, as the Actions runner reads them back. */
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command property: also `:` and `,`, which end a property. */
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands (`::error file=...,line=...,col=...,title=...::message`): each finding
 * becomes an annotation on its line of the pull request's diff. Accepted findings are notices.
 */
export function formatGithub(report: CheckReport, options: OutputOptions): string {
  const lines: string[] = [];
  for (const e of report.inputErrors) {
    const at = e.line !== undefined ? `,line=${e.line},col=${e.column}` : '';
    lines.push(`::error file=${property(displayName(e.file))}${at},title=${property('cdk8s-pod-patterns: input error')}::${data(e.message)}`);
  }
  for (const object of report.objects) {
    for (const f of shownFindings(object, options)) {
      const command = f.severity === 'accepted' ? 'notice' : f.severity;
      const accepted = f.severity === 'accepted' ? ` Accepted: ${f.acceptedBecause ?? ''}.` : '';
      const where = `file=${property(displayName(object.file))},line=${f.line},col=${f.column}`;
      lines.push(`::${command} ${where},title=${property(`${f.rule} (cdk8s-pod-patterns)`)}::`
        + data(`${objectLabel(object)} ${f.path}: ${f.message}. Fix: ${f.fix}.${accepted}`));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
