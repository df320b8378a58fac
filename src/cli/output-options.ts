import { Severity } from '../checks/finding';
import { PodSecurityLevel } from '../checks/pod-context';
import { CheckedObject, CheckReport, LocatedFinding } from './check-inputs';

/** The findings that fail a run: errors, or errors and warnings. Accepted findings never do. */
export type FailOn = 'error' | 'warning';

export interface OutputOptions {
  readonly failOn: FailOn;
  /** Report only the findings that fail the run (and input errors); no summary in text. */
  readonly quiet: boolean;
  readonly version: string;
  readonly kubernetesMinor: number;
  /** The level `--pod-security` chose, if any. */
  readonly podSecurity?: PodSecurityLevel;
  readonly requirePinnedImages: boolean;
}

export function fails(severity: Severity, failOn: FailOn): boolean {
  return severity === 'error' || (severity === 'warning' && failOn === 'warning');
}

/** The findings an output shows: all of them, or with `--quiet` those that fail the run. */
export function shownFindings(object: CheckedObject, options: OutputOptions): LocatedFinding[] {
  return options.quiet ? object.findings.filter((f) => fails(f.severity, options.failOn)) : object.findings;
}

/** `Deployment web` or `Pod web in ns`, and the document (and List item) it is, for the messages. */
export function objectLabel(object: CheckedObject): string {
  // Names come from the input: a line break in one must not start a line of the report.
  // eslint-disable-next-line no-control-regex
  const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const name = object.name ? ` ${oneLine(object.name)}` : '';
  const namespace = object.namespace ? ` in ${oneLine(object.namespace)}` : '';
  const item = object.item !== undefined ? `, items[${object.item}]` : '';
  return `${object.kind}${name}${namespace} (document ${object.document + 1}${item})`;
}

/** 0 clean, 1 findings at or above --fail-on, 2 input errors (the run is incomplete, whatever it found). */
export function exitCodeOf(report: CheckReport, failOn: FailOn): number {
  if (report.inputErrors.length > 0) return 2;
  return report.objects.some((o) => o.findings.some((f) => fails(f.severity, failOn))) ? 1 : 0;
}

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly accepted: number;
  readonly objectsWithFindings: number;
}

export function countsOf(report: CheckReport): Counts {
  let errors = 0;
  let warnings = 0;
  let accepted = 0;
  let objectsWithFindings = 0;
  for (const object of report.objects) {
    if (object.findings.length > 0) objectsWithFindings++;
    for (const f of object.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else accepted++;
    }
  }
  return { errors, warnings, accepted, objectsWithFindings };
}

/** The name of an input as outputs print it: standard input is `<stdin>`. */
export function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}
