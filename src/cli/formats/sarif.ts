import * as path from 'path';
import { RULES } from '../../checks/rules-table';
import { COMMAND_LINE_ACCEPT_REASON, CheckReport } from '../check-inputs';
import { OutputOptions, shownFindings } from '../output-options';

/** SARIF's name for a file: a relative URI reference with `/`, an absolute path as `file://`, stdin as `stdin`. */
export function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  const slashed = file.split(path.sep).join('/');
  const encoded = slashed.split('/').map((s) => encodeURIComponent(s)).join('/');
  return path.isAbsolute(file) ? `file://${encoded}` : encoded;
}

/**
 * SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it: one run, the rule table as the
 * driver's rules, one result per finding with its file, line and column. An accepted finding is a `note`
 * with a suppression (in source: the pod's annotation; external: `--accept`). Input errors are the
 * invocation's notifications, and make it unsuccessful.
 */
export function formatSarif(report: CheckReport, options: OutputOptions): string {
  // The engine's rules: those only the constructs raise never reach a manifest.
  const rules = RULES.filter((r) => r.reportedBy !== 'constructs');
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.objects.flatMap((object) => shownFindings(object, options).map((f) => ({
    ruleId: f.rule,
    ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
    level: f.severity === 'accepted' ? 'note' : f.severity,
    message: { text: `${f.path}: ${f.message}. Fix: ${f.fix}.` },
    locations: [{
      physicalLocation: { artifactLocation: { uri: artifactUri(object.file) }, region: { startLine: f.line, startColumn: f.column } },
      logicalLocations: [{ name: object.name, fullyQualifiedName: `${object.kind}/${object.name}`, kind: 'object' }],
    }],
    ...(f.severity === 'accepted' ? {
      suppressions: [{ kind: f.acceptedBecause === COMMAND_LINE_ACCEPT_REASON ? 'external' : 'inSource', justification: f.acceptedBecause ?? '' }],
    } : {}),
  })));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-pod-patterns',
          version: options.version,
          informationUri: 'https://www.npmjs.com/package/cdk8s-pod-patterns',
          rules: rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.summary },
            defaultConfiguration: { level: r.severity === 'warning' || r.severity.startsWith('warning') ? 'warning' : 'error' },
            properties: { severity: r.severity, rejectedBy: r.source, fromKubernetes: `1.${r.since}` },
          })),
        },
      },
      invocations: [{
        executionSuccessful: report.inputErrors.length === 0,
        toolExecutionNotifications: report.inputErrors.map((e) => ({
          level: 'error',
          message: { text: e.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: artifactUri(e.file) },
              ...(e.line !== undefined ? { region: { startLine: e.line, startColumn: e.column } } : {}),
            },
          }],
        })),
      }],
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
