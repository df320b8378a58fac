import { dnsLabelProblem } from '../formats';
import { PodContext } from '../pod-context';
import { list, obj, str } from '../_plain';

/** Container and volume names: present, DNS-1123 labels, unique (init and app containers share one namespace). */
export function checkNames(ctx: PodContext): void {
  const seen = new Map<string, string>();
  for (const c of ctx.containers) {
    const path = `${c.path}.name`;
    if (c.name === '') {
      ctx.error('container-name', path, 'Required value', 'give the container a name (a DNS-1123 label, e.g. "app")');
      continue;
    }
    const problem = dnsLabelProblem(c.name);
    if (problem) {
      ctx.error('container-name', path, `Invalid value: "${c.name}": ${problem}`, 'use lower case letters, digits and "-", at most 63 characters');
    }
    const first = seen.get(c.name);
    if (first) {
      ctx.error('container-name-unique', path, `Duplicate value: "${c.name}" (also ${first})`,
        'give every container of the pod, init containers included, its own name');
    } else {
      seen.set(c.name, c.path);
    }
  }

  const volumes = new Map<string, string>();
  list(ctx.spec.volumes).forEach((value, i) => {
    const path = ctx.at(`volumes[${i}].name`);
    const name = str(obj(value)?.name);
    if (!name) {
      ctx.error('volume-name', path, 'Required value', 'give the volume a name (a DNS-1123 label)');
      return;
    }
    const problem = dnsLabelProblem(name);
    if (problem) ctx.error('volume-name', path, `Invalid value: "${name}": ${problem}`, 'use lower case letters, digits and "-"');
    const first = volumes.get(name);
    if (first) {
      ctx.error('volume-name-unique', path, `Duplicate value: "${name}" (also ${first})`, 'give every volume its own name');
    } else {
      volumes.set(name, path);
    }
  });
}
