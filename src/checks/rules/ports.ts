import { defaultedString, list, num, obj, str, text } from '../_plain';
import { quote } from '../_quote';
import { RuleProblem } from '../finding';
import { portNameProblem, portNumberProblem } from '../formats';
import { ContainerAt, PodContext } from '../pod-context';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

interface PortAt {
  readonly owner: ContainerAt;
  readonly path: string;
  readonly containerPort?: number;
  readonly hostPort?: number;
  readonly protocol: string;
  readonly hostIP: string;
  readonly name?: string;
}

/**
 * Ports: their numbers, names and protocols, and the pod's one network namespace, which the containers that
 * run at the same time share: two of them cannot listen on the same port, and host ports are unique.
 */
export function checkPorts(ctx: PodContext): void {
  const all: PortAt[] = [];
  for (const c of ctx.containers) {
    const names = new Set<string>();
    list(c.container.ports).forEach((value, j) => {
      const port = obj(value);
      if (!port) return;
      const path = `${c.path}.ports[${j}]`;
      const containerPort = num(port.containerPort);
      ctx.errors(containerPortProblems(port.containerPort), `${path}.containerPort`);
      const hostPort = num(port.hostPort);
      ctx.errors(hostPortProblems(port.hostPort), `${path}.hostPort`);
      // SetDefaults_ContainerPort: unset or "" is TCP.
      const protocol = defaultedString(port.protocol) ? 'TCP' : port.protocol;
      if (!PROTOCOLS.includes(protocol as string)) {
        ctx.error('port-protocol', `${path}.protocol`,
          `Unsupported value: ${quote(protocol)}: supported values: "SCTP", "TCP", "UDP"`, 'use TCP, UDP or SCTP');
      }
      const name = port.name;
      if (name !== undefined) {
        const problem = typeof name === 'string' ? portNameProblem(name) : 'must be a string';
        if (problem) {
          ctx.error('port-name', `${path}.name`, `Invalid value: ${quote(name)}: ${problem}`,
            'use at most 15 lower case letters, digits and single hyphens, with at least one letter (e.g. "http")');
        }
        if (typeof name === 'string' && names.has(name)) {
          ctx.error('port-name-unique', `${path}.name`, `Duplicate value: "${name}"`, 'give each port of the container its own name');
        }
        if (typeof name === 'string') names.add(name);
      }
      all.push({
        owner: c, path, containerPort, hostPort: hostPort || undefined, protocol: text(protocol),
        hostIP: str(port.hostIP) ?? '', name: str(port.name) || undefined,
      });
    });
  }

  const concurrent = all.filter((p) => p.owner.list === 'containers' || p.owner.restartable);
  checkSharedNetworkNamespace(ctx, concurrent);
  checkPortNamesAcrossContainers(ctx, concurrent);
  checkHostPorts(ctx, all);
  checkHostNetwork(ctx, concurrent);
}

function checkSharedNetworkNamespace(ctx: PodContext, ports: PortAt[]): void {
  // The ports of the containers before this one: a container may declare one port twice, that is no conflict.
  const listeners = new Map<string, PortHolder>();
  let owner: ContainerAt | undefined;
  let own: Array<[string, PortHolder]> = [];
  for (const port of ports) {
    if (port.owner !== owner) {
      addFirst(listeners, own);
      owner = port.owner;
      own = [];
    }
    if (port.containerPort === undefined) continue;
    const conflict = portConflictProblems(port.containerPort, port.protocol, port.owner.name, listeners);
    ctx.errors(conflict, `${port.path}.containerPort`);
    if (conflict.length === 0) own.push([portKey(port.containerPort, port.protocol), { container: port.owner.name, path: port.path }]);
  }
}

function addFirst(listeners: Map<string, PortHolder>, ports: Array<[string, PortHolder]>): void {
  for (const [key, holder] of ports) if (!listeners.has(key)) listeners.set(key, holder);
}

