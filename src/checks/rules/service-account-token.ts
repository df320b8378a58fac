import { list, obj, str } from '../_plain';
import { trimTrailing } from '../_trim';
import { ContainerAt, PodContext } from '../pod-context';

/** Where the kubelet mounts the service-account token, namespace and CA (`/var/run` is `/run` on most images). */
const TOKEN_DIRECTORY = /(^|[^\w/.-])(\/var)?\/run\/secrets\/kubernetes\.io\/serviceaccount(?![\w.-])/;
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * A pod with `automountServiceAccountToken: false` (cdk8s-plus's default) gets nothing mounted at
 * `/var/run/secrets/kubernetes.io/serviceaccount`. A container whose command, arguments or probe and hook
 * commands read from there then finds no files: the Kubernetes docs' init containers that wait on
 * `.../serviceaccount/namespace` loop for ever, and the pod stays in Init. A warning, not an error: the path
 * can be mounted another way (a projected volume of the container's own, or an admission webhook).
 */
export function checkServiceAccountToken(ctx: PodContext): void {
  if (ctx.spec.automountServiceAccountToken !== false) return;
  for (const c of ctx.containers) {
    const field = fieldReadingTokenDirectory(c);
    if (field === undefined || mountsTokenDirectory(c)) continue;
    ctx.warn('service-account-token-not-mounted', `${c.path}.${field}`,
      `container "${c.name}" reads ${TOKEN_PATH} in its ${field.replace(/\[\d+\]$/, '')}, but the pod sets `
        + 'automountServiceAccountToken: false, so nothing is mounted there and the files it expects are missing',
      'set automountServiceAccountToken: true on the pod (cdk8s-plus: automountServiceAccountToken: true), '
        + `or mount a projected serviceAccountToken volume at ${TOKEN_PATH} in this container`);
  }
}

/** The first field of a container whose strings name the token directory, as a path below the container. */
function fieldReadingTokenDirectory(c: ContainerAt): string | undefined {
  for (const field of ['command', 'args'] as const) {
    const index = list(c.container[field]).findIndex((s) => typeof s === 'string' && TOKEN_DIRECTORY.test(s));
    if (index >= 0) return `${field}[${index}]`;
  }
  // Field by field, without a list of them: this runs for every container of every pod.
  const lifecycle = obj(c.container.lifecycle);
  return handlerReading('livenessProbe', c.container.livenessProbe) ?? handlerReading('readinessProbe', c.container.readinessProbe)
    ?? handlerReading('startupProbe', c.container.startupProbe)
    ?? handlerReading('lifecycle.postStart', lifecycle?.postStart) ?? handlerReading('lifecycle.preStop', lifecycle?.preStop);
}

/** `field.exec.command[i]` when an exec handler's command names the token directory. */
function handlerReading(field: string, handler: unknown): string | undefined {
  if (handler === undefined) return undefined;
  const command = list(obj(obj(handler)?.exec)?.command);
  const index = command.findIndex((s) => typeof s === 'string' && TOKEN_DIRECTORY.test(s));
  return index >= 0 ? `${field}.exec.command[${index}]` : undefined;
}

/** A volume of the container's own at the token directory, or above or below it. */
function mountsTokenDirectory(c: ContainerAt): boolean {
  return list(c.container.volumeMounts).some((m) => {
    const mountPath = str(obj(m)?.mountPath);
    const path = mountPath === undefined ? undefined : trimTrailing(mountPath, '/').replace(/^\/run\//, '/var/run/');
    return path !== undefined && path !== '' && (TOKEN_PATH.startsWith(`${path}/`) || path === TOKEN_PATH || path.startsWith(`${TOKEN_PATH}/`));
  });
}
