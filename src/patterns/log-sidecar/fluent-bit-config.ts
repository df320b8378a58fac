/**
 * Fluent Bit's classic configuration format: `[SECTION]` headers followed by indented `Key Value` lines.
 * Keys are written in the order given and aligned, so the same input always renders the same text.
 */
export type FluentBitSectionName = 'SERVICE' | 'INPUT' | 'FILTER' | 'OUTPUT';

export interface FluentBitSection {
  readonly name: FluentBitSectionName;
  /** `[key, value]` pairs; a key may repeat where Fluent Bit allows it. */
  readonly entries: ReadonlyArray<readonly [string, string]>;
}

export function renderFluentBitConfig(sections: readonly FluentBitSection[]): string {
  return sections.map(renderSection).join('\n');
}

function renderSection(section: FluentBitSection): string {
  const width = Math.max(...section.entries.map(([key]) => key.length));
  const lines = section.entries.map(([key, value]) => {
    // A guard against the library's own mistakes: user values are checked, with the construct path, by
    // the destination (fluentBitValueProblem) before they get here.
    if (/[\r\n]/.test(key) || /[\r\n]/.test(value) || value.trim() === '') {
      throw new Error(`Fluent Bit [${section.name}] ${key}: a value must be one non-empty line, got ${JSON.stringify(value)}`);
    }
    return `    ${key.padEnd(width)} ${value}`;
  });
  return `[${section.name}]\n${lines.join('\n')}\n`;
}
