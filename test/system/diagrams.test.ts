import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { Browser, chromium, Page } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import { podDiagram } from '../../src/diagram/pod-diagram';
import { expectedNames } from '../_support/diagram-names';
import { matrix } from '../patterns/_workload-matrix';

/**
 * Every diagram of the example app (dist/*.md) and of the workload matrix, drawn by the `mermaid` package
 * in a real headless browser: Debian's Chromium, driven by playwright-core (no browser download). A
 * Mermaid syntax error or an empty drawing fails, and each container and volume must appear in the SVG.
 * A system test (`npm run test:system`; CI installs `chromium`): it fails, never skips, without it.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MERMAID = path.join(__dirname, '..', '..', 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
const DIST = path.join(__dirname, '..', '..', 'dist');

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: MERMAID });
  await page.evaluate(() => (globalThis as any).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
}, 60_000);
afterAll(async () => browser?.close());

let count = 0;
/** The drawing's text (its labels), or the error Mermaid gives. */
async function render(code: string): Promise<{ text?: string; error?: string; nodes?: number }> {
  const id = `diagram${count++}`;
  return page.evaluate(async ({ id, code }) => {
    try {
      const { svg } = await (globalThis as any).mermaid.render(id, code);
      const out = (globalThis as any).document.getElementById('out');
      out.innerHTML = svg;
      const text = [...out.querySelectorAll('.nodeLabel, .edgeLabel, .cluster-label')].map((e: any) => e.textContent).join('\n');
      return { text, nodes: out.querySelectorAll('g.node').length };
    } catch (e) {
      return { error: String((e as Error)?.message ?? e) };
    }
  }, { id, code });
}

const distDiagrams = fs.readdirSync(DIST).filter((f) => f.endsWith('.md')).flatMap((file) => {
  const markdown = fs.readFileSync(path.join(DIST, file), 'utf8');
  const yaml = parseAllDocuments(fs.readFileSync(path.join(DIST, file.replace(/\.md$/, '.k8s.yaml')), 'utf8')).map((d) => d.toJS());
  const pods = yaml.filter((d: any) => podDiagram(d) !== undefined);
  const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.map((code, i) => [`${file}: ${pods[i]?.kind} ${pods[i]?.metadata?.name}`, code, pods[i]] as const);
});

test('dist/ has a diagram for each chart with pods, one block per pod', () => {
  expect(distDiagrams.length).toBeGreaterThanOrEqual(9);
  for (const [, , pod] of distDiagrams) expect(pod).toBeDefined();
});

test.each(distDiagrams)('%s renders, with every container, volume, mount and port', async (_name, code, pod) => {
  const drawn = await render(code);
  expect(drawn.error).toBeUndefined();
  expect(drawn.nodes).toBeGreaterThan(1);
  for (const name of expectedNames(pod)) expect(drawn.text).toContain(name);
});

describe.each(matrix)('%s on a %s', (_pattern, _kind, apply, make) => {
  test('its diagram renders, with every container and volume', async () => {
    const chart = Testing.chart();
    apply(make(chart));
    const docs = Testing.synth(chart);
    const workload = docs.find((d) => podDiagram(d) !== undefined);
    const drawn = await render(podDiagram(workload, docs)!);
    expect(drawn.error).toBeUndefined();
    for (const name of expectedNames(workload)) expect(drawn.text).toContain(name);
  });
});

test('a broken diagram fails: the check can fail', async () => {
  const drawn = await render('flowchart LR\n  a["unclosed] --> b\n');
  expect(drawn.error).toMatch(/Parse error|Syntax error|Lexical error/i);
});

test('labels with text Mermaid would read as syntax render as that text: directives, backticks, brackets, pipes', async () => {
  const odd = ["/d%%{init: {'theme':'dark'}}%%", '`/data', '/a|b]c}d#e;f', 'nginx:1.2.3 %%{a:'];
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'odd' }, spec: {
    containers: [{ name: 'app', image: odd[3], volumeMounts: odd.slice(0, 3).map((mountPath, i) => ({ name: `v${i}`, mountPath })) }],
    volumes: [0, 1, 2].map((i) => ({ name: `v${i}`, emptyDir: {} })),
  } };
  const drawn = await render(podDiagram(pod)!);
  expect(drawn.error).toBeUndefined();
  for (const text of odd) expect(drawn.text).toContain(text);
});
