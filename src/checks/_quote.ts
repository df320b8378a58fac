/**
 * Values in messages, safe on any input a YAML or JSON parser (or a JavaScript caller) can produce: cycles
 * (YAML aliases), deep nesting, huge strings, BigInts, symbols, NaN and infinities. Nothing here recurses
 * deeper than `MAX_DEPTH` or writes more than about `MAX_CHARS` characters, so a message never embeds a whole
 * hostile input and quoting never throws.
 */

/** The most characters of a value a message shows. */
export const MAX_CHARS = 200;
const MAX_DEPTH = 3;
/** The most characters of a finding's message, path or fix (each), however many values it quotes. */
export const MAX_FINDING_TEXT = 2000;

/** A value as JSON would show it (strings quoted), cut to about `max` characters with a marker. */
export function quote(value: unknown, max = MAX_CHARS): string {
  const out = { text: '', full: false };
  try {
    write(value, out, max, 0, new Set());
  } catch {
    return '<unprintable value>';
  }
  return out.text;
}

/** A text cut to `max` characters, with a marker that says how long it was. */
export function cut(text: string, max = MAX_FINDING_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

function append(out: { text: string; full: boolean }, piece: string, max: number): boolean {
  if (out.full) return false;
  if (out.text.length + piece.length > max) {
    out.text += `${piece.slice(0, Math.max(0, max - out.text.length))}…`;
    out.full = true;
    return false;
  }
  out.text += piece;
  return true;
}

function write(value: unknown, out: { text: string; full: boolean }, max: number, depth: number, open: Set<object>): void {
  switch (typeof value) {
    case 'string': {
      const text = JSON.stringify(value.length > max ? value.slice(0, max) : value);
      append(out, value.length > max ? `${text.slice(0, -1)}…" (${value.length} characters)` : text, max + 40);
      return;
    }
    case 'number':
      // JSON would print NaN and the infinities as null, which hides what was given.
      append(out, Number.isFinite(value) ? JSON.stringify(value) : String(value), max);
      return;
    case 'bigint':
      append(out, value.toString().length > max ? `${value.toString().slice(0, max)}…` : value.toString(), max);
      return;
    case 'boolean':
      append(out, String(value), max);
      return;
    case 'undefined':
      append(out, 'undefined', max);
      return;
    case 'symbol':
    case 'function':
      append(out, `<${typeof value}>`, max);
      return;
  }
  if (value === null) return void append(out, 'null', max);
  const object = value as object;
  if (open.has(object)) return void append(out, '<cycle>', max);
  const isArray = Array.isArray(object);
  if (depth >= MAX_DEPTH) return void append(out, isArray ? '[…]' : '{…}', max);
  open.add(object);
  if (!append(out, isArray ? '[' : '{', max)) return;
  const keys = isArray ? undefined : Object.keys(object);
  const length = isArray ? (object as unknown[]).length : keys!.length;
  for (let i = 0; i < length && !out.full; i++) {
    if (i > 0 && !append(out, ',', max)) return;
    if (isArray) {
      write((object as unknown[])[i], out, max, depth + 1, open);
    } else {
      const key = keys![i];
      if (!append(out, `${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}:`, max)) return;
      write((object as Record<string, unknown>)[key], out, max, depth + 1, open);
    }
  }
  open.delete(object);
  append(out, isArray ? ']' : '}', max);
}
