import { list, num, obj, Plain, text } from '../_plain';
import { quote } from '../_quote';
import { integerProblem, portNameProblem, portNumberProblem } from '../formats';
import { ContainerAt, PodContext } from '../pod-context';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;
/** `LifecycleHandler` has no grpc; `sleep` exists from 1.29 (alpha, off) and is on by default from 1.30. */
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const SLEEP_MIN_MINOR = 30;
/** KEP-4818 (beta, on by default from 1.33) lets a sleep action last 0 seconds. */
const SLEEP_ZERO_MIN_MINOR = 33;
const INIT_FORBIDDEN = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const NON_NEGATIVE = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];
const HTTP_SCHEMES = ['HTTP', 'HTTPS'];

/** JSON null decodes as "not set" (a nil pointer or a zero value): the API server sees no field. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Probes and lifecycle hooks (API server `validateProbe`, `validateLifecycle`, `validateHandler`), and what init containers may not carry. */
export function checkProbesAndHooks(ctx: PodContext, c: ContainerAt): void {
  if (c.list === 'initContainers' && !c.restartable) {
    for (const field of INIT_FORBIDDEN) {
      if (present(c.container[field])) {
        ctx.error('init-container-fields', `${c.path}.${field}`,
          ctx.kubernetesMinor >= 28
            ? 'Forbidden: may not be set for init containers without restartPolicy=Always'
            : 'Forbidden: may not be set for init containers',
          'remove it: an init container runs to completion and is not probed');
      }
    }
    return;
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const spec = obj(c.container[probe]);
    if (spec) {
      checkProbe(ctx, spec, `${c.path}.${probe}`, probe);
      checkNamedPorts(ctx, c, spec, `${c.path}.${probe}`);
    }
  }
  const lifecycle = obj(c.container.lifecycle);
  for (const hook of ['postStart', 'preStop'] as const) {
    const spec = obj(lifecycle?.[hook]);
    if (spec) {
      checkLifecycleHandler(ctx, spec, `${c.path}.lifecycle.${hook}`);
      checkNamedPorts(ctx, c, spec, `${c.path}.lifecycle.${hook}`);
    }
  }
}

/**
 * A port given by name must be one the container declares: the API server takes any valid name, but the
 * kubelet resolves it in the container's own ports (pkg/kubelet/prober/prober.go `extractPort`,
 * pkg/kubelet/lifecycle/handlers.go `resolvePort`, both `findPortByName`), and an unknown name fails the
 * probe or hook every time: the container never becomes ready, or is restarted for ever.
 */
function checkNamedPorts(ctx: PodContext, c: ContainerAt, spec: Plain, path: string): void {
  for (const action of ['httpGet', 'tcpSocket'] as const) {
    const port = obj(spec[action])?.port;
    if (typeof port !== 'string' || portNameProblem(port) !== undefined) continue;
    const names = list(c.container.ports).map((p) => obj(p)?.name).filter((n): n is string => typeof n === 'string');
    if (names.includes(port)) {
      checkProtocolOfNamedPort(ctx, c, port, `${path}.${action}.port`);
      continue;
    }
    ctx.error('probe-port-unknown', `${path}.${action}.port`,
      `container "${c.name}" has no port named ${quote(port)}`
        + `${names.length ? ` (its ports: ${names.map((n) => quote(n)).join(', ')})` : ' (it names no port)'}: `
        + 'the kubelet cannot resolve it, so every probe or hook call fails',
      `name the port in the container (ports: [{ name: ${quote(port)}, containerPort: ... }]) or give the number`);
  }
}

/**
 * findPortByName matches the name alone: an httpGet or tcpSocket call on a port the container declares as
 * UDP or SCTP still opens a TCP connection to its number, which a server listening only on that protocol
 * refuses (kube-linter's port fixtures have such probes). A warning: the app may listen on TCP there too.
 */
