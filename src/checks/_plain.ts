import { quote } from './_quote';

/**
 * Safe access to plain objects of unknown shape (parsed YAML can hold anything): the checks never throw
 * on a wrong type, they report it or skip it.
 */
export type Plain = Record<string, unknown>;

export function obj(value: unknown): Plain | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Plain) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * A string as it is (rules compare it, so it is never cut; the finding that shows it is bounded at the
 * end), anything else as JSON would show it, cut and safe on cycles (see `_quote.ts`).
 */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : quote(value);
}

/**
 * A string field that v1 defaulting (pkg/apis/core/v1/defaults.go, apps/v1 and batch/v1 defaults.go) fills
 * in: absent, null, or "" (`if obj.RestartPolicy == "" { ... }`), so the API server never sees it empty.
 * Only for value fields: a pointer field given as "" stays "" and is validated.
 */
export function defaultedString(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
