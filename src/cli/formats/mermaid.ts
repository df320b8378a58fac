import { podDiagramsMarkdown } from '../../diagram/pod-diagram';
import { CheckReport } from '../check-inputs';
import { displayName, OutputOptions } from '../output-options';

/**
 * Markdown with a Mermaid diagram of every pod of every input (the same as the `diagrams` option of the
 * cdk8s plugin writes for a chart), findings marked on their containers and volumes; input errors first.
 */
export function formatMermaid(report: CheckReport, options: OutputOptions): string {
  const parts: string[] = [];
  if (report.inputErrors.length) {
    const where = (e: CheckReport['inputErrors'][number]) => `${displayName(e.file)}${e.line !== undefined ? `:${e.line}:${e.column}` : ''}`;
    parts.push(`# Input errors\n\n${report.inputErrors.map((e) => `- ${where(e)}: ${e.message}`).join('\n')}\n`);
  }
  for (const file of report.files) {
    const markdown = podDiagramsMarkdown(displayName(file), report.manifests.get(file) ?? [], {
      kubernetesMinor: options.kubernetesMinor, podSecurity: options.podSecurity,
    });
    if (markdown) parts.push(markdown);
  }
  return parts.join('\n');
}
