import { CheckReport } from '../check-inputs';
import { countsOf, OutputOptions, shownFindings } from '../output-options';

/** The whole report as one JSON document, for scripts: every object checked, with its findings. */
export function formatJson(report: CheckReport, options: OutputOptions): string {
  const counts = countsOf(report);
  return `${JSON.stringify({
    tool: { name: 'cdk8s-pod-patterns', version: options.version },
    kubernetes: `1.${options.kubernetesMinor}`,
    podSecurity: options.podSecurity ?? null,
    requirePinnedImages: options.requirePinnedImages,
    failOn: options.failOn,
    summary: {
      inputs: report.files.length, objects: report.objects.length, ...counts, inputErrors: report.inputErrors.length, skipped: report.skipped.length,
    },
    inputErrors: report.inputErrors,
    skipped: report.skipped,
    objects: report.objects.map((o) => ({ ...o, findings: shownFindings(o, options) })),
  }, null, 2)}\n`;
}
