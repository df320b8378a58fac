import * as fs from 'fs';
import * as path from 'path';
import { BASE_MAJOR, entryPointOf, SUPPORTED_MAJORS } from '../../src/core/entry-points';

/**
 * One seam: src/core/cdk8s-plus.ts is the only file of the library that imports a cdk8s-plus package, and
 * the build of each entry point binds that one import to its major (scripts/build-majors.js). The example
 * app is a user's code and imports its major as a user does.
 */
const root = path.join(__dirname, '..', '..');
const SRC = path.join(root, 'src');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

test('only the seam imports a cdk8s-plus package', () => {
  const importers = sourceFiles(SRC)
    .filter((f) => !path.relative(SRC, f).startsWith(`example${path.sep}`))
    .filter((f) => /(?:from|require\(|import\()\s*['"]cdk8s-plus-\d+['"]/.test(fs.readFileSync(f, 'utf8')));
  expect(importers.map((f) => path.relative(SRC, f))).toEqual([path.join('core', 'cdk8s-plus.ts')]);
  expect(fs.readFileSync(path.join(SRC, 'core', 'cdk8s-plus.ts'), 'utf8')).toContain(`from 'cdk8s-plus-${BASE_MAJOR}'`);
});

test('package.json offers an entry point, its types for CommonJS resolution, and an optional peer for every supported major', () => {
  expect(pkg.cdk8sPlusMajors).toEqual({ base: BASE_MAJOR, majors: SUPPORTED_MAJORS });
  expect(pkg.exports['.']).toEqual({ types: './lib/src/index.d.ts', default: './lib/src/index.js' });
  for (const major of SUPPORTED_MAJORS) {
    const dir = major === BASE_MAJOR ? 'src' : `plus-${major}`;
    expect(entryPointOf(major)).toBe(major === BASE_MAJOR ? 'cdk8s-pod-patterns' : `cdk8s-pod-patterns/plus-${major}`);
    expect(pkg.exports[`./plus-${major}`]).toEqual({ types: `./lib/${dir}/index.d.ts`, default: `./lib/${dir}/index.js` });
    // The cdk8s template's tsconfig (module CommonJS, TypeScript's node10 resolution) reads no `exports`.
    expect(pkg.typesVersions['*'][`plus-${major}`]).toEqual([`lib/${dir}/index.d.ts`]);
    expect(pkg.peerDependencies[`cdk8s-plus-${major}`]).toMatch(/^\^2\.\d+\.\d+$/);
    expect(pkg.peerDependenciesMeta[`cdk8s-plus-${major}`]).toEqual({ optional: true });
    expect(pkg.devDependencies[`cdk8s-plus-${major}`]).toMatch(/^2\.\d+\.\d+$/);
    if (major !== BASE_MAJOR) expect(pkg.files).toEqual(expect.arrayContaining([`lib/plus-${major}/**/*.js`, `lib/plus-${major}/**/*.d.ts`]));
  }
  expect(Object.keys(pkg.peerDependencies).filter((p) => p.startsWith('cdk8s-plus-')).sort())
    .toEqual(SUPPORTED_MAJORS.map((m) => `cdk8s-plus-${m}`).sort());
});
