import { dnsSubdomainProblem } from '../../checks/formats';
import { runsToCompletion } from '../../checks/rules/run-to-completion';
import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import { podSpecFieldPath } from '../../core/pod-spec';
import { assertOwnCdk8sPlus } from '../../core/untyped-input';
import { hostProblem } from '../log-sidecar/_destination-rules';
import { SidecarMode } from '../sidecar-mode';

/**
 * The network sidecars' checks of their input, apart from the construction. All containers of a pod share
 * one network namespace (held by the pod's `pause` container), so a port is one port for the whole pod:
 * the proxy's, the ambassador's and the app's must differ, and the eager `port-conflict` check sees them
 * as soon as a sidecar is added.
 */

function fail(workload: kplus.AbstractPod, rule: string, field: string, problem: string, fix: string): never {
  throw new PodPatternError(workload, { rule, field, problem, fix });
}

/** Returns the port, an integer from 1 to 65535. */
export function checkPort(workload: kplus.AbstractPod, field: string, port: unknown, example: number): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    fail(workload, 'network-sidecar-port', field, `Invalid value ${JSON.stringify(port)}: must be an integer from 1 to 65535`,
      `use a port such as ${example}`);
  }
  return port;
}

/** The ports one sidecar listens on must differ: they are in the pod's one port space. */
export function checkDistinctPorts(workload: kplus.AbstractPod, ports: ReadonlyArray<readonly [string, number]>): void {
  ports.forEach(([field, port], i) => {
    const earlier = ports.slice(0, i).find(([, p]) => p === port);
    if (earlier) {
      fail(workload, 'network-sidecar-port', field, `Duplicate value ${port}: ${earlier[0]} is ${port} too`,
        `give ${field} another port than ${earlier[0]}`);
    }
  });
}

/**
 * nginx in the sidecar runs as a non-root uid with every capability dropped, so the kernel refuses it a
 * port below 1024 (binding one needs CAP_NET_BIND_SERVICE): the container would crash at start.
 */
export function checkUnprivilegedPort(workload: kplus.AbstractPod, field: string, port: number, uid: number): void {
  if (port < 1024) {
    fail(workload, 'proxy-privileged-port', field,
      `Invalid value ${port}: the proxy runs as uid ${uid} without capabilities, and only root (or CAP_NET_BIND_SERVICE) may listen below 1024`,
      'listen on a port from 1024 up (e.g. 8443) and map the public port to it in the Service (ProxySidecar.exposeViaService does: 443 to 8443)');
  }
}

/** The app container the proxy forwards to: given, or the one app container that declares the port. */
export function checkAppContainer(workload: kplus.AbstractPod, given: kplus.Container | undefined, appPort: number,
  sidecars: readonly kplus.Container[]): kplus.Container {
  const apps = workload.containers.filter((c) => !sidecars.includes(c));
  assertOwnCdk8sPlus(workload, 'appContainer', given);
  if (given !== undefined && !apps.includes(given)) {
    fail(workload, 'proxy-app-port', 'appContainer', `container "${given.name}" is not an app container of this workload`,
      'pass a container returned by addContainer, or leave appContainer out');
  }
  const candidates = given ? [given] : apps.filter((c) => c.ports.some((p) => p.number === appPort));
  if (candidates.length === 1 && candidates[0].ports.some((p) => p.number === appPort)) return candidates[0];
  const declared = apps.map((c) => `"${c.name}": ${c.ports.map((p) => p.number).join(', ') || 'none'}`).join('; ');
  if (candidates.length > 1) {
    fail(workload, 'proxy-app-port', 'appContainer', `${candidates.length} app containers declare port ${appPort}`,
      'name the one the proxy forwards to with appContainer');
  }
  fail(workload, 'proxy-app-port', 'appPort',
    `no app container${given ? ` ("${given.name}")` : ''} declares port ${appPort} (declared ports: ${declared || 'no app container'})`,
    'declare the port the app listens on (ports: [{ number: 8080 }]) and pass it as appPort: the proxy forwards to 127.0.0.1:<appPort>');
}

/** Native or classic; the shutdown marker is the log shipper's handshake, not a network sidecar's. */
export function checkNetworkMode(workload: kplus.AbstractPod, mode: unknown, what: string): SidecarMode {
  mode ??= SidecarMode.CLASSIC;
  if (!SidecarMode.isSidecarMode(mode) || mode.kind === 'shutdown-marker') {
    const got = SidecarMode.isSidecarMode(mode) ? 'SidecarMode.shutdownMarker()' : JSON.stringify(mode);
    fail(workload, 'sidecar-mode', 'mode', `Unsupported value: ${got}: `
      + `the ${what} supports SidecarMode.CLASSIC and SidecarMode.NATIVE`, 'pass one of them');
  }
  if (mode.kind === 'classic' && runsToCompletion(workload.kind, workload.restartPolicy)) {
    fail(workload, 'sidecar-on-job', `${podSpecFieldPath(workload)}.containers`,
      `a classic ${what} never exits, so this ${workload.kind} would never complete`,
      'choose mode: SidecarMode.NATIVE (a native sidecar, Kubernetes 1.29+): it is stopped after the app exits');
  }
  return mode;
}

/** A Secret name the API server accepts. */
export function checkSecretName(workload: kplus.AbstractPod, field: string, secret: kplus.ISecret | undefined, what: string): kplus.ISecret {
  assertOwnCdk8sPlus(workload, field, secret);
  if (typeof secret !== 'object' || secret === null || typeof (secret as { name?: unknown }).name !== 'string') {
    fail(workload, 'tls-secret', field, `Required value: the ${what} Secret is missing`,
      'pass kplus.Secret.fromSecretName(this, "tls", "web-tls"), e.g. the Secret cert-manager writes for a Certificate');
  }
  const problem = dnsSubdomainProblem(secret.name);
  if (problem) {
    fail(workload, 'tls-secret', field, `Invalid Secret name ${JSON.stringify(secret.name)}: ${problem}`, 'use the name of an existing Secret');
  }
  return secret;
}

/** The remote end of an ambassador: a bare host name or IPv4 address. */
export function checkRemoteHost(workload: kplus.AbstractPod, field: string, host: unknown): string {
  const problem = hostProblem(host);
  if (problem) fail(workload, 'ambassador-remote', field, problem, 'give the remote service\'s host name, e.g. "redis.data.svc.cluster.local"');
  return host as string;
}

/** An environment variable name the API server accepts, and that a shell can read. */
export function checkEnvName(workload: kplus.AbstractPod, field: string, name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    fail(workload, 'ambassador-env', field,
      `Invalid value ${JSON.stringify(name)}: must be a C identifier (letters, digits, _; not starting with a digit)`,
      'name the variable the app reads its address from, e.g. "REDIS_ADDR"');
  }
  return name;
}
