import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { check, CONFLICT_POD, files, GOOD_POD } from './_run';

/** The check command's behaviour, run in this process (check-process.test.ts runs it as users do). */
describe('inputs', () => {
  test('reads files, directories (recursively: *.yaml, *.yml, *.json) and standard input, in order', () => {
    const dir = files({ 'a.yaml': GOOD_POD, 'sub/b.yml': GOOD_POD.replace('name: good', 'name: b'), 'sub/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), 'notes.txt': 'not read' });
    const { code, stdout } = check(['check', '--format', 'json', dir, '-'], CONFLICT_POD);
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report.objects.map((o: any) => [path.relative(dir, o.file), o.kind, o.name])).toEqual([
      ['a.yaml', 'Pod', 'good'], ['sub/b.yml', 'Pod', 'b'], ['sub/c.json', 'ConfigMap', 'c'], [path.relative(dir, '-'), 'Pod', 'conflict'],
    ]);
    expect(report.objects[3].file).toBe('-');
  });

  test('reads every document of a stream and every item of a kind: List, with the item in the path', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${CONFLICT_POD.trimEnd().split('\n').join('\n  ')}\n`;
    const { stdout } = check(['check', '--format', 'json', '-'], `${GOOD_POD}---\n---\n${list}`);
    const report = JSON.parse(stdout);
    expect(report.objects.map((o: any) => [o.document, o.item, o.name])).toEqual([[0, undefined, 'good'], [2, 0, 'conflict']]);
    expect(report.objects[1].findings.map((f: any) => [f.rule, f.path, f.line])).toEqual([['port-conflict', 'items[0].spec.containers[1].ports[0].containerPort', 17 + 2 + 3 + 23]]);
  });

  test('reads YAML 1.1 as kubectl does: defaultMode 0644 is octal 420 and 0700 is 448, both valid', () => {
    const pod = (mode: string) => GOOD_POD.replace('  containers:\n', `  volumes:\n  - name: cfg\n    configMap:\n      name: cfg\n      defaultMode: ${mode}\n  containers:\n`)
      .replace('        drop: [ALL]\n', '        drop: [ALL]\n    volumeMounts:\n    - name: cfg\n      mountPath: /etc/cfg\n');
    for (const mode of ['0644', '0700', '0400']) expect(check(['check', '-'], pod(mode))).toMatchObject({ code: 0 });
    // The same digits as a decimal 700 are over 0777: the check does see the mode.
    expect(check(['check', '-'], pod('700')).stdout).toContain('defaultMode');
  });

  test('keeps a timestamp-like or sexagesimal-like value as the text written, as go-yaml does', () => {
    const pod = GOOD_POD.replace('  name: good\n', '  name: good\n  labels:\n    date: 2026-12-01\n');
    expect(check(['check', '-'], pod)).toMatchObject({ code: 0 });
  });

  test('skips a document without a kind (a values.yaml, cdk8s construct metadata), and says so', () => {
    const dir = files({ 'pod.yaml': GOOD_POD, 'values.yaml': 'replicas: 2\n' });
    const { code, stdout } = check(['check', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${path.join(dir, 'values.yaml')}:1:1: skipped: document 1 is not a Kubernetes object (it has no kind)`);
    expect(stdout).toContain('1 skipped');
  });
});

