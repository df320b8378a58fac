#!/usr/bin/env node
// The entry point of each cdk8s-plus major other than the base (`cdk8s-pod-patterns/plus-NN`), built from
// the same sources as the package root (`npm run build` runs it after tsc; it needs lib/src/ built).
//
// For each major, tsc type-checks and emits src/index.ts's import closure with the seam's import,
// 'cdk8s-plus-27' (src/core/cdk8s-plus.ts), resolved to cdk8s-plus-NN (a `paths` entry), so every file is
// checked against that major's own types. Of what it emits, only the modules that reach the seam (the
// patterns, the construct faces) are kept, in lib/plus-NN/ with the layout of lib/src/; every other module
// (the check engine, the diagrams, the validation plugin, the errors) is shared: the kept files' imports
// of them are pointed at lib/src/, so one copy of each is loaded whatever entry points an app uses. The
// seam's import is then bound to cdk8s-plus-NN: the only place where the builds differ in code.
//
// Usage: node scripts/build-majors.js [NN ...]   (every major of package.json's cdk8sPlusMajors by default)
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const { base, majors } = pkg.cdk8sPlusMajors;
const SEAM = 'core/cdk8s-plus';
const BASE_PACKAGE = `cdk8s-plus-${base}`;
const shared = path.join(root, 'lib', 'src');

function fail(message) {
  console.error(`build-majors: ${message}`);
  process.exit(1);
}

/** The relative module specifiers of an emitted .js or .d.ts file, with where each occurs. */
const SPECIFIER = /(\brequire\(|\bfrom |\bimport\()(["'])(\.{1,2}\/[^"']*)\2/g;

/** Module id (path under the emitted src/, no extension) of a relative specifier in `fromId`. */
function targetId(fromId, specifier) {
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromId), specifier)).replace(/\.js$/, '');
}

function emittedIds(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return emittedIds(path.join(dir, e.name), rel);
    return e.name.endsWith('.js') ? [rel.slice(0, -3)] : [];
  });
}

/**
 * The modules whose import closure, through their `ext` files, reaches the seam. Through the .js files: the
 * modules that must run per major. Through the .d.ts files: also those whose types name cdk8s-plus (a type-only
 * import leaves no trace in the .js), whose declarations must be per major, or a consumer's tsc would follow
 * them to the base package, which an app on another major does not have.
 */
function seamDependents(outSrc, ids, ext) {
  const imports = new Map(ids.map((id) => {
    const file = path.join(outSrc, `${id}${ext}`);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    return [id, [...text.matchAll(SPECIFIER)].map((m) => targetId(id, m[3]))];
  }));
  const dependent = new Set([SEAM]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, targets] of imports) {
      if (!dependent.has(id) && targets.some((t) => dependent.has(t))) {
        dependent.add(id);
        grew = true;
      }
    }
  }
  return dependent;
}

function buildMajor(major) {
  const name = `cdk8s-plus-${major}`;
  if (!fs.existsSync(path.join(root, 'node_modules', name, 'package.json'))) fail(`${name} is not installed (npm ci)`);
  const work = path.join(root, 'lib', '.majors', `plus-${major}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const tsconfig = path.join(work, 'tsconfig.json');
  fs.writeFileSync(tsconfig, JSON.stringify({
    extends: path.join(root, 'tsconfig.json'),
    compilerOptions: {
      rootDir: path.join(root, 'src'),
      outDir: path.join(work, 'out'),
      types: ['node'],
      paths: { [BASE_PACKAGE]: [path.join(root, 'node_modules', name)] },
    },
    files: [path.join(root, 'src', 'index.ts')],
    include: [],
  }, null, 2));
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], { cwd: root, stdio: 'inherit' });
  } catch {
    fail(`the sources do not type-check against ${name} (above)`);
  }
  const outSrc = path.join(work, 'out');
  const ids = emittedIds(outSrc);
  const running = seamDependents(outSrc, ids, '.js');
  const typed = seamDependents(outSrc, ids, '.d.ts');
  const ownFiles = (ext) => (ext === '.js' ? running : new Set([...running, ...typed]));
  const dest = path.join(root, 'lib', `plus-${major}`);
  fs.rmSync(dest, { recursive: true, force: true });
  for (const id of [...new Set([...running, ...typed])].sort()) {
    for (const ext of ['.js', '.d.ts']) {
      const from = path.join(outSrc, `${id}${ext}`);
      // A module whose types alone name cdk8s-plus runs from lib/src/: only its declarations are per major.
      if (!fs.existsSync(from) || !ownFiles(ext).has(id)) continue;
      const dependent = ownFiles(ext);
      let text = fs.readFileSync(from, 'utf8').replace(SPECIFIER, (all, call, quote, specifier) => {
        const target = targetId(id, specifier);
        if (dependent.has(target)) return all;
        // A shared module: the one in lib/src/, from lib/plus-NN/<id>.
        const up = path.posix.relative(path.posix.dirname(`plus-${major}/${id}`), `src/${target}`);
        return `${call}${quote}${up.startsWith('.') ? up : `./${up}`}${quote}`;
      });
      if (id === SEAM) {
        const bound = text.split(`"${BASE_PACKAGE}"`).join(`"${name}"`).split(`'${BASE_PACKAGE}'`).join(`'${name}'`);
        if (bound === text) fail(`the seam ${SEAM}${ext} does not import ${BASE_PACKAGE}`);
        text = bound;
      } else if (/(\brequire\(|\bfrom |\bimport\()["']cdk8s-plus-\d+["']/.test(text)) {
        fail(`${id}${ext} names ${BASE_PACKAGE}: only the seam, ${SEAM}, may import cdk8s-plus`);
      }
      fs.mkdirSync(path.dirname(path.join(dest, `${id}${ext}`)), { recursive: true });
      fs.writeFileSync(path.join(dest, `${id}${ext}`), text);
    }
  }
  verifyResolves(dest);
  fs.rmSync(work, { recursive: true, force: true });
  return running.size;
}

/**
 * Every relative import of the built entry point resolves to a file of this build or of lib/src/: a .js
 * import to a .js file, a .d.ts import to declarations.
 */
function verifyResolves(dest) {
  const files = (dir, prefix = '') => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? files(path.join(dir, e.name), rel) : [rel];
  });
  for (const rel of files(dest).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))) {
    const file = path.join(dest, rel);
    const ext = rel.endsWith('.d.ts') ? '.d.ts' : '.js';
    for (const m of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = path.resolve(path.dirname(file), m[3]).replace(/\.js$/, '');
      if (!fs.existsSync(`${target}${ext}`)) {
        fail(`${path.relative(root, file)} imports ${m[3]}, which is not built (${path.relative(root, target)}${ext})`);
      }
    }
  }
}

const asked = process.argv.slice(2).map(Number);
if (!fs.existsSync(path.join(shared, 'index.js'))) fail('lib/src/ is not built: run tsc -p tsconfig.build.json first');
for (const major of asked.length > 0 ? asked : majors.filter((m) => m !== base)) {
  const count = buildMajor(major);
  console.log(`build-majors: lib/plus-${major}/ (cdk8s-plus-${major}): ${count} modules of its own (and their declarations), `
    + 'the rest shared from lib/src/');
}
fs.rmSync(path.join(root, 'lib', '.majors'), { recursive: true, force: true });
