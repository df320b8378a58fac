import * as kplus from 'cdk8s-plus-27';
import { dnsLabelProblem, mountPathProblem, portNumberProblem } from '../checks/formats';
import { PodPatternError } from '../core/pod-pattern-error';
import { podSpecFieldPath } from '../core/pod-spec';

/**
 * Early checks shared by the patterns: they run in the method that received the container, before it is
 * attached, so a bad container never becomes part of the workload.
 */

export function containerFieldPath(workload: kplus.AbstractPod, list: 'containers' | 'initContainers', index: number): string {
  return `${podSpecFieldPath(workload)}.${list}[${index}]`;
}

export function assertContainerName(workload: kplus.AbstractPod, field: string, name: string): void {
  const problem = dnsLabelProblem(name);
  if (problem) {
    throw new PodPatternError(workload, {
      rule: 'container-name',
      field: `${field}.name`,
      problem: `Invalid value "${name}": ${problem}`,
      fix: 'use a name like "log-shipper" (lower case letters, digits and "-", at most 63 characters)',
    });
  }
  const taken = [...workload.containers, ...workload.initContainers].find((c) => c.name === name);
  if (taken) {
    throw new PodPatternError(workload, {
      rule: 'container-name-unique',
      field: `${field}.name`,
      problem: `Duplicate value "${name}": a container of this pod already has that name (init and app containers share one namespace of names)`,
      fix: 'give each container a distinct name (cdk8s-plus names an unnamed container "main")',
    });
  }
}

export function assertMountPath(workload: kplus.AbstractPod, field: string, container: kplus.Container, path: string): void {
  const problem = typeof path === 'string' ? mountPathProblem(path) : 'must be a string';
  if (problem) {
    throw new PodPatternError(workload, {
      rule: 'mount-path',
      field: `${field}.mountPath`,
      problem: `Invalid value ${JSON.stringify(path) ?? 'undefined'}: ${problem}`,
      fix: 'mount at an absolute path such as "/var/log"',
    });
  }
  if (container.mounts.some((m) => m.path === path)) {
    throw new PodPatternError(workload, {
      rule: 'mount-path-unique',
      field: `${field}.mountPath`,
      problem: `Invalid value "${path}": must be unique; container "${container.name}" already mounts a volume there`,
      fix: 'mount each volume at its own path',
    });
  }
}

/**
 * Containers of one pod share a network namespace: two of them cannot listen on the same port and
 * protocol, and the API server does not catch it (the second container crash-loops on bind).
 */
export function assertNoPortClash(workload: kplus.AbstractPod, field: string, container: kplus.Container): void {
  container.ports.forEach((port, j) => {
    const portField = `${field}.ports[${j}]`;
    const numberProblem = portNumberProblem(port.number);
    if (numberProblem) {
      throw new PodPatternError(workload, {
        rule: 'container-port',
        field: `${portField}.containerPort`,
        problem: `Invalid value ${port.number}: ${numberProblem}`,
        fix: 'use a port number from 1 to 65535',
      });
    }
    if (port.hostPort !== undefined && port.hostPort !== 0 && portNumberProblem(port.hostPort)) {
      throw new PodPatternError(workload, {
        rule: 'host-port',
        field: `${portField}.hostPort`,
        problem: `Invalid value ${port.hostPort}: must be between 1 and 65535, inclusive`,
        fix: 'use a host port from 1 to 65535, or leave hostPort unset',
      });
    }
    const protocol = port.protocol ?? kplus.Protocol.TCP;
    for (const other of workload.containers) {
      if (other === container) continue;
      const clash = other.ports.find((p) => p.number === port.number && (p.protocol ?? kplus.Protocol.TCP) === protocol);
      if (clash) {
        throw new PodPatternError(workload, {
          rule: 'port-conflict',
          field: `${portField}.containerPort`,
          problem: `port ${port.number}/${protocol} is already used by container "${other.name}"; containers of one pod share `
            + 'one network namespace (localhost), so only one of them can listen on it',
          fix: `give container "${container.name}" another port`,
        });
      }
    }
  });
}
