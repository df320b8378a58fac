import { list, obj, text } from '../_plain';
import { quote } from '../_quote';
import { ContainerAt, PodContext } from '../pod-context';

const RESOURCES = ['cpu', 'memory'];
const POLICIES = ['NotRequired', 'RestartContainer'];
/** In-place pod resize (KEP-1287) is beta and on by default from 1.33; before, the gate is off and the field is dropped. */
export const RESIZE_ON_BY_DEFAULT_MINOR = 33;

/**
 * `resizePolicy` (API server `validateResizePolicy`, and `validateInitContainers` for init containers). Before
 * 1.33 the InPlacePodVerticalScaling gate is off by default and the API server drops the field rather than
 * rejecting it, so problems are warnings there.
 */
export function checkResizePolicy(ctx: PodContext, c: ContainerAt): void {
  const policies = c.container.resizePolicy;
  if (!Array.isArray(policies) || policies.length === 0 || c.list === 'ephemeralContainers') return;
  const enforced = ctx.kubernetesMinor >= RESIZE_ON_BY_DEFAULT_MINOR;
  const note = enforced
    ? ''
    : ` (where the InPlacePodVerticalScaling feature gate is on; it is off by default before 1.${RESIZE_ON_BY_DEFAULT_MINOR}, `
      + 'and the API server then drops resizePolicy)';
  const report = (path: string, message: string, fix: string) =>
    ctx.report('resize-policy', enforced ? 'error' : 'warning', path, `${message}${note}`, fix);
  const path = `${c.path}.resizePolicy`;
  // Before 1.33 no init container may have one. From 1.33 validateInitContainers takes it on any init container
  // (`!opts.AllowSidecarResizePolicy`, on with the gate; validation_test.go TestValidateInitContainers,
  // "container-4-allowed-resize-policy"), though only native sidecars are ever resized.
  const plainInit = c.list === 'initContainers' && !c.restartable;
  if (plainInit && !enforced) {
    report(path, `Invalid value: ${text(policies)}: must not be set for init containers`, 'remove resizePolicy from the init container');
    return;
  }
  const seen = new Set<unknown>();
  list(policies).forEach((value, i) => {
    const policy = obj(value);
    if (!policy) return;
    const at = `${path}[${i}]`;
    const resource = policy.resourceName;
    if (seen.has(resource)) report(at, `Duplicate value: ${quote(resource)}`, 'give each resource one resize policy');
    seen.add(resource);
    if (resource === undefined || resource === null || resource === '') {
      report(`${at}.resourceName`, 'Required value', 'name cpu or memory');
    } else if (!RESOURCES.includes(resource as string)) {
      report(`${at}.resourceName`, `Unsupported value: ${quote(resource)}: supported values: "cpu", "memory"`, 'use cpu or memory');
    }
    const restart = policy.restartPolicy;
    if (restart === undefined || restart === null || restart === '') {
      report(`${at}.restartPolicy`, 'Required value', 'use NotRequired or RestartContainer');
    } else if (!POLICIES.includes(restart as string)) {
      report(`${at}.restartPolicy`, `Unsupported value: ${quote(restart)}: supported values: "NotRequired", "RestartContainer"`,
        'use NotRequired or RestartContainer');
    } else if (restart === 'RestartContainer' && plainInit) {
      restartOnPlainInitContainer(ctx, `${at}.restartPolicy`);
    } else if (restart === 'RestartContainer' && ctx.spec.restartPolicy === 'Never' && c.list === 'containers') {
      // validateResizePolicy: a pod that never restarts its containers cannot restart one to resize it
      // (validation_test.go TestValidateResizePolicy, InvalidCPUPolicyWithPodRestartPolicy).
      report(`${at}.restartPolicy`, `Invalid value: ${quote(restart)}: must be 'NotRequired' when \`restartPolicy\` is 'Never'`,
        'use NotRequired, or another pod restartPolicy');
    }
  });
}

/**
 * kubernetes/kubernetes#137458 (merged 2026-03-17, ratcheted) refuses RestartContainer on an init container that
 * is not a sidecar: such a container is never resized, so the policy means nothing. Whether 1.36 or 1.37 was the
 * first release with it was not read here: an error from 1.37, a warning before.
 */
const RESTART_ON_PLAIN_INIT_REFUSED_FROM = 37;

function restartOnPlainInitContainer(ctx: PodContext, path: string): void {
  const refused = ctx.kubernetesMinor >= RESTART_ON_PLAIN_INIT_REFUSED_FROM;
  ctx.report('resize-policy', refused ? 'error' : 'warning', path, refused
    ? 'Forbidden: "RestartContainer" is not supported for init containers without restartPolicy=Always (they are never resized)'
    : 'an init container that is not a sidecar is never resized, so "RestartContainer" does nothing; '
      + `Kubernetes refuses it from 1.36 or 1.${RESTART_ON_PLAIN_INIT_REFUSED_FROM}`,
  'use NotRequired, or remove resizePolicy from the init container');
}
