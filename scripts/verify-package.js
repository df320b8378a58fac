#!/usr/bin/env node
// The package as a user installs it (run by .ci/run after the tests; it needs the npm registry, and
// `npm install` takes longer than the whole unit-test budget, so it is not part of `npm test`):
// `npm pack` (its prepack builds every entry point), then fresh apps made by cdk8s-cli's own
// `cdk8s init typescript-app` (its tsconfig, its TypeScript 5.9, ts-node as `cdk8s synth` runs it), the
// tarball installed into each: with cdk8s-plus-33 as the template brings it, and with cdk8s-plus-28, 30 and
// 34 in its place. In each, the README's main.ts with that major's entry point, and every pattern on a
// Deployment and a StatefulSet, synthesized by the real `cdk8s synth`; every StatefulSet keeps its volumes.
// Then the plugin at its documented path, the check command without peers, and the refusals of a workload
// of another major and of another copy of the same major.
// Usage: node scripts/verify-package.js   (VERIFY_MAJORS=28 to try fewer majors besides the template's 33)
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseAllDocuments } = require('yaml');

const root = path.resolve(__dirname, '..');
const TEMPLATE_MAJOR = 33;
// The template's major comes first: the later steps use its app.
const MAJORS = [...new Set([33, ...(process.env.VERIFY_MAJORS ?? '28,30,34').split(',').map(Number)])];
// Another patch of the template's major, inside the library's peer range, for the second-copy refusal.
const OTHER_PATCH = process.env.VERIFY_OTHER_PATCH ?? 'cdk8s-plus-33@2.5.49';
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };

/** `cdk8s synth` in an app, as a user runs it; on failure, its own output. */
function synth(cdk8s, app) {
  try {
    execFileSync(cdk8s, ['synth', '--no-check-upgrade'], { cwd: app, encoding: 'utf8', stdio: 'pipe', env });
  } catch (error) {
    throw new Error(`verify-package: cdk8s synth failed in ${app}:\n${error.stdout ?? ''}${error.stderr ?? ''}`, { cause: error });
  }
}

function check(condition, message) {
  if (!condition) throw new Error(`verify-package: ${message}`);
  console.log(`ok: ${message}`);
}

const entryPoint = (major) => (major === 27 ? 'cdk8s-pod-patterns' : `cdk8s-pod-patterns/plus-${major}`);

/** Every pattern on a Deployment and a StatefulSet, written as a user of cdk8s-plus-`major` writes them. */
function everyPatternApp(major) {
  return `import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-${major}';
import { Ambassador, InitChain, LogDestination, LogSidecar, ProxySidecar, SharedVolume } from '${entryPoint(major)}';

const app = new App();
const chart = new Chart(app, 'patterns');
const props = () => ({
  securityContext: { user: 1000, group: 1000 },
  containers: [{ name: 'app', image: 'registry.example.com/shop:1.4.2', ports: [{ number: 8080 }] }],
});
const make = {
  Deployment: (id: string) => new kplus.Deployment(chart, id, props()),
  StatefulSet: (id: string) => new kplus.StatefulSet(chart, id, props()),
};
for (const [kind, workload] of Object.entries(make)) {
  const k = kind.toLowerCase();
  const shared = workload(\`\${k}-shared\`);
  SharedVolume.addTo(shared, {
    volumeName: 'exchange',
    containers: [{ name: 'helper', image: 'busybox:1.36.1', command: ['sleep', '3600'], mountPath: '/exchange' }],
  });
  InitChain.addTo(workload(\`\${k}-init\`), { steps: [{ name: 'prepare', image: 'busybox:1.36.1', command: ['true'] }] });
  LogSidecar.addTo(workload(\`\${k}-logs\`), { destination: LogDestination.stdout() });
  ProxySidecar.addTo(workload(\`\${k}-proxy\`), { appPort: 8080, tlsSecret: kplus.Secret.fromSecretName(chart, \`\${k}-tls\`, 'shop-tls') });
  Ambassador.addTo(workload(\`\${k}-ambassador\`), { remoteHost: 'redis.data.svc.cluster.local', remotePort: 6379, localPort: 6379 });
}
app.synth();
`;
}

