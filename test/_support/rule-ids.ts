import * as fs from 'fs';
import * as path from 'path';

/**
 * The rule ids that src/ can report, read from the source: every place a rule id is written (`rule: ...`
 * in a finding, a RuleProblem or a PodPatternError; the first argument of `ctx.error`/`ctx.warn`/`fail`; the
 * `rule` argument of a helper that passes it on). A rule expression it does not understand is returned as
 * unrecognized, so a new way of writing rule ids makes the test that uses this fail instead of hiding them.
 */

const SRC = path.join(__dirname, '..', '..', 'src');
const ID = /^'([a-z][a-z0-9]*(?:-[a-z0-9]+)*)'$/;

/**
 * How the source reports an id where it writes it: `error` (ctx.error, a finding with severity 'error', a
 * RuleProblem or a PodPatternError), `warning` (ctx.warn, a finding with severity 'warning'), `accepted` (a
 * recorded decision: ctx.report with 'accepted'), `either`
 * (ctx.report with a severity it computes), or `unknown` (passed to a helper that takes the rule id).
 */
export type WrittenAs = 'error' | 'warning' | 'accepted' | 'either' | 'unknown';

export interface RuleIdsInSource {
  /** Each id, with the files (relative to src/) that write it. */
  readonly ids: Map<string, Set<string>>;
  /** Each id, with how it is reported where it is written. */
  readonly writtenAs: Map<string, Set<WrittenAs>>;
  /** Rule expressions that are neither a literal, a choice of literals, a known template nor a pass-through. */
  readonly unrecognized: string[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The text from `start` up to the first `,`, `)`, `}` or `;` outside brackets, quotes and templates. */
function expressionAt(text: string, start: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch) && depth > 0) depth--;
    else if (depth === 0 && ',)};\n'.includes(ch)) return text.slice(start, i).trim();
  }
  return text.slice(start).trim();
}

/** The arguments of the call (or the parameters of the declaration) whose `(` is at `open`, on one line or several. */
function argumentsAt(text: string, open: number): string[] {
  const args: string[] = [];
  let i = open + 1;
  while (i < text.length && /\s/.test(text[i])) i++;
  while (i < text.length && text[i] !== ')') {
    const arg = expressionAt(text, i);
    args.push(arg);
    i = text.indexOf(arg, i) + arg.length;
    while (i < text.length && /[\s,]/.test(text[i])) i++;
  }
  return args;
}

