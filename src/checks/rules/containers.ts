import { defaultedString, list, obj, str } from '../_plain';
import { quote } from '../_quote';
import { imageTagProblem, parseImageReference } from '../image-reference';
import { knownImageUser } from '../image-users';
import { ContainerAt, PodContext } from '../pod-context';
import { checkEnv } from './env';
import { checkProbesAndHooks } from './probes';
import { checkResizePolicy } from './resize-policy';
import { checkResources } from './resources';
import { runsToCompletion } from './run-to-completion';
import { checkContainerSecurityContext, checkSecurityContextRanges } from './security-context';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const CONTAINER_RESTART_RULES_MINOR = 35;
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** Per-container rules: image, policies, environment, resources, probes, hooks, and what init containers may not carry. */
export function checkContainers(ctx: PodContext): void {
  for (const c of ctx.containers) {
    checkImage(ctx, c);
    checkEnum(ctx, c, 'imagePullPolicy', PULL_POLICIES);
    checkEnum(ctx, c, 'terminationMessagePolicy', TERMINATION_MESSAGE_POLICIES);
    checkEnv(ctx, c);
    checkResources(ctx, c);
    checkRestartPolicy(ctx, c);
    checkRestartPolicyRules(ctx, c);
    checkProbesAndHooks(ctx, c);
    checkResizePolicy(ctx, c);
    checkSecurityContextRanges(ctx, obj(c.container.securityContext), `${c.path}.securityContext`);
    checkContainerSecurityContext(ctx, obj(c.container.securityContext), `${c.path}.securityContext`);
    checkNonRootUser(ctx, c);
  }
}

/**
 * runAsNonRoot without a runAsUser passes the API server and every policy, then the kubelet checks the
 * image: it starts the container only if the image's USER is a numeric, non-zero uid. Most images
 * run as root, so the pod sits in CreateContainerConfigError. Windows containers have no uids.
 */
function checkNonRootUser(ctx: PodContext, c: ContainerAt): void {
  const podSc = obj(ctx.spec.securityContext);
  const sc = obj(c.container.securityContext);
  if ((sc?.runAsNonRoot ?? podSc?.runAsNonRoot) !== true) return;
  if ((sc?.runAsUser ?? podSc?.runAsUser) !== undefined && (sc?.runAsUser ?? podSc?.runAsUser) !== null) return;
  if (obj(ctx.spec.os)?.name === 'windows' || podSc?.windowsOptions !== undefined || sc?.windowsOptions !== undefined) return;
  const fix = "set securityContext.runAsUser (cdk8s-plus: securityContext.user) to a non-zero uid the image can run as, e.g. 1000, "
    + 'use an image built to run as a numeric non-root user, or opt the container out of non-root (RootImage.containerSecurityContext())';
  const image = typeof c.container.image === 'string' ? c.container.image : undefined;
  const known = image === undefined ? undefined : knownImageUser(image);
  if (known) {
    ctx.error('run-as-non-root-image-user', `${c.path}.securityContext.runAsUser`,
      `container "${c.name}" has runAsNonRoot but no runAsUser (on the container or the pod), and ${quote(image)} `
        + (known.kind === 'root'
          ? 'runs as root: the kubelet refuses to start it (CreateContainerConfigError "container has runAsNonRoot and image will run as root")'
          : `runs as the named user ${quote(known.user)}: the kubelet refuses to start it (CreateContainerConfigError `
            + `"container has runAsNonRoot and image has non-numeric user (${known.user}), cannot verify user is non-root")`),
      fix);
    return;
  }
  ctx.warn('run-as-non-root-without-user', `${c.path}.securityContext.runAsUser`,
    `container "${c.name}" has runAsNonRoot but no runAsUser (on the container or the pod): `
      + 'the kubelet starts it only if the image\'s USER is a numeric, non-zero uid; '
      + 'an image that runs as root fails with CreateContainerConfigError "container has runAsNonRoot and image will run as root", '
      + 'and one with a named USER fails with "image has non-numeric user"',
    fix);
}

