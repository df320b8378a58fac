import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { transformSync } from '@swc/core';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { checkManifests, formatFinding } from '../../src';
import { documentationFiles } from '../_support/documentation';

/**
 * The TypeScript examples of the README and of docs/ are compiled and run here, and the YAML shown after an
 * example is compared with what it synthesizes ("yaml abridged": every field shown must be in the output).
 */
const root = path.resolve(__dirname, '..', '..');

interface Snippet {
  readonly index: number;
  readonly name: string;
  readonly code: string;
  readonly yaml?: { readonly text: string; readonly abridged: boolean };
}

function snippets(): Snippet[] {
  const result: Snippet[] = [];
  for (const doc of documentationFiles(root)) {
    const text = fs.readFileSync(path.join(root, doc), 'utf-8');
    const fences = [...text.matchAll(/```(\w+)( abridged)?\n([\s\S]*?)```/g)];
    let n = 0;
    fences.forEach((fence, i) => {
      if (fence[1] !== 'ts') return;
      const next = fences[i + 1];
      const yaml = next && next[1] === 'yaml' ? { text: next[3], abridged: next[2] !== undefined } : undefined;
      result.push({ index: result.length, name: `${doc} #${++n}`, code: fence[3], yaml });
    });
  }
  return result;
}

/** Runs a snippet as a user would, with `chart` in scope; `globals` stands in for jest's (the snippet's own test). */
function run(code: string, globals: Record<string, unknown> = {}) {
  const js = transformSync(code, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code;
  const chart = Testing.chart();
  const requireForSnippet = (id: string) => (id === 'cdk8s-pod-patterns' ? require('../../src') : require(id));
  const names = Object.keys(globals);
  new Function('require', 'chart', 'exports', ...names, js)(requireForSnippet, chart, {}, ...names.map((n) => globals[n]));
  return Testing.synth(chart);
}

/** What the snippet's own jest calls saw: `test(name, fn)` runs fn, `expect(x)` records x. */
function jestStandIns() {
  const expected: unknown[] = [];
  const matchers = { toMatchSnapshot: () => undefined };
  return {
    expected,
    globals: {
      test: (_name: string, fn: () => void) => fn(),
      expect: (value: unknown) => { expected.push(value); return matchers; },
      console: { log: (...args: unknown[]) => expected.push(args) },
    },
  };
}

test('the README and docs/ have TypeScript examples, each followed by its YAML where it synthesizes', () => {
  expect(snippets().filter((s) => s.yaml).length).toBeGreaterThanOrEqual(3);
});

test('every TypeScript example in the README and docs/ type-checks', () => {
  const dir = path.join(root, '.readme-check');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  try {
    for (const s of snippets()) {
      fs.writeFileSync(path.join(dir, `snippet-${s.index}.ts`), `import { Chart } from 'cdk8s';\ndeclare const chart: Chart;\n${s.code}\nexport {};\n`);
    }
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, noUnusedLocals: false, rootDir: '..', paths: { 'cdk8s-pod-patterns': ['../src/index.ts'] } },
      include: ['*.ts'],
    }));
    execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', dir], { cwd: root, stdio: 'pipe' });
  } catch (err: any) {
    throw new Error(`README examples do not type-check:\n${err.stdout?.toString() ?? err}`, { cause: err });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

describe.each(snippets().filter((s) => s.yaml).map((s) => [s.name, s] as const))('%s', (_name, snippet) => {
  test('synthesizes the YAML shown after it', () => {
    const actual = run(snippet.code);
    const shown = parseAllDocuments(snippet.yaml!.text).map((d) => d.toJS());
    if (snippet.yaml!.abridged) {
      expect(actual).toMatchObject(shown);
    } else {
      expect(actual).toEqual(shown);
    }
  });
});

describe.each(snippets().map((s) => [s.name, s] as const))('%s', (_name, snippet) => {
  test('runs, and what it synthesizes passes the check engine without errors or uid-less non-root containers', () => {
    const { expected, globals } = jestStandIns();
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let docs: any[];
    try {
      docs = run(snippet.code, globals);
    } finally {
      quiet.mockRestore();
    }
    // A snippet either synthesizes into `chart`, or synthesizes its own and hands the result to expect/console.
    const produced = docs.length > 0 ? docs : expected.flat(2).filter((d: any) => d && typeof d === 'object' && 'kind' in d);
    // Stricter than the defaults: baseline for pods that declare no level, so no example teaches a privileged pod unawares.
    const findings = checkManifests(produced.length > 0 ? produced : docs, { podSecurity: 'baseline' }).flatMap((m) => m.findings);
    expect(produced.length + expected.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.severity === 'error' || f.rule === 'run-as-non-root-without-user').map(formatFinding)).toEqual([]);
  });
});
