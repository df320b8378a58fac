import * as fs from 'fs';
import * as path from 'path';

// The generator reads the sources with TypeScript 5.9's compiler API, as `node scripts/generate-docs.js` does.
 
const { renderApiMarkdown } = require('../../scripts/docs/api-markdown') as { renderApiMarkdown: (root: string) => string };

const root = path.join(__dirname, '..', '..');

test('docs/api.md is what the doc comments of the public API generate (after a change: node scripts/generate-docs.js)', () => {
  expect(fs.readFileSync(path.join(root, 'docs', 'api.md'), 'utf8')).toBe(renderApiMarkdown(root));
}, 60_000);

test('every export of src/index.ts has a section of its own in docs/api.md', () => {
  const api = fs.readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
  const index = fs.readFileSync(path.join(root, 'src', 'index.ts'), 'utf8');
  const names = [...index.matchAll(/^export (?:type )?\{([^}]+)\}/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim()));
  expect(names.filter((n) => !api.includes(`### \`${n}\` (`))).toEqual([]);
});