function checkImage(ctx: PodContext, c: ContainerAt): void {
  const image = c.container.image;
  if (typeof image !== 'string' || image.trim() === '') {
    ctx.error('image', `${c.path}.image`, 'Required value', 'name the image, pinned to a version (e.g. "nginx:1.25.3")');
  } else if (image !== image.trim()) {
    ctx.error('image', `${c.path}.image`, `Invalid value: ${quote(image)}: must not have leading or trailing whitespace`,
      'remove the whitespace');
  } else {
    checkImageTag(ctx, c, image);
  }
}

/**
 * One rule for every container, app and sidecar alike: an unpinned image is a warning, and an error where
 * the user chose to require pinned images (no Kubernetes component refuses one: it is a policy).
 */
function checkImageTag(ctx: PodContext, c: ContainerAt, image: string): void {
  const problem = imageTagProblem(image);
  if (problem === undefined) return;
  const repository = parseImageReference(image).name;
  ctx.report('image-tag', ctx.requirePinnedImages ? 'error' : 'warning', `${c.path}.image`,
    `container "${c.name}": ${problem}${ctx.requirePinnedImages ? ` (pinned images are required by ${ctx.pinnedImagesSource})` : ''}`,
    `pin a version tag (e.g. "${repository}:1.2.3") or a digest ("${repository}@sha256:...")`);
}

