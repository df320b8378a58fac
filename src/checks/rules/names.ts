import { RuleProblem } from '../finding';
import { dnsLabelProblem } from '../formats';
import { PodContext } from '../pod-context';
import { list, obj, text } from '../_plain';

/**
 * What `container-name` and `container-name-unique` say of one container name, given the names already
 * taken in the pod (name to the path of the container that has it; init and app containers share one
 * namespace of names). The engine and the constructs' early checks both judge names with it.
 */
export function containerNameProblems(name: unknown, taken: ReadonlyMap<string, string>): RuleProblem[] {
  if (name === undefined || name === null || name === '') {
    return [{ rule: 'container-name', message: 'Required value', fix: 'give the container a name (a DNS-1123 label, e.g. "app")' }];
  }
  if (typeof name !== 'string') {
    return [{ rule: 'container-name', message: `Invalid value: ${text(name)}: must be a string`, fix: 'give the container a name (a DNS-1123 label, e.g. "app")' }];
  }
  const problems: RuleProblem[] = [];
  const problem = dnsLabelProblem(name);
  if (problem) {
    problems.push({ rule: 'container-name', message: `Invalid value: "${name}": ${problem}`, fix: 'use lower case letters, digits and "-", at most 63 characters' });
  }
  const first = taken.get(name);
  if (first !== undefined) {
    problems.push({ rule: 'container-name-unique', message: `Duplicate value: "${name}" (also ${first})`,
      fix: 'give every container of the pod, init containers included, its own name' });
  }
  return problems;
}

/**
 * What `volume-name` and `volume-name-unique` say of one volume name, given the names already taken
 * (name to the path where the other volume is declared or used).
 */
export function volumeNameProblems(name: unknown, taken: ReadonlyMap<string, string>): RuleProblem[] {
  if (name === undefined || name === null || name === '') {
    return [{ rule: 'volume-name', message: 'Required value', fix: 'give the volume a name (a DNS-1123 label)' }];
  }
  if (typeof name !== 'string') {
    return [{ rule: 'volume-name', message: `Invalid value: ${text(name)}: must be a string`, fix: 'give the volume a name (a DNS-1123 label)' }];
  }
  const problems: RuleProblem[] = [];
  const problem = dnsLabelProblem(name);
  if (problem) problems.push({ rule: 'volume-name', message: `Invalid value: "${name}": ${problem}`, fix: 'use lower case letters, digits and "-"' });
  const first = taken.get(name);
  if (first !== undefined) problems.push({ rule: 'volume-name-unique', message: `Duplicate value: "${name}" (also ${first})`, fix: 'give every volume its own name' });
  return problems;
}

/** Container and volume names: present, DNS-1123 labels, unique (init and app containers share one namespace). */
export function checkNames(ctx: PodContext): void {
  const seen = new Map<string, string>();
  for (const c of ctx.containers) {
    ctx.errors(containerNameProblems(c.container.name, seen), `${c.path}.name`);
    if (c.name !== '' && !seen.has(c.name)) seen.set(c.name, c.path);
  }

  const volumes = new Map<string, string>();
  list(ctx.spec.volumes).forEach((value, i) => {
    const path = ctx.at(`volumes[${i}].name`);
    const name = obj(value)?.name;
    ctx.errors(volumeNameProblems(name, volumes), path);
    if (typeof name === 'string' && name !== '' && !volumes.has(name)) volumes.set(name, path);
  });
}
