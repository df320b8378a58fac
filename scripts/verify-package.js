#!/usr/bin/env node
// The package as a user installs it (run by .ci/run after `npm test`; it needs the npm registry, and
// `npm install` takes longer than the whole unit-test budget, so it is not part of `npm test`):
// `npm pack`, then a fresh app with its own cdk8s, constructs and ANOTHER patch of cdk8s-plus-27 than this
// repository's, the tarball installed into it, a pattern synthesized on a workload there, and the plugin
// loaded from its documented path. It also checks what the tarball holds (library, docs, LICENSE; not the
// example app) and that a workload of another cdk8s-plus major is refused with a message that says so.
// It follows the README's "Use it in your own app" literally, main.ts included.
// Usage: npm run build && node scripts/verify-package.js
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const own = require(path.join(root, 'node_modules', 'cdk8s-plus-27', 'package.json')).version;
// Another patch of cdk8s-plus-27 inside the library's peer range (^2.9.0), and the newest major for the refusal.
const OTHER_PATCH = process.env.VERIFY_CDK8S_PLUS_27 ?? '2.9.1';
const OTHER_MAJOR = process.env.VERIFY_CDK8S_PLUS_OTHER ?? 'cdk8s-plus-33@2.5.57';
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function check(condition, message) {
  if (!condition) throw new Error(`verify-package: ${message}`);
  console.log(`ok: ${message}`);
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
        const text = format === 'text' && what === 'standard input' ? out.replace('<stdin>', 'web.yaml') : out;
        check(code === 1 && pattern.test(text), `npx cdk8s-pod-patterns check --format ${format} on ${what}: exit 1, the finding at its line`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-patterns-package-'));
try {
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root))[0];
  const files = packed.files.map((f) => f.path);
  check(files.includes('LICENSE') && files.includes('README.md'), 'the tarball has the LICENSE and the README');
  check(files.includes('lib/src/index.js') && files.includes('lib/src/index.d.ts'), 'the tarball has the library and its types');
  check(files.includes('validation-plugin.js'), 'the tarball has the validation plugin at its documented path');
  check(!files.some((f) => f.startsWith('lib/src/example/') || f.startsWith('lib/src/main.')), 'the tarball has no example app');
  check(!files.some((f) => f.startsWith('lib/test/') || f.startsWith('lib/bench/')), 'the tarball has no tests or benchmarks');

  // README, "Use it in your own app", step by step: cdk8s init (offline it stops at `cdk8s import`), the
  // switch to cdk8s-plus-27 (here another patch than this repository's) and the package, the README's main.ts.
  const app = path.join(work, 'my-app');
  fs.mkdirSync(app);
  const cdk8s = path.join(root, 'node_modules', '.bin', 'cdk8s');
  try {
    execFileSync(cdk8s, ['init', 'typescript-app', '--no-check-upgrade'], { cwd: app, stdio: 'pipe', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    console.log('ok: cdk8s init completed (it could download the Kubernetes schema)');
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    check(/npm run import/.test(output) && fs.existsSync(path.join(app, 'main.ts')), 'cdk8s init wrote the project and stopped only at `cdk8s import`, as the README says');
  }
  fs.writeFileSync(path.join(app, 'cdk8s.yaml'), fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8').replace(/^imports:\n(\s+- .*\n)*/m, ''));
  npm(['uninstall', '--no-audit', '--no-fund', 'cdk8s-plus-33'], app);
  npm(['install', '--no-audit', '--no-fund', `cdk8s-plus-27@${OTHER_PATCH}`, path.join(work, packed.filename)], app);
  const listed = npm(['ls', 'cdk8s-plus-27', '--all', '--parseable'], app).trim().split('\n');
  check(listed.length === 1, `the app has one copy of cdk8s-plus-27 (${OTHER_PATCH}, this repository builds with ${own})`);

  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it in your own app'), readme.indexOf('\n## ', readme.indexOf('## Use it in your own app') + 1));
  const mainTs = /```typescript\n([\s\S]*?)```/.exec(section)?.[1];
  check(mainTs !== undefined, 'the README section has a main.ts');
  fs.writeFileSync(path.join(app, 'main.ts'), mainTs);
  fs.rmSync(path.join(app, 'main.test.ts'), { force: true });
  execFileSync(cdk8s, ['synth', '--no-check-upgrade'], { cwd: app, stdio: 'pipe', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  const yaml = fs.readFileSync(path.join(app, 'dist', 'web.k8s.yaml'), 'utf8');
  check(/name: log-shipper/.test(yaml) && /name: helper/.test(yaml), 'the README\'s main.ts synthesizes its patterns in the app, with the app\'s cdk8s-plus-27');
  fs.writeFileSync(path.join(app, 'plugin.js'), "const { PodPatternsValidation } = require('cdk8s-pod-patterns/validation-plugin');\n"
    + "if (typeof PodPatternsValidation !== 'function') process.exit(1);\nrequire('./node_modules/cdk8s-pod-patterns/validation-plugin.js');\n");
  execFileSync(process.execPath, ['plugin.js'], { cwd: app, stdio: 'pipe' });
  console.log('ok: the validation plugin loads from its export and from its documented path');
  check((() => { try { require.resolve('cdk8s-pod-patterns/lib/src/example/app', { paths: [app] }); return false; } catch { return true; } })(),
    'deep imports outside the exports map are closed');

  checkCommand(path.join(work, packed.filename));

  npm(['install', '--no-audit', '--no-fund', OTHER_MAJOR], app);
  const major = OTHER_MAJOR.replace(/@.*$/, '');
  fs.writeFileSync(path.join(app, 'other-major.js'), `
const { Testing } = require('cdk8s');
const kplus = require('${major}');
const { LogDestination, LogSidecar } = require('cdk8s-pod-patterns');
const web = new kplus.Deployment(Testing.chart(), 'web', { containers: [{ image: 'busybox:1.36.1' }] });
try { LogSidecar.addTo(web, { destination: LogDestination.stdout() }); console.log('accepted'); } catch (e) { console.log(e.message); }
`);
  const refusal = execFileSync(process.execPath, ['other-major.js'], { cwd: app, encoding: 'utf8' }).trim();
  check(refusal.includes(`a Deployment from ${major}`) && refusal.includes('this library is built on cdk8s-plus-27'),
    `a ${major} workload is refused with both packages named: ${refusal.slice(0, 160)}...`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
