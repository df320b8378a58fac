import { Plain, str } from '../_plain';
import { quote } from '../_quote';
import { qualifiedNameProblem } from '../formats';
import { PodContext } from '../pod-context';
import { parseQuantityNanos } from '../quantity';

/**
 * The downward API in environment variables, as the API server validates it on create
 * (validation.go validateObjectFieldSelector with the env field set, validateContainerResourceFieldSelector).
 * Cases after validation_test.go TestValidateEnv, TestHugePagesEnv and TestLocalStorageEnvWithFeatureGate.
 */
const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
/** Paths the downward API converter knows but env refuses (labels and annotations need a subscript). */
const CONVERTIBLE_PATHS = [
  ...ENV_FIELD_PATHS, 'metadata.labels', 'metadata.annotations', 'status.phase', 'spec.restartPolicy', 'spec.schedulerName', 'spec.host',
];
const ENV_RESOURCES = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const SUBSCRIPT = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/;

export function checkFieldRef(ctx: PodContext, ref: Plain, path: string): void {
  const apiVersion = ref.apiVersion ?? 'v1'; // defaulted to v1 before validation
  if (apiVersion === '') return void ctx.error('env-value-from', `${path}.apiVersion`, 'Required value', 'set apiVersion: v1, or remove it');
  const fieldPath = str(ref.fieldPath) ?? '';
  if (fieldPath === '') return void ctx.error('env-value-from', `${path}.fieldPath`, 'Required value', 'give a field, e.g. "metadata.name"');
  const subscript = SUBSCRIPT.exec(fieldPath);
  const converting = (detail: string) => ctx.error('env-value-from', `${path}.fieldPath`,
    `Invalid value: ${quote(fieldPath)}: error converting fieldPath: ${detail}`,
    `use one of ${ENV_FIELD_PATHS.join(', ')}, or metadata.labels['<key>']`);
  if (apiVersion !== 'v1') return void converting(`unsupported pod version: ${String(apiVersion)}`);
  if (subscript) {
    // Annotation keys are lower-cased before the check; label keys are checked as given. The error is at .fieldRef.
    const key = subscript[1] === 'metadata.annotations' ? subscript[2].toLowerCase() : subscript[2];
    const problem = qualifiedNameProblem(key);
    if (problem) ctx.error('env-value-from', path, `Invalid value: ${quote(subscript[2])}: ${problem}`, 'use a valid label or annotation key');
    return;
  }
  const bracket = fieldPath.indexOf('[');
  if (bracket >= 0) return void converting(`field label does not support subscript: ${fieldPath.slice(0, bracket)}`);
  if (!CONVERTIBLE_PATHS.includes(fieldPath)) return void converting(`field label not supported: ${fieldPath}`);
  if (!ENV_FIELD_PATHS.includes(fieldPath) && fieldPath !== 'spec.host') {
    ctx.error('env-value-from', `${path}.fieldPath`,
      `Unsupported value: ${quote(fieldPath)}: supported values: ${ENV_FIELD_PATHS.map((p) => `"${p}"`).join(', ')}`,
      fieldPath.startsWith('metadata.')
        ? `use a subscript, e.g. ${fieldPath}['app'], or a downwardAPI volume for all of them`
        : 'use one of the supported fields');
  }
}

const CPU_DIVISORS = ['1m', '1'];
const SIZE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

export function checkResourceFieldRef(ctx: PodContext, ref: Plain, path: string): void {
  const resource = str(ref.resource) ?? '';
  if (resource === '') return void ctx.error('env-value-from', `${path}.resource`, 'Required value', 'name a resource, e.g. "limits.memory"');
  const hugepages = /^(?:requests|limits)\.hugepages-/.test(resource);
  if (!ENV_RESOURCES.includes(resource) && !hugepages) {
    return void ctx.error('env-value-from', `${path}.resource`,
      `Unsupported value: ${quote(resource)}: supported values: ${ENV_RESOURCES.map((r) => `"${r}"`).join(', ')}`, 'use one of them');
  }
  const divisor = ref.divisor;
  if (divisor === undefined || divisor === null || parseQuantityNanos(divisor) === 0n) return;
  const cpu = resource.endsWith('.cpu');
  const allowed = cpu ? CPU_DIVISORS : SIZE_DIVISORS;
  const nanos = parseQuantityNanos(divisor);
  if (nanos === undefined || !allowed.some((d) => parseQuantityNanos(d) === nanos)) {
    const kind = cpu ? 'cpu' : resource.endsWith('.memory') ? 'memory' : hugepages ? 'hugepages' : 'local ephemeral storage';
    // The API server shows the resource, not the divisor, as the bad value.
    ctx.error('env-value-from', `${path}.divisor`,
      `Invalid value: ${quote(resource)}: only divisor's values ${allowed.join(', ')} are supported with the ${kind} resource`,
      `use a divisor of ${allowed.join(', ')}`);
  }
}
