import * as fs from 'fs';
import * as path from 'path';
import { documentationText } from '../_support/documentation';

/**
 * The public API is what a user writes or reads in the README, and nothing else: at most 45 names, each
 * one documented in the README or in its TSDoc (40 for the first four patterns; the adapter and the image
 * volume added five, their option types reachable through the signatures that take them). `src/index.ts` names every export explicitly.
 */
const SRC = path.join(__dirname, '..', '..', 'src');
const index = fs.readFileSync(path.join(SRC, 'index.ts'), 'utf8');
const readme = documentationText(path.join(__dirname, '..', '..'));

const exported = [...index.matchAll(/^export (?:type )?\{([^}]+)\} from '([^']+)';/gm)].flatMap((m) =>
  m[1].split(',').map((n) => ({ name: n.trim(), module: path.join(SRC, `${m[2]}.ts`) })));

test('src/index.ts re-exports names explicitly, never a whole module', () => {
  expect(index).not.toMatch(/^export \*/m);
});

test('the public API has at most 45 names', () => {
  expect(exported.length).toBeGreaterThan(0);
  expect(exported.length).toBeLessThanOrEqual(45);
});

test('every runtime export of the package is listed in src/index.ts', () => {
  const runtime = Object.keys(require('../../src'));
  expect(runtime.filter((n) => !exported.some((e) => e.name === n))).toEqual([]);
});

test.each(exported.map((e) => [e.name, e.module]))('%s is documented in the README, docs/ or its TSDoc', (name, module) => {
  const source = fs.readFileSync(module, 'utf8');
  const declaration = new RegExp(`\\*/\\s*\\nexport (?:declare )?(?:abstract )?(?:class|function|const|interface|type|enum) ${name}\\b`);
  expect(readme.includes(`\`${name}\``) || readme.includes(`${name}.`) || declaration.test(source)).toBe(true);
});
