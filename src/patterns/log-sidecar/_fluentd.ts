import { configLineProblem } from './_destination-rules';

/**
 * Fluentd's configuration format: `<directive arg>` blocks holding `name value` parameters and nested
 * blocks (`<parse>`, `<buffer>`), indented two spaces per level, in the order given.
 */
export interface FluentdDirective {
  readonly name: string;
  /** The directive argument, e.g. the tag pattern of `<match app.**>`. */
  readonly arg?: string;
  readonly params: ReadonlyArray<readonly [string, string]>;
  readonly children?: readonly FluentdDirective[];
}

export function renderFluentdConfig(directives: readonly FluentdDirective[]): string {
  return directives.map((d) => renderDirective(d, 0)).join('\n');
}

function renderDirective(directive: FluentdDirective, depth: number): string {
  const indent = '  '.repeat(depth);
  const open = directive.arg ? `${indent}<${directive.name} ${directive.arg}>` : `${indent}<${directive.name}>`;
  const params = directive.params.map(([key, value]) => {
    // A guard against the library's own mistakes: user values are checked, with the construct path, by
    // the destination (fluentdValueProblem) and quoted (fluentdString) before they get here.
    if (/[\r\n]/.test(value) || value.trim() === '') {
      throw new Error(`Fluentd <${directive.name}> ${key}: a value must be one non-empty line, got ${JSON.stringify(value)}`);
    }
    return `${indent}  ${key} ${value}`;
  });
  const children = (directive.children ?? []).map((c) => renderDirective(c, depth + 1));
  return [open, ...params, ...children, `${indent}</${directive.name}>`].join('\n') + (depth === 0 ? '\n' : '');
}

/**
 * A value in Fluentd's v1 format. Quotes, `#` and `\` are handled by `fluentdString`; `#{...}` cannot be:
 * in a double-quoted value Fluentd runs it as Ruby code.
 */
export function fluentdValueProblem(value: unknown): string | undefined {
  const line = configLineProblem(value, 'Fluentd');
  if (line) return line;
  if ((value as string).includes('#{')) return `must not contain "#{", got ${JSON.stringify(value)} (Fluentd runs #{...} as Ruby code)`;
  return undefined;
}

/**
 * Writes a checked value so that Fluentd reads it back unchanged. Unquoted, Fluentd takes ` #` as the start
 * of a comment and a leading `"`, `'`, `[` or `{` as a quoted string, array or hash; such values are
 * double-quoted, with `\` and `"` escaped. Other values stay bare, so the file reads as the docs show.
 */
export function fluentdString(value: string): string {
  if (!/["'#\\]|^[[{]/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** Where a credential that reaches the shipper through an environment variable comes from. */
export interface CredentialSource {
  readonly variable: string;
  readonly secretName: string;
  readonly secretKey: string;
}

/**
 * A Fluentd value read from an environment variable that must not be empty, as embedded Ruby that stops
 * Fluentd at start (exit 1 with one line naming the variable and the Secret key) when it is unset or empty.
 * `|| use_nil` is not enough: Ruby takes "" as true, and parameters such as fluent-plugin-mongo's `password`
 * default to nil, so a missing value would pass `--dry-run` and fail only at every flush, with the
 * container still Running. Checked in the supervisor, before any worker starts, so the pod shows it as a
 * crash loop with that line in its log. `validate` adds further Ruby statements run on the value `v`.
 */
export function fluentdRequiredEnv(source: CredentialSource, validate: string[] = []): string {
  const where = `set key ${source.secretKey} of Secret ${source.secretName}`;
  const statements = [
    `v = ENV[${rubyString(source.variable)}].to_s`,
    `abort(${rubyString(`cdk8s-pod-patterns: ${source.variable} is empty or unset: ${where}`)}) if v.empty?`,
    ...validate,
    'v',
  ];
  return `"#{${statements.join('; ')}}"`;
}

/**
 * A Ruby single-quoted string literal of a checked value: only `\` and `'` are special in it. Values reach
 * here after `fluentdValueProblem`, so they hold no line break and no `#{`.
 */
export function rubyString(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}