function checkEnum(ctx: PodContext, c: ContainerAt, field: string, allowed: string[]): void {
  const value = c.container[field];
  // Unset, null or "": SetDefaults_Container fills it in.
  if (!defaultedString(value) && !allowed.includes(value as string)) {
    ctx.error(field === 'imagePullPolicy' ? 'image-pull-policy' : 'termination-message-policy', `${c.path}.${field}`,
      `Unsupported value: ${quote(value)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
      `use one of ${allowed.join(', ')}`);
  }
}

/** `restartPolicy` on a container exists from Kubernetes 1.28, only on init containers, only as `Always`. */
function checkRestartPolicy(ctx: PodContext, c: ContainerAt): void {
  const policy = c.container.restartPolicy;
  if (policy === undefined) return;
  const path = `${c.path}.restartPolicy`;
  if (c.list === 'containers' && ctx.kubernetesMinor >= CONTAINER_RESTART_RULES_MINOR) {
    // ContainerRestartRules (alpha 1.34, beta and on by default from 1.35 in kube_features.go): an app
    // container may override the pod's restartPolicy.
    if (!['Always', 'OnFailure', 'Never'].includes(policy as string)) {
      ctx.error('container-restart-policy', path, `Unsupported value: ${quote(policy)}: supported values: "Always", "OnFailure", "Never"`,
        'use Always, OnFailure or Never, or remove it to follow the pod');
    }
    return;
  }
  if (c.list !== 'initContainers') {
    ctx.error('container-restart-policy', path, 'Forbidden: may not be set for non-init containers',
      'remove restartPolicy; only init containers (native sidecars) may set it');
  } else if (policy !== 'Always' && ctx.kubernetesMinor >= CONTAINER_RESTART_RULES_MINOR
    && ['OnFailure', 'Never'].includes(policy as string)) {
    // ContainerRestartRules (KEP-5307, on by default from 1.35): an init container may also say OnFailure
    // or Never, for its restartPolicyRules to retry it on some exit codes.
  } else if (policy !== 'Always') {
    const withRules = ctx.kubernetesMinor >= CONTAINER_RESTART_RULES_MINOR;
    ctx.error('container-restart-policy', path,
      `Unsupported value: ${quote(policy)}: supported values: "Always"${withRules ? ', "OnFailure", "Never"' : ''}`,
      withRules ? 'use Always (a native sidecar), OnFailure or Never, or remove it'
        : 'use "Always" for a native sidecar, or remove it (OnFailure and Never are for Kubernetes 1.35 and later)');
  } else if (ctx.kubernetesMinor < 29) {
    ctx.error('native-sidecar-version', path,
      'native sidecars (init containers with restartPolicy: Always) need Kubernetes 1.29 or later, '
        + `but this pod targets 1.${ctx.kubernetesMinor}: the API server drops the field `
        + 'and the sidecar blocks the pod as an ordinary init container',
      runsToCompletion(ctx.ownerKind, str(ctx.spec.restartPolicy))
        // A classic sidecar would keep a pod that runs to completion from ever completing.
        ? 'target Kubernetes 1.29+ (kubernetesMinor: 29), or, for this pod that runs to completion, a sidecar that exits '
          + 'when the app is done (SidecarMode.shutdownMarker())'
        : 'target Kubernetes 1.29+ (kubernetesMinor: 29), or run the sidecar as a classic app container');
  }
}

/** KEP-5532's action, beta (on by default) from 1.36: restart every container of the pod. */
const RESTART_ALL_CONTAINERS_MINOR = 36;

/**
 * `restartPolicyRules` (KEP-5307, ContainerRestartRules: alpha 1.34, beta 1.35): each rule an action on
 * some exit codes; the container must then name its own restartPolicy. Actions: Restart, and from 1.36
 * RestartAllContainers (KEP-5532); operator In or NotIn over integer exit codes. Before 1.34 the field is
 * unknown (rule unknown-field), at 1.34 dropped (field-needs-newer-kubernetes).
 */
function checkRestartPolicyRules(ctx: PodContext, c: ContainerAt): void {
  const rules = c.container.restartPolicyRules;
  if (rules === undefined || rules === null || ctx.kubernetesMinor < CONTAINER_RESTART_RULES_MINOR) return;
  const path = `${c.path}.restartPolicyRules`;
  if (c.list === 'ephemeralContainers') {
    ctx.error('container-restart-policy', path, 'Forbidden: may not be set for ephemeral containers', 'remove it');
    return;
  }
  if (c.container.restartPolicy === undefined || c.container.restartPolicy === null) {
    ctx.error('container-restart-policy', `${c.path}.restartPolicy`, 'Required value: must be specified when restartPolicyRules are used',
      'give the container its own restartPolicy (e.g. Never), which applies when no rule matches');
  }
  const actions = ['Restart', ...(ctx.kubernetesMinor >= RESTART_ALL_CONTAINERS_MINOR ? ['RestartAllContainers'] : [])];
  list(rules).forEach((value, i) => {
    const entry = obj(value) ?? {};
    const at = `${path}[${i}]`;
    if (!actions.includes(entry.action as string)) {
      ctx.error('container-restart-policy', `${at}.action`,
        `Unsupported value: ${quote(entry.action ?? '')}: supported values: ${actions.map((a) => `"${a}"`).join(', ')}`,
        entry.action === 'RestartAllContainers' ? 'RestartAllContainers needs Kubernetes 1.36 (KEP-5532); use Restart' : 'use Restart');
    }
    const exitCodes = obj(entry.exitCodes);
    if (!exitCodes) {
      ctx.error('container-restart-policy', `${at}.exitCodes`, 'Required value', 'give exitCodes: { operator: In, values: [...] }');
      return;
    }
    if (exitCodes.operator !== 'In' && exitCodes.operator !== 'NotIn') {
      ctx.error('container-restart-policy', `${at}.exitCodes.operator`,
        `Unsupported value: ${quote(exitCodes.operator ?? '')}: supported values: "In", "NotIn"`, 'use In or NotIn');
    }
    list(exitCodes.values).forEach((code, j) => {
      if (typeof code !== 'number' || !Number.isInteger(code)) {
        ctx.error('container-restart-policy', `${at}.exitCodes.values[${j}]`, `Invalid value: ${quote(code)}: must be an integer`,
          'give exit codes as integers');
      }
    });
  });
}
