import { RuleProblem } from '../checks/finding';
import { containerNameProblems } from '../checks/rules/names';
import { containerPortProblems, hostPortProblems, portConflictProblems, PortHolder, portKey } from '../checks/rules/ports';
import { mountPathProblems } from '../checks/rules/volumes';
import { kplus } from '../core/cdk8s-plus';
import { PodPatternError } from '../core/pod-pattern-error';
import { podSpecFieldPath } from '../core/pod-spec';

/**
 * Early checks shared by the patterns: they run in the method that received the container, before it is
 * attached, so a bad container never becomes part of the workload. Each one judges its value with the
 * check engine's own function for the rule, so the early error and the engine's finding say the same.
 */

export function containerFieldPath(workload: kplus.AbstractPod, list: 'containers' | 'initContainers', index: number): string {
  return `${podSpecFieldPath(workload)}.${list}[${index}]`;
}

/** A volume that a container of the workload mounts, and where that mount is. */
export interface MountedVolume {
  readonly volume: kplus.Volume;
  readonly list: 'containers' | 'initContainers';
  readonly container: number;
  readonly mount: number;
}

/**
 * The volumes the workload's containers (init containers included) mount, mount by mount. cdk8s-plus
 * declares a mounted volume in the pod spec only at synth, so `workload.volumes` does not list it yet.
 */
export function volumeMounts(workload: kplus.AbstractPod): MountedVolume[] {
  const mounts: MountedVolume[] = [];
  const add = (list: 'containers' | 'initContainers', containers: kplus.Container[]) => containers.forEach((c, container) => {
    c.mounts.forEach((m, mount) => mounts.push({ volume: m.volume, list, container, mount }));
  });
  add('containers', workload.containers);
  add('initContainers', workload.initContainers);
  return mounts;
}

/** The field of a mount, for a message (made only when one is written). */
export function mountField(workload: kplus.AbstractPod, m: MountedVolume): string {
  return `${containerFieldPath(workload, m.list, m.container)}.volumeMounts[${m.mount}]`;
}

/** The volumes the workload's containers mount (see `volumeMounts`). */
export function mountedVolumes(workload: kplus.AbstractPod): kplus.Volume[] {
  return volumeMounts(workload).map((m) => m.volume);
}

/** Raises the first problem a rule found, at the field the construct reports. */
export function throwFirst(workload: kplus.AbstractPod, field: string, problems: readonly RuleProblem[]): void {
  const [first] = problems;
  if (first) throw new PodPatternError(workload, { rule: first.rule, field, problem: first.message, fix: first.fix });
}

/**
 * A container name the pod does not have yet. `duplicateFix`, where the name came from a pattern's prop,
 * says which prop to change (the engine's own fix speaks of the YAML).
 */
export function assertContainerName(workload: kplus.AbstractPod, field: string, name: string, duplicateFix?: string): void {
  // Init and app containers share one namespace of names; the engine lists init containers first. Only
  // a container of the same name can make the name taken, so only its field is written.
  const taken = new Map<string, string>();
  const take = (list: 'containers' | 'initContainers', containers: kplus.Container[]) => containers.forEach((c, i) => {
    if (c.name === name && !taken.has(name)) taken.set(name, containerFieldPath(workload, list, i));
  });
  take('initContainers', workload.initContainers);
  take('containers', workload.containers);
  const problems = containerNameProblems(name, taken)
    .map((p) => (p.rule === 'container-name-unique' && duplicateFix !== undefined ? { ...p, fix: duplicateFix } : p));
  throwFirst(workload, `${field}.name`, problems);
}

export function assertMountPath(workload: kplus.AbstractPod, field: string, container: kplus.Container, path: string): void {
  throwFirst(workload, `${field}.mountPath`, mountPathProblems(path, new Set(container.mounts.map((m) => m.path))));
}

/**
 * Containers of one pod share a network namespace: two of them cannot listen on the same port and
 * protocol, and the API server does not catch it (the second container crash-loops on bind).
 */
export function assertNoPortClash(workload: kplus.AbstractPod, field: string, container: kplus.Container): void {
  const others = new Map<string, PortHolder>();
  workload.containers.forEach((other, i) => {
    if (other === container) return;
    other.ports.forEach((p, k) => {
      const key = portKey(p.number, p.protocol ?? kplus.Protocol.TCP);
      if (!others.has(key)) others.set(key, { container: other.name, path: `${containerFieldPath(workload, 'containers', i)}.ports[${k}]` });
    });
  });
  container.ports.forEach((port, j) => {
    const portField = `${field}.ports[${j}]`;
    const protocol = port.protocol ?? kplus.Protocol.TCP;
    throwFirst(workload, `${portField}.containerPort`, containerPortProblems(port.number));
    throwFirst(workload, `${portField}.hostPort`, hostPortProblems(port.hostPort));
    throwFirst(workload, `${portField}.containerPort`, portConflictProblems(port.number, protocol, container.name, others));
  });
}