describe('what is not a Kubernetes object is skipped with one note each, never an input error', () => {
  test.each([
    ['a document that is a list', '- a\n- b\n', 'a.yaml:1:1: skipped: document 1 is not a Kubernetes object: it is a list, and a manifest is a mapping with apiVersion and kind'],
    ['a document that is a string', 'just text\n', 'a.yaml:1:1: skipped: document 1 is not a Kubernetes object: it is a string ("just text")'],
    ['an empty file', '', 'a.yaml: skipped: holds no YAML document (the file is empty or only comments)'],
    ['a file of comments', '# nothing here\n# yet\n', 'a.yaml: skipped: holds no YAML document (the file is empty or only comments)'],
    ['a Helm template that is not YAML until rendered', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      'a.yaml:1:1: skipped: document 1 is a template ({{ }}): check what it renders (helm template ... | cdk8s-pod-patterns check -)'],
    ['a Helm template that reads as YAML', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: "{{ .Values.image }}"\n',
      'a.yaml:1:1: skipped: document 1 is a template ({{ }})'],
  ])('%s', (_what, text, note) => {
    const dir = files({ 'a.yaml': text, 'b.yaml': CONFLICT_POD });
    const { code, stdout } = check(['check', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${dir}/${note}`);
    expect(stdout).toContain(`${dir}/b.yaml:23:7: error port-conflict`);
  });

  test('a ConfigMap that carries a template is checked as what it is (it has no pod)', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  summary: "{{ $labels.instance }} is down"\n';
    const { code, stdout } = check(['check', '-'], configMap);
    expect(code).toBe(0);
    expect(stdout).not.toContain('skipped');
  });
});

describe('input errors: exit 2, with the file and line, and the other inputs still checked', () => {
  test.each([
    ['a duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Pod\n', 'a.yaml:3:1: input error: duplicated mapping key "kind": the key is already set in this map'],
    ['a tab as indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', 'a.yaml:4:1: input error: tab characters must not be used in indentation'],
    ['broken indentation', 'apiVersion: v1\nmetadata:\n  name: x\n labels: {}\n', 'a.yaml:4:'],
    ['an alias that contains itself', 'apiVersion: v1\nkind: Pod\nspec: &s\n  again: *s\n', 'a.yaml:1:1: input error: an alias refers to a node that contains it: the document has no finite value'],
    ['an alias bomb', `a: &a [x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}\n`,
      'a.yaml:1:1: input error: its aliases expand to more than 1,000,000 values (an alias bomb): refused'],
    ['flow collections nested 100,000 deep', `${'['.repeat(100000)}${']'.repeat(100000)}\n`, 'a.yaml:1:1000: input error: collections are nested more than 1000 levels deep: refused'],
  ])('%s', (_what, text, message) => {
    const dir = files({ 'a.yaml': text, 'b.yaml': CONFLICT_POD });
    const { code, stdout } = check(['check', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')]);
    expect(code).toBe(2);
    expect(stdout).toContain(`${dir}/${message}`);
    expect(stdout).toContain(`${dir}/b.yaml:23:7: error port-conflict`);
    expect(stdout).not.toMatch(/\n\s+at /);
  });

  test('an unreadable document without template actions is still an input error', () => {
    const dir = files({ 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: {x: 1}: 2}\n', 'b.yaml': CONFLICT_POD });
    expect(check(['check', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')]).code).toBe(2);
  });

  test('a missing file and a directory without manifests', () => {
    const dir = files({ 'empty/readme.md': 'no manifests', 'b.yaml': GOOD_POD });
    const { code, stdout } = check(['check', path.join(dir, 'missing.yaml'), path.join(dir, 'empty'), path.join(dir, 'b.yaml')]);
    expect(code).toBe(2);
    expect(stdout).toContain(`${dir}/missing.yaml: input error: no such file or directory`);
    expect(stdout).toContain(`${dir}/empty: input error: the directory holds no *.yaml, *.yml or *.json file`);
    expect(stdout).toContain('0 errors, 0 warnings, 2 input errors in 0 of 1 object (1 input)');
  });

  test('a file larger than 32 MiB is refused without being parsed', () => {
    const dir = files({});
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, 'a: '.padEnd(33 * 1024 * 1024, 'x'));
    expect(check(['check', big]).stdout).toContain(`${big}: input error: is larger than 32 MiB; split it into smaller files`);
  });
});

describe('options', () => {
  test('--kubernetes sets the target: a native sidecar is an error on 1.28', () => {
    const pod = GOOD_POD.replace('  containers:\n', '  initContainers:\n  - name: proxy\n    image: registry.example.com/proxy:1.0\n    restartPolicy: Always\n'
      + '    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop: [ALL]\n  containers:\n');
    expect(check(['check', '--kubernetes', '1.29', '-'], pod).code).toBe(0);
    const old = check(['check', '--kubernetes', '1.28', '-'], pod);
    expect(old.code).toBe(1);
    expect(old.stdout).toContain('native-sidecar-version');
    expect(old.stdout).toContain('Kubernetes 1.28');
  });

  test.each([['1.26', 'Unsupported value: 1.26: supported targets are 1.27 to 1.37'], ['1.38', 'supported targets are 1.27 to 1.37'], ['33', 'must be a Kubernetes version such as 1.35']])(
    '--kubernetes %s is a usage error naming the range', (version, message) => {
      const { code, stderr } = check(['check', '--kubernetes', version, '-'], GOOD_POD);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    });

  test('--pod-security sets the level of pods that declare none, naming itself in the errors; without it none is enforced', () => {
    const root = GOOD_POD.replace('    runAsNonRoot: true\n    runAsUser: 1000\n', '');
    expect(check(['check', '-'], root).code).toBe(0);
    const restricted = check(['check', '--pod-security', 'restricted', '-'], root);
    expect(restricted.code).toBe(1);
    expect(restricted.stdout.replace(/\n +/g, ' ')).toContain('(policy: the "restricted" level, chosen by --pod-security restricted)');
    expect(check(['check', '--pod-security', 'baseline', '-'], root).code).toBe(0);
    expect(check(['check', '--pod-security', 'sometimes', '-'], root)).toMatchObject({ code: 2 });
  });

  test('--fail-on warning fails on warnings; --quiet shows only what fails the run', () => {
    const unpinned = GOOD_POD.replace('registry.example.com/app:1.0', 'registry.example.com/app');
    expect(check(['check', '--pod-security', 'baseline', '-'], unpinned).code).toBe(0);
    expect(check(['check', '--pod-security', 'baseline', '--fail-on', 'warning', '-'], unpinned).code).toBe(1);
    expect(check(['check', '--pod-security', 'baseline', '--quiet', '-'], unpinned).stdout).toBe('');
  });

  test('--accept accepts a rule for every pod, with the reason; a rule the API server refuses cannot be accepted', () => {
    const unpinned = GOOD_POD.replace('registry.example.com/app:1.0', 'registry.example.com/app');
    const accepted = check(['check', '--accept', 'image-tag', '--fail-on', 'warning', '-'], unpinned);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('accepted image-tag');
    expect(accepted.stdout).toMatch(/: accepted \S+ \S+: accepted on the command line \(--accept\)\n/);
    const refused = check(['check', '--accept', 'port-conflict', '-'], CONFLICT_POD);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"port-conflict" is refused by the kubelet or the container runtime');
    expect(check(['check', '--accept', 'no-such-rule', '-'], GOOD_POD).stderr).toContain('"no-such-rule" is not a rule id of cdk8s-pod-patterns');
  });

  test('the pod\'s own accept annotation is honoured', () => {
    const unpinned = GOOD_POD.replace('registry.example.com/app:1.0', 'registry.example.com/app')
      .replace('  name: good\n', '  name: good\n  annotations:\n    cdk8s-pod-patterns/accept: image-tag\n    cdk8s-pod-patterns/accept-reason: built in CI\n');
    expect(check(['check', '--fail-on', 'warning', '-'], unpinned)).toMatchObject({ code: 0 });
  });

  test('--version, --help, and usage errors', () => {
    expect(check(['--version'])).toMatchObject({ code: 0, stdout: `${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n` });
    expect(check(['check', '--help']).stdout).toContain('--pod-security <level>');
    expect(check(['check']).code).toBe(2);
    expect(check(['check', '--no-such-option', '-']).code).toBe(2);
    expect(check(['lint', '-']).code).toBe(2);
  });
});

describe('formats', () => {
  test('text: per object, each finding at its file:line:column with severity, rule and path, the message and fix wrapped; then a summary', () => {
    const { stdout } = check(['check', '-'], CONFLICT_POD);
    expect(stdout).toBe('<stdin>:1:1: Pod conflict (document 1): 1 error\n'
      + '  <stdin>:23:7: error port-conflict spec.containers[1].ports[0].containerPort\n'
      + '      port 8080/TCP is also declared by container "app" (spec.containers[0].ports[0]); containers of\n'
      + '      one pod share one network namespace, so only one of them can listen on it.\n'
      + '      Fix: give container "sidecar" another port.\n'
      + '1 error, 0 warnings in 1 of 1 object (1 input)\n'
      + 'Checked for Kubernetes 1.35; no Pod Security level enforced (--pod-security).\n');
    expect(Math.max(...stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  test('github: one workflow command per finding, with file, line and column, values escaped', () => {
    const dir = files({ 'a, b.yaml': CONFLICT_POD });
    const { stdout } = check(['check', '--format', 'github', path.join(dir, 'a, b.yaml')]);
    expect(stdout).toMatch(new RegExp(`^::error file=${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/a%2C b\\.yaml,line=23,col=7,title=port-conflict \\(cdk8s-pod-patterns\\)::Pod conflict \\(document 1\\) spec`));
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  test('junit: a test suite per input and a test case per object, failing with its findings', () => {
    const { stdout } = check(['check', '--format', 'junit', '-'], `${GOOD_POD}---\n${CONFLICT_POD}`);
    expect(stdout).toContain('<testsuites name="cdk8s-pod-patterns check" tests="2" failures="1" errors="0">');
    expect(stdout).toContain('<testsuite name="&lt;stdin&gt;" tests="2" failures="1" errors="0">');
    expect(stdout).toContain('<testcase classname="&lt;stdin&gt;" name="Pod good (document 1)" file="&lt;stdin&gt;" line="1"/>');
    expect(stdout).toContain('<testcase classname="&lt;stdin&gt;" name="Pod conflict (document 2)" file="&lt;stdin&gt;" line="19">\n'
      + '      <failure type="port-conflict" message="1 finding: port-conflict">');
  });

  test('json: every object with its findings, their lines, and the summary', () => {
    const report = JSON.parse(check(['check', '--format', 'json', '-'], CONFLICT_POD).stdout);
    expect(report.summary).toEqual({
      inputs: 1, objects: 1, errors: 1, warnings: 0, accepted: 0, objectsWithFindings: 1, inputErrors: 0, skipped: 0,
    });
    expect(report.objects[0].findings[0]).toMatchObject({ rule: 'port-conflict', severity: 'error', line: 23, column: 7 });
    expect(report.kubernetes).toBe('1.35');
  });
});

describe('what a review found', () => {
  test('any <Kind>List and lists inside lists are checked item by item, as kubectl applies them', () => {
    const item = CONFLICT_POD.trimEnd().split('\n').join('\n      ');
    const list = `apiVersion: v1\nkind: PodList\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n    - ${item}\n`;
    const report = JSON.parse(check(['check', '--format', 'json', '-'], list).stdout);
    expect(report.objects.map((o: any) => [o.kind, o.name])).toEqual([['Pod', 'conflict']]);
    expect(report.objects[0].findings.map((f: any) => f.path)).toEqual(['items[0].items[0].spec.containers[1].ports[0].containerPort']);
  });

  test('a FIFO in a directory is not read (it would block the run)', () => {
    const dir = files({ 'pod.yaml': GOOD_POD });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect(check(['check', dir])).toMatchObject({ code: 0 });
  });

  test('more than 100,000 documents in one input are refused at once', () => {
    const { code, stdout } = check(['check', '-'], '--- {}\n'.repeat(100_001));
    expect(code).toBe(2);
    expect(stdout).toContain('<stdin>: input error: holds more than 100,000 YAML documents; split it into smaller files');
  });

  test('a quoted key is located at its opening quote, and a duplicated quoted key is named whole', () => {
    const quoted = CONFLICT_POD.replace('    - containerPort: 8080\n    securityContext', '    - "containerPort": 8080\n    securityContext');
    expect(check(['check', '-'], quoted).stdout).toMatch(/^ {2}<stdin>:23:7: error port-conflict/m);
    expect(check(['check', '-'], 'apiVersion: v1\n"kind": Pod\n"kind": Pod\n').stdout).toContain('duplicated mapping key "kind"');
  });

  test('a line break in a name cannot start a line of the report', () => {
    const pod = CONFLICT_POD.replace('name: conflict', 'name: "con\\nflict"');
    const lines = check(['check', '-'], pod).stdout.trim().split('\n');
    // Each line is a heading, a finding, its wrapped text, or the summary: none starts with a piece of the name.
    expect(lines.every((l) => /^(<stdin>:| {2}<stdin>:| {6}\S|\d+ errors?,|Checked for )/.test(l))).toBe(true);
    expect(lines[0]).toContain('Pod con\\u000aflict');
  });
});
