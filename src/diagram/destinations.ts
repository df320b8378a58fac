/**
 * What a sidecar talks to, read from its configuration as the library writes it (and as others commonly
 * do): the ConfigMap files mounted into the container, and the Secrets its environment reads. Known:
 * nginx (a stream upstream: an ambassador's remote end), Fluent Bit (`[OUTPUT]`) and Fluentd (`<match>`).
 */

import { list, obj, Plain, str } from '../checks/_plain';

export interface Destination {
  /** The node's text: what is out there. */
  readonly label: string;
  /** The edge's text: how the sidecar reaches it. */
  readonly how: string;
}

/** The data of the ConfigMaps the container mounts, found among the other manifests by name. */
function mountedConfigFiles(container: Plain, volumes: readonly Plain[], others: readonly unknown[]): string[] {
  const names = list(container.volumeMounts).map((m) => obj(m)?.name)
    .map((name) => volumes.find((v) => v.name === name))
    .map((v) => obj(v?.configMap)?.name)
    .filter((n): n is string => typeof n === 'string');
  return others.flatMap((o) => {
    const doc = obj(o);
    if (doc?.kind !== 'ConfigMap' || !names.includes(str(obj(doc.metadata)?.name) ?? '')) return [];
    return Object.values(obj(doc.data) ?? {}).filter((v): v is string => typeof v === 'string');
  });
}

function secretOfEnv(container: Plain, variable: string): string | undefined {
  const entry = list(container.env).map(obj).find((e) => e?.name === variable);
  const ref = obj(obj(entry?.valueFrom)?.secretKeyRef);
  return ref ? `Secret ${ref.name}, key ${ref.key}` : undefined;
}

const MAX_CONFIG_TEXT = 256 * 1024;

/** The bodies of Fluentd's `<match ...>` blocks, from their lines. */
function fluentdMatchBodies(text: string): string[] {
  const bodies: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (current === undefined && trimmed.startsWith('<match ')) current = [];
    else if (current !== undefined && trimmed === '</match>') {
      bodies.push(current.join('\n'));
      current = undefined;
    } else current?.push(line);
  }
  return bodies;
}

export function destinationsOf(container: Plain, volumes: readonly Plain[], others: readonly unknown[]): Destination[] {
  const found: Destination[] = [];
  // Configurations are small; a larger file is not one of these (and the scans below stay linear in it).
  for (const text of mountedConfigFiles(container, volumes, others).filter((t) => t.length <= MAX_CONFIG_TEXT)) {
    // nginx's stream module: an ambassador. Each upstream's first server, in the stream block.
    const stream = text.indexOf('\nstream {');
    if (stream >= 0) {
      const streamText = text.slice(stream);
      for (const match of streamText.matchAll(/\bupstream\s+[^\s{]+\s*\{[^}]*\}/g)) {
        const server = /\bserver\s+([^\s;]+)/.exec(match[0])?.[1];
        if (!server) continue;
        const listen = /\blisten\s+([^\s;]+)/.exec(streamText)?.[1];
        found.push({ label: `remote ${server}`, how: `${listen ? `from ${listen} ` : ''}${/\bproxy_ssl\s+on\b/.test(streamText) ? 'over TLS' : 'TCP'}` });
      }
    }
    // Fluent Bit: one [OUTPUT] section each.
    for (const section of text.split(/^\[/m).filter((s) => /^OUTPUT\]/i.test(s))) {
      const key = (k: string) => new RegExp(`^\\s*${k}\\s+(\\S+)`, 'mi').exec(section)?.[1];
      const name = key('Name');
      const where = key('Host') ? `${key('Host')}:${key('Port') ?? ''}`.replace(/:$/, '') : undefined;
      const index = key('Index') ? `, index ${key('Index')}` : '';
      found.push({ label: name === 'es' ? `Elasticsearch ${where ?? ''}${index}` : `${name ?? 'output'} ${where ?? ''}`.trim(),
        how: key('tls') === 'On' ? 'ships logs over TLS' : 'ships logs' });
    }
    // Fluentd: one <match> each, found line by line.
    for (const body of fluentdMatchBodies(text)) {
      const param = (k: string) => new RegExp(`^\\s*${k}\\s+(.+)$`, 'm').exec(body)?.[1]?.trim();
      const type = param('@type');
      if (type === 'mongo') {
        const uriVariable = /ENV\['([A-Z0-9_]+)'\]/.exec(param('connection_string') ?? '')?.[1];
        const target = uriVariable
          ? `connection string from ${secretOfEnv(container, uriVariable) ?? uriVariable}` : `${param('host')}:${param('port') ?? 27017}`;
        const database = param('database') ?? '(from the URI)';
        found.push({ label: `MongoDB ${target}, database ${database}, collection ${param('collection') ?? ''}`, how: 'ships logs' });
      } else if (type) {
        found.push({ label: `Fluentd output ${type}`, how: 'ships logs' });
      }
    }
  }
  return found;
}
