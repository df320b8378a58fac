import {
  constructFromEvents, defineScalarTag, Event, EVENT_ID, getScalarValue, NOT_RESOLVED, parseEvents, SCALAR_STYLE, Schema, YAML11_SCHEMA,
  YAMLException,
} from 'js-yaml';
import { padFlowContinuations } from './flow-indentation';
import { restoreQuotes, rewriteQuoteEscapes } from './quote-escapes';

/** A place in an input: 1-based line and column, as editors, SARIF and GitHub annotations count them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One YAML document of an input, read as kubectl reads it, with a way back from a field path to its line. */
export interface ParsedDocument {
  /** 0-based index of the document in its input. */
  readonly index: number;
  readonly value: unknown;
  readonly position: Position;
  /** The position of the deepest field of `path` that the document has (a missing field: its parent). */
  locate(path: string): Position;
}

/** Why an input (or one document of it) cannot be read. */
export interface InputProblem {
  readonly message: string;
  readonly position?: Position;
  /** The document, when the problem is in one. */
  readonly index?: number;
}

/** A document that is a template (Helm's, or any Go template), not YAML yet: skipped, not an input error. */
export interface TemplateDocument {
  readonly index: number;
  readonly position: Position;
}

/** A Go template action (`{{ .Values.x }}`, `{{- include ... }}`): what Helm and other renderers fill in. */
export const TEMPLATE_ACTION = /\{\{-?\s*(?:[.$]|\/\*|(?:include|template|toYaml|tpl|if|else|end|range|with|define|default|required|quote|printf)\b)/;

/**
 * The largest input read: the API server takes at most 3 MiB per request, and the largest chart renderings
 * are a few MiB; past this the parser's memory, not the pods, would decide how long a run takes.
 */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** Collections nested deeper than this are refused (a pod nests about 15 levels; CRD schemas a few dozen). */
export const MAX_NESTING = 1000;

/**
 * Documents read per input: far above any chart (the bench's 10,000 pods are one file), and low enough
 * that a file of millions of empty documents is refused at once instead of taking minutes.
 */
export const MAX_DOCUMENTS = 100_000;

/** Alias nodes allowed per document. */
export const MAX_ALIASES = 1000;

/**
 * The values a document may expand to through its aliases (an alias to a list of aliases of a list ...
 * expands exponentially: a "billion laughs"). The parser shares aliased values, so loading stays linear;
 * the checks walk the expansion, so it is bounded here.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/**
 * go-yaml v2's integers (`strconv.ParseInt(text without "_", 0, 64)`): decimal, `0x` hex, `0b` binary, and
 * octal with a leading `0` or `0o`. So `defaultMode: 0644` is 420, as kubectl reads it; sexagesimal
 * `1:30`, which YAML 1.1 makes 90, stays a string.
 */
const GO_YAML_INT = defineScalarTag<number>('tag:yaml.org,2002:int', {
  implicit: true,
  implicitFirstChars: ['-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  identify: (value) => Number.isInteger(value),
  resolve: (source) => {
    const text = source.replace(/_/g, '');
    const match = /^([-+]?)(?:0b([01]+)|0x([0-9a-fA-F]+)|0o?([0-7]+)|(0|[1-9][0-9]*))$/.exec(text);
    if (!match || source.startsWith('_')) return NOT_RESOLVED;
    const [, sign, binary, hex, octal, decimal] = match;
    const value = binary !== undefined ? parseInt(binary, 2) : hex !== undefined ? parseInt(hex, 16)
      : octal !== undefined ? parseInt(octal, 8) : parseInt(decimal, 10);
    return sign === '-' ? -value : value;
  },
});

/** go-yaml v2's floats: digits around a point or with an exponent, and the `.inf` / `.nan` words; not a lone `.`. */
const GO_YAML_FLOAT = defineScalarTag<number>('tag:yaml.org,2002:float', {
  implicit: true,
  implicitFirstChars: ['-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  identify: (value) => typeof value === 'number',
  resolve: (source) => {
    if (/^[-+]?\.(inf|Inf|INF)$/.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(nan|NaN|NAN)$/.test(source)) return NaN;
    const text = source.replace(/_/g, '');
    return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text) ? parseFloat(text) : NOT_RESOLVED;
  },
});

/**
 * YAML 1.1 as `sigs.k8s.io/yaml` (go-yaml v2) reads it for kubectl: 1.1 booleans (`yes`, `on`) and nulls,
 * go-yaml's numbers, merge keys; a timestamp stays the text written (go-yaml hands `2026-12-01` to JSON as
 * a string), and `!!binary` and the 1.1 collection types are not read.
 */
const KUBECTL_SCHEMA = new Schema(YAML11_SCHEMA.tags.filter((t) =>
  !['timestamp', 'binary', 'omap', 'pairs', 'set', 'int', 'float'].some((name) => t.tagName === `tag:yaml.org,2002:${name}`)))
  .withTags(GO_YAML_INT, GO_YAML_FLOAT);

/** Line starts of a text, for turning offsets into lines and columns. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  public at(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
}

/**
 * The text split at its document markers: a line that starts with `---` and then a space, a tab or its
 * end. YAML forbids such a line inside any scalar (c-forbidden), so the split is exact, and a broken
 * document cannot hide the others: each is read, and reported, on its own.
 */
function documentChunks(text: string): Array<{ start: number; text: string }> {
  const chunks: Array<{ start: number; text: string }> = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    if (match.index > start) chunks.push({ start, text: text.slice(start, match.index) });
    start = match.index;
    marker.lastIndex = match.index + 3;
  }
  chunks.push({ start, text: text.slice(start) });
  return chunks;
}

/** Reads every document of a YAML (or JSON) text; documents that are empty (a stray `---`) are skipped. */
export function parseYamlDocuments(text: string): { documents: ParsedDocument[]; problems: InputProblem[]; templates: TemplateDocument[] } {
  const problems: InputProblem[] = [];
  const templates: TemplateDocument[] = [];
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) {
    return { documents: [], problems: [{ message: `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; split it into smaller files` }], templates };
  }
  const lines = new Lines(text);
  const documents: ParsedDocument[] = [];
  const chunks = documentChunks(text);
  if (chunks.length > MAX_DOCUMENTS) {
    const message = `holds more than ${MAX_DOCUMENTS.toLocaleString('en')} YAML documents; split it into smaller files`;
    return { documents: [], problems: [{ message }], templates };
  }
  let index = 0;
  for (const written of chunks) {
    let chunk = written;
    // Offsets in the text read are offsets in the text written, unless flow lines were padded (below).
    let original = (offset: number) => offset;
    let events: Event[];
    let values: unknown[];
    try {
      ({ events, values } = readChunk(chunk.text));
    } catch (error) {
      const reason = error instanceof YAMLException ? error.reason : undefined;
      const padded = reason === 'deficient indentation' ? padFlowContinuations(chunk.text) : undefined;
      const reread = padded ? tryRead(padded.text) : undefined;
      const escaped = reason === 'unknown escape sequence' ? rewriteQuoteEscapes(chunk.text) : undefined;
      const unescaped = escaped ? tryRead(escaped.text) : undefined;
      const restored = escaped && unescaped ? restoreQuotes(unescaped.values, escaped.count) : undefined;
      if (padded && reread) {
        // Read as kubectl reads it (flow-indentation.ts); positions point into the text as written.
        chunk = { start: written.start, text: padded.text };
        original = padded.toOriginal;
        ({ events, values } = reread);
      } else if (escaped && unescaped && restored) {
        // `\'` read as go-yaml reads it (quote-escapes.ts); the text read has the same length as the text written.
        chunk = { start: written.start, text: escaped.text };
        ({ events } = unescaped);
        values = restored;
      } else {
        // A template that is not YAML until rendered (`name: {{ .Release.Name }}`) is not a broken manifest.
        if (TEMPLATE_ACTION.test(written.text)) templates.push({ index, position: lines.at(written.start) });
        else problems.push(parseProblem(error, written, lines, index));
        index++;
        continue;
      }
    }
    const starts = documentStarts(events);
    values.forEach((value, i) => {
      const docIndex = index + i;
      if (value === null || value === undefined) return;
      const startOffset = chunk.start + original(starts[i].offset);
      const expansion = expansionProblem(value);
      if (expansion) {
        problems.push({ message: expansion, position: lines.at(startOffset), index: docIndex });
        return;
      }
      let offsets: Map<string, number> | undefined;
      const position = lines.at(startOffset);
      const documentInChunk = i;
      documents.push({
        index: docIndex,
        value,
        position,
        // The events are parsed again here, for a document with findings only: keeping every document's
        // events until the end would hold the whole input's parse in memory.
        locate: (path) => {
          if (!offsets) {
            const again = parseEvents(chunk.text, { maxDepth: MAX_NESTING });
            offsets = fieldOffsets(again, documentStarts(again)[documentInChunk].event, chunk.text);
          }
          const segments = pathSegments(path);
          for (let n = segments.length; n > 0; n--) {
            const offset = offsets.get(pathKey(segments.slice(0, n)));
            if (offset !== undefined) return lines.at(chunk.start + original(offset));
          }
          return position;
        },
      });
    });
    index += values.length;
  }
  return { documents, problems, templates };
}

function readChunk(text: string): { events: Event[]; values: unknown[] } {
  const events = parseEvents(text, { maxDepth: MAX_NESTING });
  return { events, values: constructFromEvents(events, { source: text, schema: KUBECTL_SCHEMA, maxAliases: MAX_ALIASES }) };
}

function tryRead(text: string): { events: Event[]; values: unknown[] } | undefined {
  try {
    return readChunk(text);
  } catch {
    return undefined;
  }
}

function parseProblem(error: unknown, chunk: { start: number; text: string }, lines: Lines, index: number): InputProblem {
  if (error instanceof YAMLException) {
    const at = error.mark ? chunk.start + error.mark.position : chunk.start;
    if (error.reason === 'duplicated mapping key') {
      // As kubectl says it (go-yaml: `key "kind" already set in map`): with the key.
      // The mark may sit just inside the key's opening quote.
      const from = at - chunk.start - (/["']/.test(chunk.text[at - chunk.start - 1] ?? '') ? 1 : 0);
      const rest = chunk.text.slice(from);
      const quoted = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')/.exec(rest);
      const key = quoted ? quoted[1].slice(1, -1) : /^[^:\n]*/.exec(rest)![0].trim();
      return { message: `duplicated mapping key ${JSON.stringify(key)}: the key is already set in this map`, position: lines.at(at), index };
    }
    const reason = error.reason.replace(/^nesting exceeded maxDepth \((\d+)\)$/, 'collections are nested more than $1 levels deep: refused')
      .replace(/^.*maxAliases.*$/i, `more than ${MAX_ALIASES} aliases in one document: refused`);
    return { message: reason, position: lines.at(at), index };
  }
  // The parser's own limits keep its recursion shallow; anything else is reported, never thrown.
  return { message: `cannot be read: ${error instanceof Error ? error.message : String(error)}`, position: lines.at(chunk.start), index };
}

/** Where each document of an event stream starts: the index of its DOCUMENT event and the offset of its content. */
function documentStarts(events: Event[]): Array<{ event: number; offset: number }> {
  const starts: Array<{ event: number; offset: number }> = [];
  for (let i = 0; i < events.length; i++) {
    if (events[i].type !== EVENT_ID.DOCUMENT) continue;
    const content = events[i + 1];
    starts.push({ event: i, offset: content ? startOf(content) : 0 });
  }
  return starts;
}

function startOf(event: Event): number {
  switch (event.type) {
    // A quoted scalar's value starts after its opening quote; the field starts at the quote.
    case EVENT_ID.SCALAR: return firstOffset(event.anchorStart, event.tagStart,
      event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED ? event.valueStart - 1 : event.valueStart);
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE: return firstOffset(event.anchorStart, event.tagStart, event.start);
    case EVENT_ID.ALIAS: return Math.max(0, event.anchorStart - 1);
    default: return 0;
  }
}

/** The smallest offset that is present (-1 means absent). */
function firstOffset(...offsets: number[]): number {
  const present = offsets.filter((o) => o >= 0);
  return present.length ? Math.min(...present) : 0;
}

/**
 * Refuses a value that contains itself (an alias to an enclosing node: no finite document) or whose
 * expansion through shared aliases exceeds MAX_EXPANDED_VALUES. Each distinct node is visited once.
 */
function expansionProblem(root: unknown): string | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  /** The expanded size of each node whose walk is finished. */
  const sizes = new Map<object, number>();
  /** The nodes being walked: from the root down to the current one. */
  const open = new Set<object>([root]);
  const stack = [{ node: root, children: Object.values(root) as unknown[], next: 0, size: 1 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next === top.children.length) {
      stack.pop();
      open.delete(top.node);
      sizes.set(top.node, top.size);
      if (stack.length) stack[stack.length - 1].size += top.size;
    } else {
      const child = top.children[top.next++];
      if (typeof child !== 'object' || child === null) top.size++;
      else if (open.has(child)) return 'an alias refers to a node that contains it: the document has no finite value';
      else if (sizes.has(child)) top.size += sizes.get(child)!;
      else {
        open.add(child);
        stack.push({ node: child, children: Object.values(child), next: 0, size: 1 });
      }
    }
    if (stack.length && stack[stack.length - 1].size > MAX_EXPANDED_VALUES) return expandedMessage();
  }
  return undefined;
}

function expandedMessage(): string {
  return `its aliases expand to more than ${MAX_EXPANDED_VALUES.toLocaleString('en')} values (an alias bomb): refused`;
}

/** The segments of a finding's path: `spec.containers[1].env[0]` and `metadata.annotations[a/b]`. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else segments.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return segments;
}

function pathKey(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
}

interface Frame { readonly kind: 'map' | 'seq'; readonly path: string; index: number; key?: string; keyOffset?: number; expectKey: boolean }

/**
 * The offset of every field of one document, by path: a mapping entry at its key, a list item at its
 * start. Built from the parser's events only for a document that has findings.
 */
function fieldOffsets(events: Event[], documentEvent: number, source: string): Map<string, number> {
  const offsets = new Map<string, number>();
  const stack: Frame[] = [];
  /** The path of the node that starts now in the current container, and records where it starts. */
  const place = (event: Event): string | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'seq') {
      const path = `${top.path}[${top.index++}]`;
      offsets.set(path, startOf(event));
      return path;
    }
    if (top.expectKey) {
      top.expectKey = false;
      top.key = event.type === EVENT_ID.SCALAR ? getScalarValue(source, event) : undefined;
      top.keyOffset = startOf(event);
      return undefined;
    }
    top.expectKey = true;
    if (top.key === undefined) return undefined;
    const path = `${top.path}.${top.key}`;
    offsets.set(path, top.keyOffset!);
    return path;
  };
  for (let i = documentEvent + 1; i < events.length; i++) {
    const event = events[i];
    if (event.type === EVENT_ID.DOCUMENT) break;
    if (event.type === EVENT_ID.POP) {
      if (!stack.pop()) break;
      continue;
    }
    const path = place(event);
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      // A collection used as a mapping key gets no path; its contents are walked and dropped.
      stack.push({ kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq', path: path ?? '\u0000', index: 0, expectKey: true });
    }
  }
  return offsets;
}
