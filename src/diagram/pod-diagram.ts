import { list, obj, Plain, str } from '../checks/_plain';
import { checkManifest, hasPodSpec, POD_LOCATIONS } from '../checks/engine';
import { Finding } from '../checks/finding';
import { PodCheckOptions, PodOwnerKind } from '../checks/pod-context';
import { destinationsOf } from './destinations';

/**
 * A Mermaid flowchart of one pod: the `pause` container that holds the pod's network namespace and every
 * container joined to it, with its image and ports; the init steps in order (native sidecars marked); each
 * volume with its kind and an edge per mount (path, read-only or read-write); what a sidecar talks to and
 * the Services that reach the pod, as nodes outside it; and the findings of the checks, on the container or
 * volume they are about. Pure: it reads plain manifests, the same for every caller.
 */

/** Text for a Mermaid label in double quotes: quotes and angle brackets as entities, one line each. */
export function mermaidText(text: string): string {
  // `#` first: the entities below are written with it. `%` would start a `%%{...}%%` directive anywhere in
  // the text, and a backtick would make the label a markdown string.
  return text.replace(/#/g, '#35;').replace(/&/g, '&amp;').replace(/"/g, '#quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/%/g, '#37;').replace(/`/g, '#96;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** A Markdown heading's text: one line, no backticks that could open a fence. */
function headingText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/`/g, "'");
}

const label = (...lines: Array<string | undefined>) =>
  `"${lines.filter((l): l is string => l !== undefined && l !== '').map(mermaidText).join('<br/>')}"`;

/** The volume's kind and what it refers to, as a reviewer wants to read it: `configMap app-config`. */
function volumeKind(volume: Plain): string {
  const kinds: Array<[string, (v: Plain) => string | undefined]> = [
    ['emptyDir', (v) => (str(v.medium) ? `medium ${v.medium}` : undefined)],
    ['configMap', (v) => str(v.name)],
    ['secret', (v) => str(v.secretName)],
    ['hostPath', (v) => str(v.path)],
    ['persistentVolumeClaim', (v) => str(v.claimName)],
    ['projected', (v) => list(v.sources).map((s) => Object.keys(obj(s) ?? {})[0]).filter(Boolean).join(', ')],
    ['downwardAPI', () => undefined],
    ['csi', (v) => str(v.driver)],
    ['ephemeral', () => 'claim template'],
    ['image', (v) => str(v.reference)],
    ['nfs', (v) => `${v.server}:${v.path}`],
  ];
  for (const [kind, detail] of kinds) {
    const source = obj(volume[kind]);
    if (source) {
      const d = detail(source);
      return d ? `${kind} ${d}` : kind;
    }
  }
  return Object.keys(volume).find((k) => k !== 'name') ?? 'unknown source';
}

interface ContainerNode {
  readonly id: string;
  readonly container: Plain;
  readonly path: string;
  readonly role: 'init' | 'native' | 'app' | 'ephemeral';
  readonly order?: number;
}

/** Findings grouped by the node they are about: `containers[1]` or `volumes[0]` in the pod spec, else the pod. */
function findingsByNode(findings: readonly Finding[], specPath: string): Map<string, Finding[]> {
  const byNode = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity === 'accepted') continue;
    const at = f.path.startsWith(`${specPath}.`) ? f.path.slice(specPath.length + 1) : '';
    const match = /^(containers|initContainers|ephemeralContainers|volumes)\[(\d+)\]/.exec(at);
    const key = match ? `${match[1]}[${match[2]}]` : 'pod';
    byNode.set(key, [...(byNode.get(key) ?? []), f]);
  }
  return byNode;
}

function findingLine(findings: readonly Finding[] | undefined): string | undefined {
  if (!findings?.length) return undefined;
  const rules = [...new Set(findings.map((f) => `${f.severity} ${f.rule}`))];
  return `⚠ ${rules.join(', ')}`;
}

/** The Mermaid flowchart of the pod in one manifest, or undefined for a kind without a pod. */
export function podDiagram(manifest: unknown, others: readonly unknown[] = [], options: Omit<PodCheckOptions, 'ownerKind'> = {}): string | undefined {
  const doc = obj(manifest);
  if (!doc || !hasPodSpec(doc)) return undefined;
  const kind = doc.kind as PodOwnerKind;
  let template: Plain | undefined = doc;
  for (const key of POD_LOCATIONS[kind]) template = obj(template?.[key]);
  const spec = obj(template?.spec) ?? {};
  const specPath = [...POD_LOCATIONS[kind], 'spec'].join('.');
  const findings = findingsByNode(checkManifest(doc, options), specPath);
  const name = str(obj(doc.metadata)?.name) ?? '(no name)';
  const lines: string[] = ['flowchart LR'];
  const mark: string[] = [];

  const nodes: ContainerNode[] = [];
  list(spec.initContainers).forEach((c, i) => {
    const container = obj(c) ?? {};
    const role = container.restartPolicy === 'Always' ? 'native' : 'init';
    nodes.push({ id: `init${i}`, container, path: `initContainers[${i}]`, role, order: i + 1 });
  });
  list(spec.containers).forEach((c, i) => nodes.push({ id: `app${i}`, container: obj(c) ?? {}, path: `containers[${i}]`, role: 'app' }));
  list(spec.ephemeralContainers).forEach((c, i) => {
    nodes.push({ id: `eph${i}`, container: obj(c) ?? {}, path: `ephemeralContainers[${i}]`, role: 'ephemeral' });
  });
  const volumes = list(spec.volumes).map((v) => obj(v) ?? {});

  lines.push(`  subgraph pod[${label(`${kind} ${name}`)}]`);
  lines.push('    direction TB');
  lines.push(`    pause([${label('pause (infra container)', 'holds the network namespace:', 'one IP and one port space for all')}])`);
  const podFindings = findingLine(findings.get('pod'));
  if (podFindings) {
    lines.push(`    podFindings[${label(podFindings)}]`);
    mark.push('podFindings');
  }
  const containerLabel = (n: ContainerNode) => {
    const c = n.container;
    const role = n.role === 'native' ? `${n.order}. native sidecar: starts first, keeps running`
      : n.role === 'init' ? `${n.order}. init step: runs to completion` : n.role === 'ephemeral' ? 'ephemeral container' : undefined;
    const ports = list(c.ports).map((p) => {
      const port = obj(p) ?? {};
      const host = port.hostPort ? ` (hostPort ${port.hostPort})` : '';
      return `:${port.containerPort}/${port.protocol ?? 'TCP'}${port.name ? ` ${port.name}` : ''}${host}`;
    });
    const listens = ports.length ? `listens on ${ports.join(', ')}` : undefined;
    return label(str(c.name) ?? '(no name)', role, str(c.image), listens, findingLine(findings.get(n.path)));
  };
  const initNodes = nodes.filter((n) => n.role === 'init' || n.role === 'native');
  if (initNodes.length) {
    lines.push(`    subgraph inits[${label('init containers, in order')}]`);
    for (const n of initNodes) lines.push(`      ${n.id}[${containerLabel(n)}]`);
    lines.push('    end');
  }
  const appNodes = nodes.filter((n) => n.role === 'app' || n.role === 'ephemeral');
  lines.push(`    subgraph apps[${label('containers')}]`);
  for (const n of appNodes) lines.push(`      ${n.id}[${containerLabel(n)}]`);
  lines.push('    end');
  volumes.forEach((v, i) => {
    lines.push(`    vol${i}[(${label(`volume ${str(v.name) ?? '(no name)'}`, volumeKind(v), findingLine(findings.get(`volumes[${i}]`)))})]`);
  });
  lines.push('  end');

  // Every container is in the pod's one network namespace (init steps too, one at a time).
  for (const n of nodes) lines.push(`  pause -.- ${n.id}`);
  // The init steps in order, then the app containers.
  for (let i = 1; i < initNodes.length; i++) lines.push(`  ${initNodes[i - 1].id} ==> ${initNodes[i].id}`);
  if (initNodes.length && appNodes.length) lines.push(`  ${initNodes[initNodes.length - 1].id} ==>|${label('then')}| apps`);
  for (const n of nodes) {
    for (const m of list(n.container.volumeMounts)) {
      const mount = obj(m) ?? {};
      const index = volumes.findIndex((v) => v.name === mount.name);
      const target = index >= 0 ? `vol${index}` : undefined;
      const text = `${mount.mountPath}${mount.subPath ? ` (subPath ${mount.subPath})` : ''} ${mount.readOnly ? 'read-only' : 'read-write'}`;
      if (target) lines.push(`  ${n.id} -->|${label(text)}| ${target}`);
    }
  }
  for (const n of nodes) if (findings.get(n.path)) mark.push(n.id);
  volumes.forEach((_v, i) => { if (findings.get(`volumes[${i}]`)) mark.push(`vol${i}`); });

  // Outside the pod: what its sidecars talk to, and the Services that reach it.
  let external = 0;
  for (const n of nodes) {
    for (const destination of destinationsOf(n.container, volumes, others)) {
      const id = `ext${external++}`;
      lines.push(`  ${id}{{${label(destination.label)}}}`);
      lines.push(`  ${n.id} -.->|${label(destination.how)}| ${id}`);
    }
  }
  const podLabels = obj(obj(template?.metadata)?.labels) ?? {};
  for (const other of others) {
    const service = obj(other);
    const selector = obj(obj(service?.spec)?.selector);
    if (service?.kind !== 'Service' || !selector || Object.keys(selector).length === 0) continue;
    if (!Object.entries(selector).every(([k, v]) => podLabels[k] === v)) continue;
    for (const p of list(obj(service.spec)?.ports)) {
      const port = obj(p) ?? {};
      const target = port.targetPort ?? port.port;
      const n = nodes.find((c) => list(c.container.ports).some((cp) => obj(cp)?.containerPort === target || obj(cp)?.name === target));
      if (!n) continue;
      const id = `ext${external++}`;
      lines.push(`  ${id}{{${label(`Service ${str(obj(service.metadata)?.name) ?? ''}`, `port ${port.port}`)}}}`);
      lines.push(`  ${id} -->|${label(`to ${target}`)}| ${n.id}`);
    }
  }
  if (mark.length) {
    lines.push('  classDef finding stroke:#c00,stroke-width:3px;');
    lines.push(`  class ${mark.join(',')} finding;`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Markdown with one diagram per pod of the manifests (a chart's, or a file's), in their order: a heading
 * per pod, and the diagram in a `mermaid` block, which GitHub, GitLab and most documentation sites draw.
 */
export function podDiagramsMarkdown(
  title: string, manifests: readonly unknown[], options: Omit<PodCheckOptions, 'ownerKind'> = {},
): string | undefined {
  const sections = manifests.flatMap((m) => {
    const diagram = podDiagram(m, manifests, options);
    if (!diagram) return [];
    const doc = obj(m)!;
    return [`## ${headingText(`${doc.kind} ${str(obj(doc.metadata)?.name) ?? '(no name)'}`)}\n\n\`\`\`mermaid\n${diagram}\`\`\`\n`];
  });
  if (sections.length === 0) return undefined;
  const note = '<!-- Generated by cdk8s-pod-patterns: each pod of these manifests, with the findings of its checks. -->';
  return `# ${headingText(title)}\n\n${note}\n\n${sections.join('\n')}`;
}
