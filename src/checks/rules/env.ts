import { list, obj, Plain, text } from '../_plain';
import { quote } from '../_quote';
import { configKeyProblem, dnsSubdomainProblem } from '../formats';
import { ContainerAt, PodContext } from '../pod-context';
import { checkFieldRef, checkResourceFieldRef } from './env-selectors';

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MESSAGE = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
  + 'and must not start with a digit';
/** From 1.32 (RelaxedEnvironmentVariableValidation, beta and on by default; GA in 1.34) any printable ASCII but '='. */
const RELAXED_ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;
const RELAXED_ENV_NAME_MESSAGE = "a valid environment variable name must consist only of printable ASCII characters other than '='";
const RELAXED_FROM_MINOR = 32;
const ENV_FILES_MINOR = 35;

function envNameProblem(ctx: PodContext, name: string): string | undefined {
  if (ctx.kubernetesMinor >= RELAXED_FROM_MINOR) return RELAXED_ENV_NAME.test(name) ? undefined : RELAXED_ENV_NAME_MESSAGE;
  return ENV_NAME.test(name) ? undefined : ENV_NAME_MESSAGE;
}

/** Environment: variable names, `valueFrom` sources and their key references, and `envFrom` (API server `ValidateEnv`, `ValidateEnvFrom`). */
export function checkEnv(ctx: PodContext, c: ContainerAt): void {
  checkDuplicateEnv(ctx, c);
  list(c.container.env).forEach((value, k) => {
    const env = obj(value);
    if (!env) return;
    const path = `${c.path}.env[${k}]`;
    const name = env.name;
    if (typeof name !== 'string' || name === '') {
      ctx.error('env-name', `${path}.name`, 'Required value', 'name the variable');
    } else {
      const problem = envNameProblem(ctx, name);
      if (problem) {
        ctx.error('env-name', `${path}.name`, `Invalid value: ${quote(name)}: ${problem}`, 'rename the variable, e.g. "LOG_LEVEL"');
      }
    }
    const from = obj(env.valueFrom);
    if (from) {
      if (typeof env.value === 'string' && env.value !== '') {
        ctx.error('env-value-from', `${path}.valueFrom`, 'Invalid value: "": may not be specified when `value` is not empty',
          'keep either value or valueFrom');
      }
      // fileKeyRef (EnvFiles) is a source from 1.35, where its gate is on by default (kube_features.go).
      const envFiles = ctx.kubernetesMinor >= ENV_FILES_MINOR;
      const names = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', ...(envFiles ? ['fileKeyRef'] : [])];
      const sources = names.filter((s) => from[s] !== undefined && from[s] !== null);
      if (sources.length !== 1) {
        const last = envFiles ? ', `secretKeyRef` or `fileKeyRef`' : ' or `secretKeyRef`';
        ctx.error('env-value-from', `${path}.valueFrom`, sources.length === 0
          ? `Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\`${last}`
          : 'Invalid value: "": may not have more than one field specified at a time', 'give exactly one source');
      }
      const fieldRef = obj(from.fieldRef);
      const resourceFieldRef = obj(from.resourceFieldRef);
      if (fieldRef) checkFieldRef(ctx, fieldRef, `${path}.valueFrom.fieldRef`);
      if (resourceFieldRef) checkResourceFieldRef(ctx, resourceFieldRef, `${path}.valueFrom.resourceFieldRef`);
      for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
        const selector = obj(from[ref]);
        if (selector) checkKeySelector(ctx, selector, `${path}.valueFrom.${ref}`, ref === 'configMapKeyRef' ? 'ConfigMap' : 'Secret');
      }
      const fileKeyRef = obj(from.fileKeyRef);
      if (fileKeyRef && envFiles) checkFileKeyRef(ctx, fileKeyRef, `${path}.valueFrom.fileKeyRef`);
    }
  });
  list(c.container.envFrom).forEach((value, k) => {
    const source = obj(value);
    if (!source) return;
    const path = `${c.path}.envFrom[${k}]`;
    const prefix = source.prefix;
    const prefixProblem = typeof prefix === 'string' ? envNameProblem(ctx, prefix) : 'must be a string';
    if (prefix !== undefined && prefix !== null && prefix !== '' && prefixProblem) {
      ctx.error('env-from', `${path}.prefix`, `Invalid value: ${quote(prefix)}: ${prefixProblem}`,
        'use a prefix that is a valid variable name, e.g. "DB_"');
    }
    const refs = (['configMapRef', 'secretRef'] as const).filter((r) => source[r] !== undefined && source[r] !== null);
    if (refs.length !== 1) {
      ctx.error('env-from', path, refs.length === 0
        ? 'Invalid value: "": must specify one of: `configMapRef` or `secretRef`'
        : 'Invalid value: "": may not have more than one field specified at a time', 'give exactly one of configMapRef or secretRef');
    }
    // envFrom names are checked as name prefixes (ValidateConfigMapName(name, true)): one trailing "-" is allowed.
    for (const ref of refs) {
      checkObjectName(ctx, obj(source[ref])?.name, `${path}.${ref}.name`, 'env-from', ref === 'configMapRef' ? 'ConfigMap' : 'Secret', true);
    }
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
  const problem = configKeyProblem(key);
  if (problem) ctx.error('env-value-from', `${path}.key`, `Invalid value: ${quote(key)}: ${problem}`, `use the key as it is in the ${kind}`);
}

function checkObjectName(ctx: PodContext, name: unknown, path: string, rule: string, kind: string, asPrefix = false): void {
  if (name === undefined || name === null || name === '') {
    ctx.error(rule, path, 'Required value', `name the ${kind}`);
    return;
  }
  const checked = asPrefix && typeof name === 'string' ? name.replace(/-$/, 'a') : name;
  const problem = typeof checked === 'string' ? dnsSubdomainProblem(checked) : 'must be a string';
  if (problem) {
    ctx.error(rule, path, `Invalid value: ${typeof name === 'string' ? quote(name) : text(name)}: ${problem}`,
      `use the ${kind}'s name (lower case letters, digits, "-" and ".")`);
  }
}

/**
 * The same variable twice in one container: the last wins in the container, the API server warns that an
 * apply may drop one, and server-side apply refuses the object ("duplicate entries for key"). As
 * pkg/api/pod/warnings.go: a later definition is fine only when it builds on the earlier one ("$(X):more").
 */
function checkDuplicateEnv(ctx: PodContext, c: ContainerAt): void {
  const seen = new Set<string>();
  list(c.container.env).forEach((value, k) => {
    const env = obj(value);
    const name = env?.name;
    if (typeof name !== 'string') return;
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    const ref = `$(${name})`;
    const text = typeof env?.value === 'string' ? env.value : '';
    const hides = (env?.valueFrom !== undefined && env.valueFrom !== null) || text === ref || !text.includes(ref);
    if (hides) {
      ctx.warn('env-duplicate', `${c.path}.env[${k}]`, `hides previous definition of ${quote(name)}, which may be dropped when using apply`,
        `keep one definition of ${name} in container "${c.name}" (kubectl apply --server-side refuses the duplicate)`);
    }
  });
}

/**
 * `fileKeyRef` (KEP-3721, EnvFiles): a variable read from an env file in one of the pod's volumes, which
 * must exist and be an emptyDir (the KEP's table: the API server refuses both), at a relative path without
 * "..", with a key.
 */
function checkFileKeyRef(ctx: PodContext, ref: Plain, path: string): void {
  const volumeName = ref.volumeName;
  const volume = list(ctx.spec.volumes).map(obj).find((v) => v?.name === volumeName);
  if (typeof volumeName !== 'string' || volumeName === '') {
    ctx.error('env-value-from', `${path}.volumeName`, 'Required value', 'name the emptyDir volume that holds the env file');
  } else if (!volume) {
    ctx.error('env-value-from', `${path}.volumeName`, `Not found: ${quote(volumeName)}: the pod has no such volume`,
      'declare an emptyDir volume of that name, which an init container fills with the env file');
  } else if (volume.emptyDir === undefined || volume.emptyDir === null) {
    ctx.error('env-value-from', `${path}.volumeName`, `Invalid value: ${quote(volumeName)}: must be an emptyDir volume`,
      'put the env file in an emptyDir volume, written by an init container');
  }
  const file = ref.path;
  if (typeof file !== 'string' || file === '') {
    ctx.error('env-value-from', `${path}.path`, 'Required value', 'give the env file\'s path inside the volume');
  } else if (file.startsWith('/') || file.split('/').includes('..')) {
    ctx.error('env-value-from', `${path}.path`, `Invalid value: ${quote(file)}: must be a relative path without ".."`,
      'use a path inside the volume, e.g. "config.env"');
  }
  if (typeof ref.key !== 'string' || ref.key === '') {
    ctx.error('env-value-from', `${path}.key`, 'Required value', 'name the variable of the env file to read');
  }
}
