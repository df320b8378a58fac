import { portNameProblem, portNumberProblem } from '../formats';
import { ContainerAt, PodContext } from '../pod-context';
import { list, num, obj, str, text } from '../_plain';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

interface PortAt { readonly owner: ContainerAt; readonly path: string; readonly containerPort?: number; readonly hostPort?: number; readonly protocol: string; readonly hostIP: string; readonly name?: string }

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
      if (port.containerPort === undefined || port.containerPort === 0) {
        ctx.error('container-port', `${path}.containerPort`, 'Required value', 'give the port the container listens on');
      } else if (containerPort === undefined || portNumberProblem(containerPort)) {
        ctx.error('container-port', `${path}.containerPort`, `Invalid value: ${JSON.stringify(port.containerPort)}: must be between 1 and 65535, inclusive`, 'use a port from 1 to 65535');
      }
      const hostPort = num(port.hostPort);
      if (port.hostPort !== undefined && port.hostPort !== 0 && (hostPort === undefined || portNumberProblem(hostPort))) {
        ctx.error('host-port', `${path}.hostPort`, `Invalid value: ${JSON.stringify(port.hostPort)}: must be between 1 and 65535, inclusive`, 'use a host port from 1 to 65535, or none');
      }
      const protocol = port.protocol ?? 'TCP';
      if (!PROTOCOLS.includes(protocol as string)) {
        ctx.error('port-protocol', `${path}.protocol`, `Unsupported value: ${JSON.stringify(protocol)}: supported values: "SCTP", "TCP", "UDP"`, 'use TCP, UDP or SCTP');
      }
      const name = port.name;
      if (name !== undefined) {
        const problem = typeof name === 'string' ? portNameProblem(name) : 'must be a string';
        if (problem) ctx.error('port-name', `${path}.name`, `Invalid value: ${JSON.stringify(name)}: ${problem}`, 'use at most 15 lower case letters, digits and single hyphens, with at least one letter (e.g. "http")');
        if (typeof name === 'string' && names.has(name)) ctx.error('port-name-unique', `${path}.name`, `Duplicate value: "${name}"`, 'give each port of the container its own name');
        if (typeof name === 'string') names.add(name);
      }
      all.push({ owner: c, path, containerPort, hostPort: hostPort || undefined, protocol: text(protocol), hostIP: str(port.hostIP) ?? '', name: str(port.name) || undefined });
    });
  }

  const concurrent = all.filter((p) => p.owner.list === 'containers' || p.owner.restartable);
  checkSharedNetworkNamespace(ctx, concurrent);
  checkPortNamesAcrossContainers(ctx, concurrent);
  checkHostPorts(ctx, all);
  checkHostNetwork(ctx, concurrent);
}

function checkSharedNetworkNamespace(ctx: PodContext, ports: PortAt[]): void {
  const listeners = new Map<string, PortAt>();
  for (const port of ports) {
    if (port.containerPort === undefined) continue;
    const key = `${port.containerPort}/${port.protocol}`;
    const first = listeners.get(key);
    if (first && first.owner !== port.owner) {
      ctx.error('port-conflict', `${port.path}.containerPort`,
        `port ${key} is also declared by container "${first.owner.name}" (${first.path}); containers of one pod share one network namespace, so only one of them can listen on it`,
        `give container "${port.owner.name}" another port`);
    } else if (!first) {
      listeners.set(key, port);
    }
  }
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
        `port name "${port.name}" is also used by container "${first.owner.name}" (${first.path}); a Service targetPort "${port.name}" resolves to one port per pod, so it is ambiguous which container it reaches`,
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
    groups.set(group, [...(groups.get(group) ?? []), port]);
  }
  for (const group of groups.values()) {
    const seen = new Map<string, PortAt>();
    for (const port of group) {
      const key = `${port.protocol}/${port.hostIP}/${port.hostPort}`;
      const first = seen.get(key);
      if (first) {
        ctx.error('host-port-conflict', `${port.path}.hostPort`, `Duplicate value: "${key}" (also ${first.path})`, 'use a different hostPort, or none');
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
      ctx.error('host-network-ports', `${port.path}.containerPort`, `Invalid value: ${port.containerPort}: must match \`hostPort\` when \`hostNetwork\` is true`, 'with hostNetwork, set hostPort equal to containerPort or leave it out');
    }
  }
}
