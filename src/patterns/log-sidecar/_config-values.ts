import { IConstruct } from 'constructs';
import { PodPatternError } from '../../core/pod-pattern-error';

/**
 * Values the user gives that end up in a shipper's configuration file. Each shipper reads some characters
 * in a way the user did not mean, and says nothing: these checks name them before any file is written.
 */

/** Control characters end a line or are not shown: no shipper config value may hold one. */
export const CONTROL = /[\u0000-\u001f\u007f]/;

function lineProblem(value: unknown, shipper: string): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must not be empty';
  if (CONTROL.test(value)) return `must be one line without control characters, got ${JSON.stringify(value)} (${shipper} reads one value per line)`;
  if (value.trim() !== value) return `must not start or end with spaces, got ${JSON.stringify(value)} (${shipper} would drop them)`;
  return undefined;
}

/** A value in Fluent Bit's classic format: `Key value` on one line, no quoting, `${NAME}` expanded. */
export function fluentBitValueProblem(value: unknown): string | undefined {
  const line = lineProblem(value, 'Fluent Bit');
  if (line) return line;
  if ((value as string).includes('${')) {
    return `must not contain "\${", got ${JSON.stringify(value)} (Fluent Bit replaces \${NAME} with the environment variable NAME, or with nothing)`;
  }
  return undefined;
}

/**
 * A value in Fluentd's v1 format. Quotes, `#` and `\` are handled by `fluentdString`; `#{...}` cannot be:
 * in a double-quoted value Fluentd runs it as Ruby code.
 */
export function fluentdValueProblem(value: unknown): string | undefined {
  const line = lineProblem(value, 'Fluentd');
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

/** Raises a config value problem as `log-destination-value`, naming `destination(<kind>).<field>`. */
export function assertConfigValue(scope: IConstruct, kind: string, field: string, problem: string | undefined, fix: string): void {
  if (problem) throw new PodPatternError(scope, {
    rule: 'log-destination-value',
    field: `destination(${kind}).${field}`,
    problem: problem,
    fix: fix,
  });
}
