import * as fs from 'fs';
import * as path from 'path';
import { sourceFiles, SRC } from '../_support/source-files';

/**
 * No import circles in src/: each module can be read after the ones it imports (type-only imports
 * included, since a reader follows them too).
 */

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/g)]
    .map((m) => path.resolve(path.dirname(file), m[1]))
    .map((target) => (fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts')));
}

test('src/ has no import circle', () => {
  const graph = new Map(sourceFiles(SRC).map((f) => [f, importsOf(f)]));
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      circles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SRC, f)).join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  expect(circles).toEqual([]);
});
