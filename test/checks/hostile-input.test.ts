import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { MAX_FINDING_TEXT } from '../../src/checks/_quote';
import { checkManifest } from '../../src/checks/engine';
import { Finding } from '../../src/checks/finding';

/**
 * The engine reads YAML nobody here wrote, from pull requests: on any value a YAML or JSON parser (or a
 * JavaScript caller) can produce it returns findings, never throws, never writes into a prototype, and
 * never embeds a whole hostile value in a message. Timings are in `npm run bench:engine`, not here.
 */
const dir = path.join(__dirname, '..', 'fixtures', 'valid-pods');
const validDocs: any[] = fs.readdirSync(dir).sort()
  .flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf-8'), { version: '1.1' }).map((d) => d.toJS()));

const bounded = (findings: Finding[]) => findings.every((f) => f.message.length <= MAX_FINDING_TEXT + 40
  && f.path.length <= MAX_FINDING_TEXT + 40 && f.fix.length <= MAX_FINDING_TEXT + 40);

function deep(levels: number, array = false): unknown {
  const root: any = array ? [] : {};
  let node = root;
  for (let i = 0; i < levels; i++) {
    const next: any = array ? [] : {};
    if (array) node.push(next);
    else node.a = next;
    node = next;
  }
  return root;
}

const HOSTILE: Record<string, () => unknown> = {
  'a cycle': () => {
    const o: any = { name: 'c' };
    o.self = o;
    o.list = [o];
    return o;
  },
  'nesting 10,000 deep': () => deep(10_000),
  'arrays nested 10,000 deep': () => deep(10_000, true),
  'a 1 MB string': () => 'x'.repeat(1 << 20),
  NaN: () => NaN,
  Infinity: () => Infinity,
  '-Infinity': () => -Infinity,
  'a BigInt': () => 10n ** 30n,
  'a symbol': () => Symbol('s'),
  'a function': () => () => 1,
  '__proto__ and constructor keys': () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  'an array of 10,000 strings': () => new Array(10_000).fill('x'),
};
/** The large values cost time, not coverage: they are set in every field of the richest pod only. */
const LARGE = new Set(['nesting 10,000 deep', 'arrays nested 10,000 deep', 'a 1 MB string', 'an array of 10,000 strings']);

/** Every path to a value in a manifest. */
function paths(value: unknown, at: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => [[...at, key], ...paths((value as any)[key], [...at, key])]);
}

function replaced(doc: any, at: string[], value: unknown): any {
  const copy = structuredClone(doc);
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key];
  node[at[at.length - 1]] = value;
  return copy;
}

// Every field of the richest pods of the corpus (a Pod, a Deployment, a Job, a StatefulSet...), set to each
// hostile value.
const richest = [...new Map(validDocs.map((d) => [d.kind, d])).values()].sort((a, b) => paths(b).length - paths(a).length);
const pod = richest.find((d) => d.kind === 'Pod')!;
describe.each(Object.entries(HOSTILE))('%s in any field', (name, make) => {
  test('gives findings, bounded in size, and never throws', () => {
    for (const doc of LARGE.has(name) ? richest.slice(0, 1) : richest.slice(0, 3)) {
      for (const at of paths(doc)) {
        let findings: Finding[] = [];
        expect(() => { findings = checkManifest(replaced(doc, at, make())); }).not.toThrow();
        if (!bounded(findings)) throw new Error(`unbounded finding for ${at.join('.')}`);
      }
    }
  });
});

test('no prototype is written, whatever the keys', () => {
  for (const at of paths(pod)) checkManifest(replaced(pod, at, HOSTILE['__proto__ and constructor keys']()));
  expect(({} as any).polluted).toBeUndefined();
  expect((Object.prototype as any).polluted).toBeUndefined();
});

test('YAML aliases that make cycles (yaml builds them) give findings', () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: &s\n  dnsPolicy: *s\n  containers:\n    - &c {name: a, image: *s, ports: [*c]}\n';
  const manifest = parseDocument(yaml).toJS({ maxAliasCount: -1 });
  const findings = checkManifest(manifest);
  expect(findings.some((f) => f.rule === 'dns-policy' || f.severity === 'error')).toBe(true);
  expect(findings.map((f) => f.message).join('\n')).toContain('<cycle>');
});

test('a 1 MB value appears in a message only cut, with its length', () => {
  const image = 'x'.repeat(1 << 20);
  const [finding] = checkManifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: [{ name: 'a', image: 'r/a:1', imagePullPolicy: image }] } }).filter((f) => f.rule === 'image-pull-policy');
  expect(finding.message.length).toBeLessThan(400);
  expect(finding.message).toContain(`(${1 << 20} characters)`);
});

test.each([
  ['activeDeadlineSeconds', { activeDeadlineSeconds: NaN }, 'active-deadline-seconds', 'must be a finite integer'],
  ['activeDeadlineSeconds', { activeDeadlineSeconds: Infinity }, 'active-deadline-seconds', 'Invalid value: Infinity'],
  ['terminationGracePeriodSeconds', { terminationGracePeriodSeconds: NaN }, 'integer-value', 'Invalid value: NaN: must be a finite integer'],
  ['terminationGracePeriodSeconds', { terminationGracePeriodSeconds: 1.5 }, 'integer-value', 'Invalid value: 1.5: must be an integer'],
])('%s given %p is named for what it is', (_field, spec, rule, message) => {
  const findings = checkManifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: [{ name: 'a', image: 'r/a:1' }], ...spec } });
  expect(findings.filter((f) => f.rule === rule).map((f) => f.message)).toEqual([expect.stringContaining(message)]);
});

test.each([NaN, Infinity, 0.5])('a probe timing of %p is refused, as the API server cannot decode it', (value) => {
  const findings = checkManifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: [{ name: 'a', image: 'r/a:1', readinessProbe: { exec: { command: ['true'] }, periodSeconds: value } }] } });
  expect(findings.filter((f) => f.rule === 'probe').map((f) => f.path)).toEqual(['spec.containers[0].readinessProbe.periodSeconds']);
});

// A random-mutation fuzz with a fixed seed over the corpus pods: 2,000 mutations in npm test, and
// `npm run fuzz:engine` runs 60,000 (FUZZ_RUNS).
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
test(`${FUZZ_RUNS} random mutations of valid pods never throw`, () => {
  let seed = 20261201;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const values = Object.entries(HOSTILE).filter(([name]) => !LARGE.has(name)).map(([, make]) => make);
  const scalars = [0, -1, 1.5, 2 ** 53, '', ' ', '0644', 'Always', null, undefined, true, [], {}, '-1', '1e400'];
  const docPaths = validDocs.map((doc) => [doc, paths(doc)] as const);
  for (let run = 0; run < FUZZ_RUNS; run++) {
    const [doc, all] = docPaths[Math.floor(random() * docPaths.length)];
    let mutated = doc;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const at = all[Math.floor(random() * all.length)];
      const value = random() < 0.5 ? scalars[Math.floor(random() * scalars.length)] : values[Math.floor(random() * values.length)]();
      try {
        mutated = replaced(mutated, at, value);
      } catch {
        // the path no longer exists after an earlier mutation
      }
    }
    const before = mutated;
    expect(() => checkManifest(before)).not.toThrow();
  }
}, 600_000);