export function ruleIdsInSource(): RuleIdsInSource {
  const ids = new Map<string, Set<string>>();
  const writtenAs = new Map<string, Set<WrittenAs>>();
  const unrecognized: string[] = [];
  let as: WrittenAs = 'unknown';
  const add = (id: string, file: string) => {
    ids.set(id, (ids.get(id) ?? new Set()).add(path.relative(SRC, file)));
    writtenAs.set(id, (writtenAs.get(id) ?? new Set()).add(as));
  };

  // Helpers that take a destination's `fail: (field: string, ...)` and the fields to report with it (`...Field`).
  const fieldHelpers = new Map<string, number[]>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/function (\w+)\(/g)) {
      const params = argumentsAt(text, m.index! + m[0].length - 1);
      if (!/^fail: (\(field: string|DestinationFailure)/.test(params[0] ?? '')) continue;
      fieldHelpers.set(m[1], params.flatMap((p, i) => (/^\w+Field\s*:/.test(p) ? [i] : [])));
    }
  }

  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(SRC, file);
    // `pod-security-${v.check}`: the Pod Security checks, each reported as pod-security-<check>.
    const podSecurityChecks = [...text.matchAll(/\bv\(\s*'([a-z-]+)'/g)].map((m) => m[1]);
    // destinationFailure(...) returns a fail(field, ...) that reports destination-<first part of field, lower case>;
    // helpers take it as `fail: (field: string, ...)`.
    const destinationFailures = /destinationFailure\(|fail: \(field: string|fail: DestinationFailure/.test(text);
    // A file's own `function fail(..., rule: string, ...)` is read as a helper that takes the rule id (below).
    const ownFail = /function fail\([^)]*\brule: string/.test(text);

    const judge = (expr: string, at: string): void => {
      const literal = ID.exec(expr);
      if (literal) return void add(literal[1], file);
      // A type annotation or a parameter declaration, or an id passed on from a parameter or a RuleProblem.
      if (/^(string|[A-Z]\w*|rule|\w+\.rule|rule: string)$/.test(expr)) return;
      const choice = /^[^?]+\?\s*('[^']*')\s*:\s*('[^']*')$/.exec(expr);
      if (choice && ID.test(choice[1]) && ID.test(choice[2])) {
        add(ID.exec(choice[1])![1], file);
        add(ID.exec(choice[2])![1], file);
        return;
      }
      if (expr === '`pod-security-${v.check}`' && podSecurityChecks.length > 0) {
        podSecurityChecks.forEach((check) => add(`pod-security-${check}`, file));
        return;
      }
      if (expr === "`destination-${field.split('.')[0].toLowerCase()}`") return; // expanded at each fail(field) below
      unrecognized.push(`${where}: ${at}: ${expr}`);
    };

    for (const m of text.matchAll(/\brule\s*[:=]\s*/g)) {
      const expr = expressionAt(text, m.index! + m[0].length);
      if (m[0].includes('=') && /^=/.test(expr)) continue; // `rule ===`
      // A finding names its severity beside the rule; a RuleProblem or a PodPatternError is an error.
      const severity = /^[^}]*?\bseverity:\s*'(error|warning|accepted)'/.exec(text.slice(m.index!, m.index! + 400))?.[1];
      as = m[0].includes('=') ? 'unknown' : (severity as WrittenAs | undefined) ?? 'error';
      judge(expr, m[0].trim());
    }
    for (const m of text.matchAll(/(?:\b(?:ctx|this)\.(?:error|warn|report|fail)|(?<![.\w])fail)\(/g)) {
      const [first, second] = argumentsAt(text, m.index! + m[0].length - 1);
      if (first === undefined) continue;
      const method = /\.(error|warn|report)\($/.exec(m[0])?.[1];
      as = method === 'warn' ? 'warning' : method === 'report' ? (/^'(error|warning|accepted)'$/.exec(second ?? '')?.[1] as WrittenAs | undefined) ?? 'either' : 'error';
      if (m[0] === 'fail(' && ownFail) continue;
      if (m[0] === 'fail(' && destinationFailures) {
        const field = /^'([^']+)'$/.exec(first);
        if (field) add(`destination-${field[1].split('.')[0].toLowerCase()}`, file);
        // A field passed on from the caller, whose own fail(...) literals are read where it is called.
        else if (!/^\w+$/.test(first)) unrecognized.push(`${where}: destination fail(${first})`);
        continue;
      }
      judge(first, m[0]);
    }
    // Helpers that are handed a destination's fail, with the fields (`tls.ca`, `auth.password.secret`) to report.
    as = 'error';
    for (const [helper, indexes] of fieldHelpers) {
      for (const call of text.matchAll(new RegExp(`(?<!function )\\b${helper}\\(fail,`, 'g'))) {
        const args = argumentsAt(text, call.index! + helper.length);
        for (const index of indexes) {
          const field = /^'([^']+)'$/.exec(args[index] ?? '');
          if (field) add(`destination-${field[1].split('.')[0].toLowerCase()}`, file);
        }
      }
    }
    // Helpers that take the rule id as a parameter: the argument at that place in each call of the file.
    for (const m of text.matchAll(/function (\w+)\(/g)) {
      const params = argumentsAt(text, m.index! + m[0].length - 1);
      const index = params.findIndex((p) => /^rule\s*:/.test(p));
      if (index < 0) continue;
      as = 'unknown';
      for (const call of text.matchAll(new RegExp(`(?<!function )\\b${m[1]}\\(`, 'g'))) {
        const arg = argumentsAt(text, call.index! + call[0].length - 1)[index];
        if (arg !== undefined) judge(arg, `${m[1]}(...)`);
      }
    }
  }
  return { ids, writtenAs, unrecognized };
}
