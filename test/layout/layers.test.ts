import * as fs from 'fs';
import * as path from 'path';
import { sourceFiles, SRC } from '../_support/source-files';

/**
 * The layers of src/, bottom to top. A file may import its own layer and the layers below it, never one
 * above: the pure checks know nothing of cdk8s, the validation faces know only the checks and the core, the
 * patterns sit on top, and nothing imports the example app.
 */
const LAYERS = ['checks', 'diagram', 'core', 'validation', 'patterns', 'cli', 'example'] as const;


/** The layer of a file under src/; top-level files (index.ts re-exports everything, main.ts runs the example) have none. */
function layerOf(file: string): number | undefined {
  const [top] = path.relative(SRC, file).split(path.sep);
  const index = LAYERS.indexOf(top as (typeof LAYERS)[number]);
  return index < 0 ? undefined : index;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const files = sourceFiles(SRC);

test('every folder of src/ is a known layer', () => {
  const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(folders.filter((f) => !LAYERS.includes(f as (typeof LAYERS)[number]))).toEqual([]);
});

test.each(files.map((f) => [path.relative(SRC, f), f]))('%s imports nothing from a layer above it', (_name, file) => {
  const own = layerOf(file);
  const upward = importsOf(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec))
    .filter((target) => {
      const layer = layerOf(target.endsWith('.ts') ? target : `${target}.ts`);
      if (own === undefined) return false;
      // A top-level target (src/index.ts) is above every layer; the example app imports it as a user would.
      if (layer === undefined) return own !== LAYERS.indexOf('example');
      return layer > own;
    })
    .map((target) => path.relative(SRC, target));
  expect(upward).toEqual([]);
});

test.each(files.filter((f) => (layerOf(f) ?? 9) <= LAYERS.indexOf('diagram')).map((f) => [path.relative(SRC, f), f]))('%s, a pure check or diagram, imports no cdk8s', (_name, file) => {
  expect(importsOf(file).filter((spec) => /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/.test(spec))).toEqual([]);
});

test('only main.ts imports the example app', () => {
  const example = LAYERS.indexOf('example');
  const importers = files.filter((f) => layerOf(f) !== example && importsOf(f).some((spec) => {
    const target = path.resolve(path.dirname(f), spec);
    return spec.startsWith('.') && layerOf(`${target}.ts`) === example;
  }));
  expect(importers.map((f) => path.relative(SRC, f))).toEqual(['main.ts']);
});

// The check command must start fast and run where cdk8s is not installed: it stands on the pure checks alone.
test.each(files.filter((f) => layerOf(f) === LAYERS.indexOf('cli')).map((f) => [path.relative(SRC, f), f]))(
  '%s, part of the check command, imports only the checks, the diagrams, node and its two packages', (_name, file) => {
    const outside = importsOf(file).filter((spec) => {
      if (spec.startsWith('.')) {
        const layer = layerOf(`${path.resolve(path.dirname(file), spec)}.ts`);
        return layer !== LAYERS.indexOf('checks') && layer !== LAYERS.indexOf('diagram') && layer !== LAYERS.indexOf('cli');
      }
      return !['fs', 'path', 'js-yaml', 'commander'].includes(spec);
    });
    expect(outside).toEqual([]);
  });