function checkProtocolOfNamedPort(ctx: PodContext, c: ContainerAt, name: string, path: string): void {
  const declared = list(c.container.ports).map(obj).find((p) => p?.name === name);
  const protocol = declared?.protocol;
  if (protocol !== 'UDP' && protocol !== 'SCTP') return;
  ctx.warn('probe-port-protocol', path,
    `port ${quote(name)} of container "${c.name}" is declared ${protocol}, but the kubelet calls it over TCP (to ${text(declared?.containerPort)}): `
      + `unless the container also listens on TCP there, every call fails`,
    'point the probe or hook at a TCP port of the container, or use an exec probe for a UDP server');
}

function checkProbe(ctx: PodContext, spec: Plain, path: string, probe: 'livenessProbe' | 'readinessProbe' | 'startupProbe'): void {
  checkHandlerCount(ctx, spec, path, 'probe', PROBE_HANDLERS);
  checkActions(ctx, spec, path, 'probe');
  // 0 is defaulted to 1 before validation, so only other values fail.
  const success = spec.successThreshold;
  if (probe !== 'readinessProbe' && success !== undefined && success !== 0 && success !== 1) {
    ctx.error('probe', `${path}.successThreshold`, `Invalid value: ${quote(success)}: must be 1`,
      'liveness and startup probes need successThreshold 1');
  }
  const grace = spec.terminationGracePeriodSeconds;
  if (probe === 'readinessProbe' && present(grace)) {
    ctx.error('probe', `${path}.terminationGracePeriodSeconds`,
      `Invalid value: ${quote(grace)}: must not be set for readinessProbes`, 'remove it');
  } else if (present(grace) && integerProblem(grace, 1)) {
    ctx.error('probe', `${path}.terminationGracePeriodSeconds`, `Invalid value: ${quote(grace)}: ${integerProblem(grace, 1)}`,
      'give a positive whole number of seconds, or remove it to use the pod\'s');
  }
  // periodSeconds 0 (like timeoutSeconds 0) is defaulted (to 10 and 1) before validation: only negatives fail.
  for (const field of NON_NEGATIVE) {
    const value = spec[field];
    const problem = present(value) ? integerProblem(value, 0) : undefined;
    if (problem) {
      ctx.error('probe', `${path}.${field}`, `Invalid value: ${quote(value)}: ${problem}`, 'use a non-negative whole number');
    }
  }
}

function checkLifecycleHandler(ctx: PodContext, spec: Plain, path: string): void {
  if (present(spec.grpc)) {
    // Not a field of LifecycleHandler: the API server drops it (or refuses it under strict field validation).
    ctx.error('lifecycle', `${path}.grpc`, 'Forbidden: lifecycle hooks have no grpc action (only probes do); the API server drops the field',
      'use exec, httpGet or tcpSocket in the hook');
  }
  const sleep = spec.sleep;
  const sleepAllowed = ctx.kubernetesMinor >= SLEEP_MIN_MINOR;
  if (present(sleep) && !sleepAllowed) {
    ctx.error('lifecycle', `${path}.sleep`,
      `Forbidden: the sleep action of lifecycle hooks needs Kubernetes 1.${SLEEP_MIN_MINOR} or later (KEP-3960, on by default from 1.30), `
        + `but this pod targets 1.${ctx.kubernetesMinor}: the API server drops the field`,
      `target Kubernetes 1.${SLEEP_MIN_MINOR}+ (kubernetesMinor: ${SLEEP_MIN_MINOR}), or use exec with ["sleep", "<seconds>"]`);
  }
  const handlers = LIFECYCLE_HANDLERS.filter((h) => h !== 'sleep' || sleepAllowed);
  // A dropped grpc or sleep leaves the hook without a handler only if nothing else is there: say so once, above.
  const dropped = present(spec.grpc) || (!sleepAllowed && present(sleep));
  if (!dropped || handlers.some((h) => present(spec[h]))) checkHandlerCount(ctx, spec, path, 'lifecycle', handlers);
  checkActions(ctx, spec, path, 'lifecycle');
  const seconds = obj(sleep)?.seconds;
  if (sleepAllowed && obj(sleep)) {
    const grace = num(ctx.spec.terminationGracePeriodSeconds) ?? 30;
    const min = ctx.kubernetesMinor >= SLEEP_ZERO_MIN_MINOR ? 0 : 1;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < min || seconds > grace) {
      ctx.error('lifecycle', `${path}.sleep.seconds`,
        `Invalid value: ${quote(seconds ?? 0)}: must be ${min === 0 ? 'at least 0' : 'greater than 0'} `
          + `and less than terminationGracePeriodSeconds (${grace})`,
        `sleep between ${min} and ${grace} seconds`);
    }
  }
}