/** What `container-port` says of a containerPort: required, 1 to 65535. */
export function containerPortProblems(value: unknown): RuleProblem[] {
  if (value === undefined || value === 0) {
    return [{ rule: 'container-port', message: 'Required value', fix: 'give the port the container listens on' }];
  }
  const problem = portNumberProblem(value);
  if (!problem) return [];
  return [{ rule: 'container-port', message: `Invalid value: ${quote(value)}: ${problem}`, fix: 'use a port from 1 to 65535' }];
}

/** What `host-port` says of a hostPort: unset (or 0), or 1 to 65535. */
export function hostPortProblems(value: unknown): RuleProblem[] {
  const problem = value === undefined || value === 0 ? undefined : portNumberProblem(value);
  if (!problem) return [];
  return [{ rule: 'host-port', message: `Invalid value: ${quote(value)}: ${problem}`, fix: 'use a host port from 1 to 65535, or none' }];
}

/** A container port of another container, by `portKey`: who listens on it and where it is declared. */
export interface PortHolder {
  readonly container: string;
  readonly path: string;
}

/** The key of a listener in the pod's network namespace: `80/TCP`. */
export function portKey(containerPort: number, protocol: string): string {
  return `${containerPort}/${protocol}`;
}

/**
 * What `port-conflict` says of one port of a container, given the ports the pod's other running containers
 * listen on: they share one network namespace, so the second cannot bind (the API server accepts it). The
 * engine and the constructs' early checks both judge ports with it.
 */
export function portConflictProblems(
  containerPort: number, protocol: string, container: string, others: ReadonlyMap<string, PortHolder>,
): RuleProblem[] {
  const key = portKey(containerPort, protocol);
  const first = others.get(key);
  if (!first) return [];
  return [{
    rule: 'port-conflict',
    message: `port ${key} is also declared by container "${first.container}" (${first.path}); `
      + 'containers of one pod share one network namespace, so only one of them can listen on it',
    fix: `give container "${container}" another port`,
  }];
}

/**
 * The API server checks port names only within a container. A Service's named targetPort resolves to the
 * first container port of that name in the pod, so a second one is never used. (A probe's named port is
 * looked up in its own container only.)
 */
function checkPortNamesAcrossContainers(ctx: PodContext, ports: PortAt[]): void {
  const named = new Map<string, PortAt>();
  for (const port of ports) {
    if (port.name === undefined) continue;
    const first = named.get(port.name);
    if (!first) {
      named.set(port.name, port);
    } else if (first.owner !== port.owner) {
      ctx.warn('port-name-duplicate-across-containers', `${port.path}.name`,
        `port name "${port.name}" is also used by container "${first.owner.name}" (${first.path}); `
          + `a Service targetPort "${port.name}" resolves to one port per pod, so it is ambiguous which container it reaches`,
        `give the port of container "${port.owner.name}" its own name`);
    }
  }
}

function checkHostPorts(ctx: PodContext, ports: PortAt[]): void {
  // The API server checks app containers together and each init container alone; a native sidecar runs
  // beside the app containers, so it is checked with them.
  const groups = new Map<string, PortAt[]>();
  for (const port of ports) {
    if (port.hostPort === undefined) continue;
    const group = port.owner.list === 'containers' || port.owner.restartable ? 'running' : port.owner.path;
    const members = groups.get(group);
    if (members) members.push(port);
    else groups.set(group, [port]);
  }
  for (const group of groups.values()) {
    const seen = new Map<string, PortAt>();
    for (const port of group) {
      const key = `${port.protocol}/${port.hostIP}/${port.hostPort}`;
      const first = seen.get(key);
      if (first) {
        ctx.error('host-port-conflict', `${port.path}.hostPort`, `Duplicate value: "${key}" (also ${first.path})`,
          'use a different hostPort, or none');
      } else {
        seen.set(key, port);
      }
    }
  }
}

function checkHostNetwork(ctx: PodContext, ports: PortAt[]): void {
  if (ctx.spec.hostNetwork !== true) return;
  for (const port of ports) {
    if (port.hostPort !== undefined && port.hostPort !== port.containerPort) {
      ctx.error('host-network-ports', `${port.path}.containerPort`,
        `Invalid value: ${port.containerPort}: must match \`hostPort\` when \`hostNetwork\` is true`,
        'with hostNetwork, set hostPort equal to containerPort or leave it out');
    }
  }
}
