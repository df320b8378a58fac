import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { mermaidText, podDiagram, podDiagramsMarkdown } from '../../src/diagram/pod-diagram';
import { expectedNames } from '../_support/diagram-names';

const DIST = path.join(__dirname, '..', '..', 'dist');
const charts = fs.readdirSync(DIST).filter((f) => f.endsWith('.k8s.yaml')).map((f) => [f, parseAllDocuments(fs.readFileSync(path.join(DIST, f), 'utf8')).map((d) => d.toJS())] as const);

describe.each(charts)('the diagram of %s', (_file, docs) => {
  const pods = docs.filter((d: any) => ['Pod', 'Deployment', 'Job', 'CronJob', 'StatefulSet', 'DaemonSet'].includes(d?.kind));
  test.each(pods.map((p: any) => [`${p.kind} ${p.metadata.name}`, p]))('%s names every container, image, port, volume and mount', (_name, pod) => {
    const diagram = podDiagram(pod, docs)!;
    expect(diagram.startsWith('flowchart LR\n')).toBe(true);
    expect(diagram).toContain('pause([');
    for (const name of expectedNames(pod)) expect(diagram).toContain(mermaidText(name));
  });
  test('is written to dist/ by cdk8s synth, byte for byte as generated', () => {
    const file = path.join(DIST, _file.replace(/\.k8s\.yaml$/, '.md'));
    expect(fs.readFileSync(file, 'utf8')).toBe(podDiagramsMarkdown(`${_file.replace(/\.k8s\.yaml$/, '')}: its pods`, docs, { podSecurity: 'baseline', podSecurityDeclared: false, kubernetesMinor: 35 }));
  });
});

const pod = (spec: any, metadata: any = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

test('marks init steps in order, native sidecars, read-only and read-write mounts, and volume kinds', () => {
  const diagram = podDiagram(pod({
    initContainers: [
      { name: 'shipper', image: 'fluent/fluent-bit:3.2.10', restartPolicy: 'Always', volumeMounts: [{ name: 'logs', mountPath: '/var/log', readOnly: true }] },
      { name: 'migrate', image: 'app:1' },
    ],
    containers: [{ name: 'app', image: 'app:1', volumeMounts: [{ name: 'logs', mountPath: '/var/log' }, { name: 'data', mountPath: '/data', subPath: 'a' }] }],
    volumes: [{ name: 'logs', emptyDir: {} }, { name: 'data', persistentVolumeClaim: { claimName: 'pvc-1' } }],
  }))!;
  expect(diagram).toContain('init0["shipper<br/>1. native sidecar: starts first, keeps running');
  expect(diagram).toContain('init1["migrate<br/>2. init step: runs to completion');
  expect(diagram).toContain('init0 ==> init1');
  expect(diagram).toContain('init1 ==>|"then"| apps');
  expect(diagram).toContain('init0 -->|"/var/log read-only"| vol0');
  expect(diagram).toContain('app0 -->|"/var/log read-write"| vol0');
  expect(diagram).toContain('app0 -->|"/data (subPath a) read-write"| vol1');
  expect(diagram).toContain('vol1[("volume data<br/>persistentVolumeClaim pvc-1")]');
});

test('marks a container or volume that has a finding, with the rule id', () => {
  const diagram = podDiagram(pod({
    containers: [
      { name: 'a', image: 'app:1', ports: [{ containerPort: 80 }] },
      { name: 'b', image: 'app:1', ports: [{ containerPort: 80 }] },
    ],
    volumes: [{ name: 'unused', emptyDir: {} }],
  }), [], { podSecurity: 'privileged' })!;
  expect(diagram).toMatch(/app1\["b<br\/>app:1<br\/>listens on :80\/TCP<br\/>⚠ error port-conflict/);
  expect(diagram).toMatch(/vol0\[\("volume unused<br\/>emptyDir<br\/>⚠ warning volume-unused/);
  expect(diagram).toContain('class app1,vol0 finding;');
});

test('escapes what Mermaid would read as syntax', () => {
  expect(mermaidText('say "hi" <b> & go\n')).toBe('say #quot;hi#quot; &lt;b&gt; &amp; go ');
  expect(mermaidText("%%{init: {'theme':'dark'}}%% `x` #1")).toBe("#37;#37;{init: {'theme':'dark'}}#37;#37; #96;x#96; #35;1");
  const diagram = podDiagram(pod({ containers: [{ name: 'a', image: 'x"y:1' }] }))!;
  expect(diagram).toContain('x#quot;y:1');
});

test('draws the Services that select the pod, to the container that has the target port', () => {
  const p = pod({ containers: [{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 8443, name: 'https' }] }] }, { name: 'p', labels: { app: 'web' } });
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 443, targetPort: 'https' }] } };
  expect(podDiagram(p, [p, service])).toContain('ext0{{"Service web<br/>port 443"}}\n  ext0 -->|"to https"| app0');
});

test('no diagram for a kind without pods; the same text for the same input', () => {
  expect(podDiagram({ kind: 'ConfigMap', metadata: { name: 'c' } })).toBeUndefined();
  const [, docs] = charts[0];
  expect(podDiagramsMarkdown('t', docs)).toBe(podDiagramsMarkdown('t', JSON.parse(JSON.stringify(docs))));
});