function checkHandlerCount(ctx: PodContext, spec: Plain, path: string, rule: string, allowed: string[]): void {
  const handlers = allowed.filter((h) => present(spec[h]));
  if (handlers.length === 0) ctx.error(rule, path, 'Required value: must specify a handler type', `give one of ${allowed.join(', ')}`);
  if (handlers.length > 1) ctx.error(rule, path, 'Forbidden: may not specify more than 1 handler type', `keep one of ${handlers.join(', ')}`);
}

/** The ports and schemes of httpGet, tcpSocket and grpc actions. */
function checkActions(ctx: PodContext, spec: Plain, path: string, rule: string): void {
  for (const action of ['httpGet', 'tcpSocket'] as const) {
    const handler = obj(spec[action]);
    if (handler) checkPortNumOrName(ctx, handler.port, `${path}.${action}.port`, rule);
  }
  // validateExecAction: an exec action needs a command (probes and hooks alike).
  const exec = obj(spec.exec);
  if (exec && list(exec.command).length === 0) {
    ctx.error(rule, `${path}.exec.command`, 'Required value', 'give the command to run, e.g. ["cat", "/tmp/healthy"]');
  }
  const httpGet = obj(spec.httpGet);
  // validateHTTPHeaderName: the API server reports the list, not the header (validation_test.go TestValidateHandler: "Host:", "X_Forwarded_For").
  const badHeader = list(httpGet?.httpHeaders).map((h) => obj(h)?.name).find((name) => typeof name !== 'string' || !HTTP_HEADER_NAME.test(name));
  if (httpGet && badHeader !== undefined) {
    ctx.error(rule, `${path}.httpGet.httpHeaders`,
      `Invalid value: ${quote(badHeader)}: a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name')`,
      'name the header with letters, digits and "-" only');
  }
  const scheme = httpGet?.scheme;
  if (scheme !== undefined && !HTTP_SCHEMES.includes(scheme as string)) {
    ctx.error(rule, `${path}.httpGet.scheme`, `Unsupported value: ${quote(scheme)}: supported values: "HTTP", "HTTPS"`, 'use HTTP or HTTPS');
  }
  const grpc = obj(spec.grpc);
  if (grpc && portNumberProblem(grpc.port)) {
    ctx.error(rule, `${path}.grpc.port`, `Invalid value: ${quote(grpc.port ?? 0)}: must be between 1 and 65535, inclusive`,
      'give the port number of the gRPC health service (a name is not allowed here)');
  }
}

/** `intstr` ports: a number 1-65535, or a string that is an IANA service name (the name of a container port). */
function checkPortNumOrName(ctx: PodContext, port: unknown, path: string, rule: string): void {
  // A missing port is the integer 0 to the API server.
  const problem = typeof port === 'string' ? portNameProblem(port) : portNumberProblem(port ?? 0);
  if (problem) {
    ctx.error(rule, path, `Invalid value: ${quote(port ?? 0)}: ${problem}`,
      typeof port === 'string'
        ? 'use a port number, or the name of one of the container\'s ports (e.g. "http")'
        : 'use a port from 1 to 65535, or a port name');
  }
}
