import { dnsSubdomainProblem } from '../formats';
import { ContainerAt, PodContext } from '../pod-context';
import { list, obj, Plain, text } from '../_plain';

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MESSAGE = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Environment: variable names, `valueFrom` sources and their key references, and `envFrom` (API server `ValidateEnv`, `ValidateEnvFrom`). */
export function checkEnv(ctx: PodContext, c: ContainerAt): void {
  list(c.container.env).forEach((value, k) => {
    const env = obj(value);
    if (!env) return;
    const path = `${c.path}.env[${k}]`;
    const name = env.name;
    if (typeof name !== 'string' || name === '') {
      ctx.error('env-name', `${path}.name`, 'Required value', 'name the variable');
    } else if (!ENV_NAME.test(name)) {
      ctx.error('env-name', `${path}.name`, `Invalid value: "${name}": ${ENV_NAME_MESSAGE}`, 'rename the variable, e.g. "LOG_LEVEL"');
    }
    const from = obj(env.valueFrom);
    if (from) {
      if (typeof env.value === 'string' && env.value !== '') {
        ctx.error('env-value-from', `${path}.valueFrom`, 'Invalid value: "": may not be specified when `value` is not empty', 'keep either value or valueFrom');
      }
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((s) => from[s] !== undefined);
      if (sources.length !== 1) {
        ctx.error('env-value-from', `${path}.valueFrom`, sources.length === 0 ? 'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`' : 'Invalid value: "": may not have more than one field specified at a time', 'give exactly one source');
      }
      for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
        const selector = obj(from[ref]);
        if (selector) checkKeySelector(ctx, selector, `${path}.valueFrom.${ref}`, ref === 'configMapKeyRef' ? 'ConfigMap' : 'Secret');
      }
    }
  });
  list(c.container.envFrom).forEach((value, k) => {
    const source = obj(value);
    if (!source) return;
    const path = `${c.path}.envFrom[${k}]`;
    const prefix = source.prefix;
    if (prefix !== undefined && prefix !== '' && (typeof prefix !== 'string' || !ENV_NAME.test(prefix))) {
      ctx.error('env-from', `${path}.prefix`, `Invalid value: ${JSON.stringify(prefix)}: ${ENV_NAME_MESSAGE}`, 'use a prefix that is a valid variable name, e.g. "DB_"');
    }
    const refs = (['configMapRef', 'secretRef'] as const).filter((r) => source[r] !== undefined && source[r] !== null);
    if (refs.length !== 1) {
      ctx.error('env-from', path, refs.length === 0 ? 'Invalid value: "": must specify one of: `configMapRef` or `secretRef`' : 'Invalid value: "": may not have more than one field specified at a time', 'give exactly one of configMapRef or secretRef');
    }
    for (const ref of refs) checkObjectName(ctx, obj(source[ref])?.name, `${path}.${ref}.name`, 'env-from', ref === 'configMapRef' ? 'ConfigMap' : 'Secret');
  });
}

/** `configMapKeyRef` / `secretKeyRef`: the object's name and the key inside it (`validateConfigMapKeySelector`, `IsConfigMapKey`). */
function checkKeySelector(ctx: PodContext, selector: Plain, path: string, kind: 'ConfigMap' | 'Secret'): void {
  checkObjectName(ctx, selector.name, `${path}.name`, 'env-value-from', kind);
  const key = selector.key;
  if (typeof key !== 'string' || key === '') {
    ctx.error('env-value-from', `${path}.key`, 'Required value', `name the key of the ${kind} to read`);
    return;
  }
  const problem = key.length > 253 ? 'must be no more than 253 characters'
    : !CONFIG_KEY.test(key) ? "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name')"
      : key === '.' ? "must not be '.'" : key === '..' ? "must not be '..'" : key.startsWith('..') ? "must not start with '..'" : undefined;
  if (problem) ctx.error('env-value-from', `${path}.key`, `Invalid value: ${JSON.stringify(key)}: ${problem}`, `use the key as it is in the ${kind}`);
}

function checkObjectName(ctx: PodContext, name: unknown, path: string, rule: string, kind: string): void {
  if (name === undefined || name === null || name === '') {
    ctx.error(rule, path, 'Required value', `name the ${kind}`);
    return;
  }
  const problem = typeof name === 'string' ? dnsSubdomainProblem(name) : 'must be a string';
  if (problem) ctx.error(rule, path, `Invalid value: ${typeof name === 'string' ? JSON.stringify(name) : text(name)}: ${problem}`, `use the ${kind}'s name (lower case letters, digits, "-" and ".")`);
}
