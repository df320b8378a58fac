/**
 * go-yaml (and so kubectl), PyYAML and Ruby read a flow collection whose continuation lines are indented no
 * deeper than the key that holds it, as Istio's samples/security/spire/spire-quickstart.yaml writes it:
 *
 * ```yaml
 *           args: [
 *             "-t", "30",
 *           ]
 * ```
 *
 * js-yaml refuses the `]` ("deficient indentation": YAML 1.2 asks flow lines to be indented past the
 * block). For a document that fails so, the reader pads each such line (inside an open flow collection,
 * indented no deeper than the line that opened it) to one column past the opener's indentation, reads
 * the padded text, and maps every offset back to the text as written: lines do not move, and a column on a
 * padded line counts from its original start.
 */
export interface PaddedText {
  readonly text: string;
  /** The offset in the original text of an offset in `text`. */
  toOriginal(offset: number): number;
}

/** The padded text, or undefined when no line needs padding. */
export function padFlowContinuations(text: string): PaddedText | undefined {
  const lines = text.split('\n');
  const pads: number[] = [];
  let depth = 0;
  let openerIndent = 0;
  let changed = false;
  let quote: '"' | "'" | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const indent = line.length - line.trimStart().length;
    let pad = 0;
    if (depth > 0 && quote === undefined && line.trim() !== '' && indent <= openerIndent) {
      pad = openerIndent + 1 - indent;
      changed = true;
    }
    pads.push(pad);
    if (depth === 0) openerIndent = indent;
    // Track the flow depth through the line: brackets outside quotes and comments.
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if (c === '"' || (c === "'" && (depth > 0 || i === 0 || /[\s[{,:]/.test(line[i - 1])))) quote = c;
      else if (c === '[' || c === '{') depth++;
      else if ((c === ']' || c === '}') && depth > 0) depth--;
    }
  }
  if (!changed) return undefined;
  const padded = lines.map((line, n) => ' '.repeat(pads[n]) + line);
  // Start offsets of each line in the padded text, and the padding before it.
  const starts: number[] = [];
  let at = 0;
  for (const line of padded) {
    starts.push(at);
    at += line.length + 1;
  }
  const shiftBefore: number[] = [];
  let shift = 0;
  for (const pad of pads) {
    shiftBefore.push(shift);
    shift += pad;
  }
  return {
    text: padded.join('\n'),
    toOriginal: (offset: number) => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      const column = offset - starts[low];
      return starts[low] - shiftBefore[low] + Math.max(0, column - pads[low]);
    },
  };
}
