/**
 * go-yaml, and so kubectl, reads `\'` in a double-quoted scalar as `'` (go.yaml.in/yaml/v2 scannerc.go, the
 * escapes of a double-quoted scalar: `case '\'': s = append(s, '\'')`). YAML 1.2 has no such escape and
 * js-yaml refuses it ("unknown escape sequence"), though published manifests write it (the Kubernetes
 * website's pods/inject/envars-file-container.yaml). For a document that fails so, the reader writes each
 * `\'` inside double quotes as `\0`, which has the same length (every position stays where it was written),
 * reads that, and turns the NUL characters read back into `'`.
 *
 * The quoted spans are found by reading the text, not parsed: a document that already holds `\0` or a NUL,
 * or where the NULs read are not exactly the escapes written (a `"` that opened no quoted scalar, inside a
 * block scalar say), keeps its error rather than risk a changed value.
 */
export interface QuoteEscapes {
  readonly text: string;
  /** How many `\'` were written as `\0`. */
  readonly count: number;
}

const NUL = '\u0000';

/** The text with `\'` in double quotes written as `\0`, or undefined when there is none or it cannot be done safely. */
export function rewriteQuoteEscapes(text: string): QuoteEscapes | undefined {
  if (text.includes(NUL) || text.includes('\\0')) return undefined;
  const out: string[] = [];
  let count = 0;
  let quote: '"' | "'" | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === '"') {
      if (c === '\\') {
        if (text[i + 1] === "'") {
          out.push(text.slice(from, i), '\\0');
          from = i + 2;
          count++;
        }
        i++;
      } else if (c === '"') {
        quote = undefined;
      }
      continue;
    }
    if (quote === "'") {
      if (c === "'") {
        if (text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    const before = i === 0 ? '\n' : text[i - 1];
    if (c === '#' && /\s/.test(before)) {
      // A comment runs to the end of its line.
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if ((c === '"' || c === "'") && /[\s[{,:-]/.test(before)) {
      quote = c;
    }
  }
  if (count === 0) return undefined;
  out.push(text.slice(from));
  return { text: out.join(''), count };
}

/** The values with each NUL of a string (key or value) back as `'`, or undefined when they are not exactly `count`. */
export function restoreQuotes(values: unknown[], count: number): unknown[] | undefined {
  let found = 0;
  const seen = new Set<unknown>();
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!value.includes(NUL)) return value;
      found += value.split(NUL).length - 1;
      return value.replaceAll(NUL, "'");
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return value;
    // Aliases share values: each is restored once, in place.
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = restore(value[i]);
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const restored = restore(record[key]);
      if (key.includes(NUL)) {
        delete record[key];
        record[restore(key) as string] = restored;
      } else {
        record[key] = restored;
      }
    }
    return record;
  };
  const restored = values.map(restore);
  return found === count ? restored : undefined;
}