/** The volumes every StatefulSet's containers mount are in its pod spec. */
function statefulSetsKeepVolumes(yaml) {
  const sets = parseAllDocuments(yaml).map((d) => d.toJS()).filter((d) => d?.kind === 'StatefulSet');
  const lost = sets.flatMap((s) => {
    const spec = s.spec.template.spec;
    const names = new Set((spec.volumes ?? []).map((v) => v.name));
    return [...spec.containers, ...(spec.initContainers ?? [])].flatMap((c) => c.volumeMounts ?? [])
      .filter((m) => !names.has(m.name)).map((m) => `${s.metadata.name}: ${m.name}`);
  });
  return { count: sets.length, lost };
}

/**
 * README, "Check any YAML": the tarball installed into a fresh directory without its peers (no cdk8s: the
 * command must not need it), then `npx cdk8s-pod-patterns check` on a file, a directory and standard
 * input, in every format, each finding with its line.
 */
function checkCommand(tarball) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-patterns-check-'));
  try {
    npm(['init', '-y'], dir);
    npm(['install', '--no-audit', '--no-fund', '--omit=peer', tarball], dir);
    check(!fs.existsSync(path.join(dir, 'node_modules', 'cdk8s')), 'the check command installs without cdk8s');
    const pod = [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: a', '    image: registry.example.com/a:1.0',
      '    ports:', '    - containerPort: 80', '  - name: b', '    image: registry.example.com/b:1.0', '    ports:', '    - containerPort: 80', '',
    ].join('\n');
    fs.mkdirSync(path.join(dir, 'manifests'));
    fs.writeFileSync(path.join(dir, 'manifests', 'web.yaml'), pod);
    const run = (args, input) => {
      const argv = ['--no-install', 'cdk8s-pod-patterns', 'check', '--pod-security', 'privileged', ...args];
      try {
        return { code: 0, out: execFileSync('npx', argv, { cwd: dir, encoding: 'utf8', input }) };
      } catch (error) {
        return { code: error.status, out: `${error.stdout}` };
      }
    };
    const expected = {
      text: /web\.yaml:14:7: error port-conflict/, json: /"line": 14/, sarif: /"startLine": 14/,
      junit: /<failure type="port-conflict"/, github: /::error file=.*,line=14,col=7/,
    };
    for (const [format, pattern] of Object.entries(expected)) {
      for (const [what, args, input] of [['a file', ['manifests/web.yaml']], ['a directory', ['manifests']], ['standard input', ['-'], pod]]) {
        const { code, out } = run(['--format', format, ...args], input);
        const text = format === 'text' && what === 'standard input' ? out.replaceAll('<stdin>', 'web.yaml') : out;
        check(code === 1 && pattern.test(text), `npx cdk8s-pod-patterns check --format ${format} on ${what}: exit 1, the finding at its line`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-patterns-package-'));
try {
  // prepack (npm run build) prints before npm's JSON.
  const packOutput = npm(['pack', '--json', '--pack-destination', work], root);
  const packed = JSON.parse(packOutput.slice(packOutput.search(/^\[/m)))[0];
  const tarball = path.join(work, packed.filename);
  const files = packed.files.map((f) => f.path);
  check(files.includes('LICENSE') && files.includes('README.md') && files.includes('docs/api.md'), 'the tarball has the LICENSE, the README and the docs it links');
  check(files.includes('lib/src/index.js') && files.includes('lib/src/index.d.ts'), 'the tarball has the library and its types');
  for (const major of [28, 29, 30, 31, 32, 33, 34]) {
    check(files.includes(`lib/plus-${major}/index.js`) && files.includes(`lib/plus-${major}/index.d.ts`)
      && !files.some((f) => f.startsWith(`lib/plus-${major}/checks/`)),
    `the tarball has the entry point of cdk8s-plus-${major}, without a copy of the engine`);
  }
  check(files.includes('validation-plugin.js'), 'the tarball has the validation plugin at its documented path');
  check(!files.some((f) => f.startsWith('lib/src/example/') || f.startsWith('lib/src/main.')), 'the tarball has no example app');
  check(!files.some((f) => f.startsWith('lib/test/') || f.startsWith('lib/bench/')), 'the tarball has no tests or benchmarks');

  // README, "Use it in your own app", step by step: cdk8s init (offline it stops at `cdk8s import`), then the
  // package installed beside the template's cdk8s-plus-33, and the README's main.ts.
  const template = path.join(work, 'my-app');
  fs.mkdirSync(template);
  const cdk8s = path.join(root, 'node_modules', '.bin', 'cdk8s');
  try {
    execFileSync(cdk8s, ['init', 'typescript-app', '--no-check-upgrade'], { cwd: template, stdio: 'pipe', env });
    console.log('ok: cdk8s init completed (it could download the Kubernetes schema)');
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    check(/npm run import/.test(output) && fs.existsSync(path.join(template, 'main.ts')), 'cdk8s init wrote the project and stopped only at `cdk8s import`, as the README says');
  }
  const templatePackage = JSON.parse(fs.readFileSync(path.join(template, 'package.json'), 'utf8'));
  check(templatePackage.dependencies[`cdk8s-plus-${TEMPLATE_MAJOR}`] !== undefined, `the template brings cdk8s-plus-${TEMPLATE_MAJOR}`);
  fs.writeFileSync(path.join(template, 'cdk8s.yaml'), fs.readFileSync(path.join(template, 'cdk8s.yaml'), 'utf8').replace(/^imports:\n(\s+- .*\n)*/m, ''));
  fs.rmSync(path.join(template, 'main.test.ts'), { force: true });
  fs.rmSync(path.join(template, '__snapshots__'), { recursive: true, force: true });

  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## Use it in your own app');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const mainTs = /```typescript\n([\s\S]*?)```/.exec(section)?.[1];
  check(mainTs !== undefined && mainTs.includes(`'cdk8s-plus-${TEMPLATE_MAJOR}'`) && mainTs.includes(`'${entryPoint(TEMPLATE_MAJOR)}'`),
    `the README's main.ts is written for the template's cdk8s-plus-${TEMPLATE_MAJOR} and its entry point`);
  const installLine = new RegExp(`npm install cdk8s-pod-patterns\\b`);
  check(installLine.test(section) && !/npm uninstall/.test(section), 'the README installs the package beside the template\'s cdk8s-plus, and uninstalls nothing');

  for (const major of MAJORS) {
    const app = path.join(work, `app-${major}`);
    fs.cpSync(template, app, { recursive: true, verbatimSymlinks: true });
    if (major !== TEMPLATE_MAJOR) npm(['uninstall', '--no-audit', '--no-fund', `cdk8s-plus-${TEMPLATE_MAJOR}`], app);
    npm(['install', '--no-audit', '--no-fund', ...(major !== TEMPLATE_MAJOR ? [`cdk8s-plus-${major}`] : []), tarball], app);
    // cdk8s-cli itself depends on cdk8s-plus-33 (its own copy, for its own use); what matters is that the app
    // resolves its major once and that the package brought no cdk8s-plus of its own (the majors are optional peers).
    const copies = npm(['ls', `cdk8s-plus-${major}`, '--all', '--parseable'], app).trim().split('\n').filter(Boolean);
    const nested = path.join(app, 'node_modules', 'cdk8s-pod-patterns', 'node_modules');
    const brought = fs.existsSync(nested) ? fs.readdirSync(nested).filter((n) => n.startsWith('cdk8s') || n === 'constructs') : [];
    check(copies.length === 1 && brought.length === 0, `the app on cdk8s-plus-${major} has one copy of it, and the package brought no cdk8s package (${copies.join(', ')})`);

    const main = mainTs.split(`'cdk8s-plus-${TEMPLATE_MAJOR}'`).join(`'cdk8s-plus-${major}'`)
      .split(`'${entryPoint(TEMPLATE_MAJOR)}'`).join(`'${entryPoint(major)}'`);
    fs.writeFileSync(path.join(app, 'main.ts'), main);
    synth(cdk8s, app);
    const web = fs.readFileSync(path.join(app, 'dist', 'web.k8s.yaml'), 'utf8');
    check(/name: log-shipper/.test(web) && /name: helper/.test(web),
      `cdk8s-plus-${major}: the README's main.ts synthesizes with '${entryPoint(major)}'`);
    if (major === TEMPLATE_MAJOR) {
      // The README's next step: the check command over what was synthesized gives the synthesis's verdict.
      const verdict = (() => {
        try {
          return { code: 0, out: execFileSync('npx', ['--no-install', 'cdk8s-pod-patterns', 'check', 'dist/'], { cwd: app, encoding: 'utf8' }) };
        } catch (error) {
          return { code: error.status, out: `${error.stdout}` };
        }
      })();
      check(verdict.code === 0 && /^0 errors/m.test(verdict.out),
        `npx cdk8s-pod-patterns check dist/ passes what cdk8s synth passed (exit ${verdict.code})`);
    }

    fs.writeFileSync(path.join(app, 'main.ts'), everyPatternApp(major));
    synth(cdk8s, app);
    const yaml = fs.readFileSync(path.join(app, 'dist', 'patterns.k8s.yaml'), 'utf8');
    const { count, lost } = statefulSetsKeepVolumes(yaml);
    check(count === 5 && lost.length === 0, `cdk8s-plus-${major}: every pattern synthesizes on a Deployment and a StatefulSet, and the 5 StatefulSets keep their volumes (${lost.join(', ') || 'none lost'})`);
    if (major !== TEMPLATE_MAJOR) fs.rmSync(app, { recursive: true, force: true });
  }

  const app = path.join(work, `app-${TEMPLATE_MAJOR}`);
  fs.writeFileSync(path.join(app, 'plugin.js'), "const { PodPatternsValidation } = require('cdk8s-pod-patterns/validation-plugin');\n"
    + "if (typeof PodPatternsValidation !== 'function') process.exit(1);\nrequire('./node_modules/cdk8s-pod-patterns/validation-plugin.js');\n");
  execFileSync(process.execPath, ['plugin.js'], { cwd: app, stdio: 'pipe' });
  console.log('ok: the validation plugin loads from its export and from its documented path');
  check((() => { try { require.resolve('cdk8s-pod-patterns/lib/src/example/app', { paths: [app] }); return false; } catch { return true; } })(),
    'deep imports outside the exports map are closed');

  checkCommand(tarball);

  // A workload of the app's cdk8s-plus-33 given to the package root (built on 27), and one of a second copy of 33.
  const refuse = (script) => {
    fs.writeFileSync(path.join(app, 'refuse.js'), script);
    return execFileSync(process.execPath, ['refuse.js'], { cwd: app, encoding: 'utf8' }).trim();
  };
  // docs/cdk8s-plus-majors.md, "When the entry point and the workload disagree": the TypeScript errors it
  // quotes, in the template's own tsc (its tsconfig checks the libraries' .d.ts too), first without
  // cdk8s-plus-27, then with it.
  const majorsDoc = fs.readFileSync(path.join(root, 'docs', 'cdk8s-plus-majors.md'), 'utf8');
  const tsc = () => {
    try {
      execFileSync(path.join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
      return '';
    } catch (error) {
      return `${error.stdout ?? ''}`;
    }
  };
  // The README's main.ts in the template's own tsc (`npm run compile`), on the template's cdk8s-plus alone: the
  // entry point's declarations must not lead tsc to the package root's cdk8s-plus-27. The template's
  // main.test.ts tests its MyChart, which the README's main.ts replaces: the README says to delete it.
  fs.rmSync(path.join(app, 'main.test.ts'), { force: true });
  fs.rmSync(path.join(app, '__snapshots__'), { recursive: true, force: true });
  fs.writeFileSync(path.join(app, 'main.ts'), mainTs);
  const own = tsc();
  check(own === '', `the README's main.ts type-checks with the template's tsc on cdk8s-plus-${TEMPLATE_MAJOR} alone${own ? `:\n${own}` : ''}`);
  fs.writeFileSync(path.join(app, 'main.ts'), mainTs.split(`'${entryPoint(TEMPLATE_MAJOR)}'`).join(`'${entryPoint(27)}'`));
  const quoted = /^node_modules\/cdk8s-pod-patterns\/lib\/src\/core\/cdk8s-plus\.d\.ts.*$/m.exec(majorsDoc)?.[0];
  check(quoted !== undefined && tsc().includes(quoted), `without cdk8s-plus-27, the package root fails to type-check as the docs say: ${quoted}`);
  npm(['install', '--no-audit', '--no-fund', 'cdk8s-plus-27@^2.9.0'], app);
  const mismatch = tsc();
  check(mismatch.includes("error TS2345: Argument of type 'Deployment' is not assignable to parameter of type 'AbstractPod'.")
    && mismatch.includes("Types have separate declarations of a private property '_sysctls'.")
    && majorsDoc.includes("error TS2345: Argument of type 'Deployment' is not assignable to parameter of type 'AbstractPod'."),
  'with cdk8s-plus-27 too, the call fails as the docs say (TS2345)');
  fs.rmSync(path.join(app, 'main.ts'));
  const otherMajor = refuse(`
const { Testing } = require('cdk8s');
const kplus = require('cdk8s-plus-${TEMPLATE_MAJOR}');
const { LogDestination, LogSidecar } = require('cdk8s-pod-patterns');
const web = new kplus.Deployment(Testing.chart(), 'web', { containers: [{ image: 'busybox:1.36.1' }] });
try { LogSidecar.addTo(web, { destination: LogDestination.stdout() }); console.log('accepted'); } catch (e) { console.log(e.message); }
`);
  check(otherMajor.includes(`a Deployment from cdk8s-plus-${TEMPLATE_MAJOR}`)
    && otherMajor.includes(`import the patterns from '${entryPoint(TEMPLATE_MAJOR)}'`),
    `a cdk8s-plus-${TEMPLATE_MAJOR} workload given to the package root names the entry point to import: ${otherMajor.slice(0, 200)}...`);
  const copy = path.join(work, 'second-copy');
  fs.mkdirSync(copy);
  npm(['init', '-y'], copy);
  npm(['install', '--no-audit', '--no-fund', OTHER_PATCH], copy);
  const secondCopy = refuse(`
const { Testing } = require(${JSON.stringify(path.join(copy, 'node_modules', 'cdk8s'))});
const kplus = require(${JSON.stringify(path.join(copy, 'node_modules', OTHER_PATCH.replace(/@.*$/, '')))});
const { SharedVolume } = require('${entryPoint(TEMPLATE_MAJOR)}');
const web = new kplus.Deployment(Testing.chart(), 'web', { containers: [{ image: 'busybox:1.36.1' }] });
try { SharedVolume.addTo(web); console.log('accepted'); } catch (e) { console.log(e.message); }
`);
  check(secondCopy.includes(`from another copy of cdk8s-plus-${TEMPLATE_MAJOR}`) && secondCopy.includes('npm dedupe'),
    `a workload of a second copy of cdk8s-plus-${TEMPLATE_MAJOR} is refused with both versions and how to keep one: ${secondCopy.slice(0, 200)}...`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
