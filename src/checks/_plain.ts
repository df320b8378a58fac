import { shown } from './_quote';

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
 * A printable form of any value for a message: a string as it is, anything else as JSON would show it, cut
 * to a bounded length and safe on cycles (see `_quote.ts`).
 */
export function text(value: unknown): string {
  return shown(value);
}
