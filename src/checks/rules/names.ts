import { list, obj, text } from '../_plain';
import { RuleProblem } from '../finding';
import { dnsLabelProblem } from '../formats';
import { PodContext } from '../pod-context';

/** The two rules of one kind of name that is a DNS-1123 label and unique in the pod, with their fixes. */
interface LabelNameRules {
  /** `requiredFix` for a missing name, or one that is not a string. */
  readonly valid: { readonly rule: string; readonly requiredFix: string; readonly invalidFix: string };
  readonly unique: { readonly rule: string; readonly fix: string };
}

const CONTAINER_NAME: LabelNameRules = {
  valid: {
    rule: 'container-name',
    requiredFix: 'give the container a name (a DNS-1123 label, e.g. "app")',
    invalidFix: 'use lower case letters, digits and "-", at most 63 characters',
  },
  unique: { rule: 'container-name-unique', fix: 'give every container of the pod, init containers included, its own name' },
};

const VOLUME_NAME: LabelNameRules = {
  valid: { rule: 'volume-name', requiredFix: 'give the volume a name (a DNS-1123 label)', invalidFix: 'use lower case letters, digits and "-"' },
  unique: { rule: 'volume-name-unique', fix: 'give every volume its own name' },
};

/** A name given, a DNS-1123 label, and not yet taken (name to the path of what has it). */
function labelNameProblems({ valid, unique }: LabelNameRules, name: unknown, taken: ReadonlyMap<string, string>): RuleProblem[] {
  if (name === undefined || name === null || name === '') return [{ rule: valid.rule, message: 'Required value', fix: valid.requiredFix }];
  if (typeof name !== 'string') return [{ rule: valid.rule, message: `Invalid value: ${text(name)}: must be a string`, fix: valid.requiredFix }];
  const problems: RuleProblem[] = [];
  const problem = dnsLabelProblem(name);
  if (problem) problems.push({ rule: valid.rule, message: `Invalid value: "${name}": ${problem}`, fix: valid.invalidFix });
  const first = taken.get(name);
  if (first !== undefined) problems.push({ rule: unique.rule, message: `Duplicate value: "${name}" (also ${first})`, fix: unique.fix });
  return problems;
}

/**
 * What `container-name` and `container-name-unique` say of one container name, given the names already
 * taken in the pod (name to the path of the container that has it; init and app containers share one
 * namespace of names). The engine and the constructs' early checks both judge names with it.
 */
export function containerNameProblems(name: unknown, taken: ReadonlyMap<string, string>): RuleProblem[] {
  return labelNameProblems(CONTAINER_NAME, name, taken);
}

/**
 * What `volume-name` and `volume-name-unique` say of one volume name, given the names already taken
 * (name to the path of the other volume's name).
 */
export function volumeNameProblems(name: unknown, taken: ReadonlyMap<string, string>): RuleProblem[] {
  return labelNameProblems(VOLUME_NAME, name, taken);
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
