import { CheckReport } from '../check-inputs';
import { displayName, fails, objectLabel, OutputOptions, shownFindings } from '../output-options';

/** Text for XML: the five escapes, and the characters XML 1.0 cannot hold at all dropped. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * JUnit XML, as CI systems show test reports: a test suite per input, a test case per object. A case fails
 * with the findings at or above `--fail-on`; the other findings are its `system-out`. An input that could
 * not be read is a case with an `<error>`.
 */
export function formatJunit(report: CheckReport, options: OutputOptions): string {
  const suites = report.files.map((file) => ({ file, cases: [] as string[], failures: 0, errors: 0 }));
  const suiteOf = (file: string) => {
    let suite = suites.find((s) => s.file === file);
    if (!suite) {
      suite = { file, cases: [], failures: 0, errors: 0 };
      suites.push(suite);
    }
    return suite;
  };
  for (const e of report.inputErrors) {
    const suite = suiteOf(e.file);
    suite.errors++;
    const at = e.line !== undefined ? `:${e.line}:${e.column}` : '';
    const name = e.document !== undefined ? `document ${e.document + 1}` : 'input';
    suite.cases.push(`    <testcase classname="${xml(displayName(e.file))}" name="${xml(name)}">\n`
      + `      <error type="input-error" message="${xml(e.message)}">${xml(`${displayName(e.file)}${at}: ${e.message}`)}</error>\n    </testcase>`);
  }
  for (const object of report.objects) {
    const suite = suiteOf(object.file);
    const findings = shownFindings(object, options);
    const failing = findings.filter((f) => fails(f.severity, options.failOn));
    const other = findings.filter((f) => !fails(f.severity, options.failOn));
    const lines = (list: typeof findings) => list
      .map((f) => `${displayName(object.file)}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.path}: ${f.message}. Fix: ${f.fix}.`).join('\n');
    const body: string[] = [];
    if (failing.length) {
      suite.failures++;
      const summary = `${failing.length} finding${failing.length === 1 ? '' : 's'}: ${failing.map((f) => f.rule).join(', ')}`;
      body.push(`      <failure type="${xml(failing[0].rule)}" message="${xml(summary)}">${xml(lines(failing))}</failure>`);
    }
    if (other.length) body.push(`      <system-out>${xml(lines(other))}</system-out>`);
    const file = xml(displayName(object.file));
    const open = `    <testcase classname="${file}" name="${xml(objectLabel(object))}" file="${file}" line="${object.line}"`;
    suite.cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
  }
  const total = (key: 'failures' | 'errors') => suites.reduce((n, s) => n + s[key], 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdk8s-pod-patterns check" tests="${tests}" failures="${total('failures')}" errors="${total('errors')}">`,
    ...suites.map((s) => `  <testsuite name="${xml(displayName(s.file))}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}">`
      + (s.cases.length ? `\n${s.cases.join('\n')}\n  </testsuite>` : '</testsuite>')),
    '</testsuites>',
    '',
  ].join('\n');
}
