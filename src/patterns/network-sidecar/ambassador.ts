import { Duration } from 'cdk8s';
import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import { assertWorkload } from '../../core/untyped-input';
import { PodChecks } from '../../validation/pod-checks';
import { sidecarsOf } from '../_sidecar';
import { CaBundle } from '../log-sidecar/elasticsearch-destination';
import { NativeSidecars } from '../native-sidecars';
import { SidecarMode } from '../sidecar-mode';
import {
  checkDistinctPorts, checkEnvName, checkNetworkMode, checkPort, checkRemoteHost, checkSecretName, checkUnprivilegedPort,
} from './_network-sidecar-checks';
import { httpCommon, nginxMain, NginxDirective, renderNginxConfig } from './_nginx';
import { addNginxSidecar, NGINX_IMAGE, NGINX_UID } from './_nginx-sidecar';

/** Where the CA bundle that verifies the remote end is mounted. */
const CA_DIRECTORY = '/etc/nginx/pod-patterns-ca';
/** The image's system CA bundle (Alpine's ca-certificates; the same path on Debian): the default trust. */
const SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';

/** TLS from the ambassador to the remote end. */
export interface AmbassadorTls {
  /**
   * The CA bundle that signed the remote end's certificate.
   * @default - the image's system CA bundle (public CAs)
   */
  readonly ca?: CaBundle;
  /**
   * The name sent in SNI and checked in the remote end's certificate.
   * @default - remoteHost
   */
  readonly serverName?: string;
}

/** Props of `Ambassador.addTo`: the remote end, the local port the app connects to, and how. */
export interface AmbassadorProps {
  /** The remote service's host name or IPv4 address. nginx resolves it when it starts. */
  readonly remoteHost: string;
  readonly remotePort: number;
  /** The port the app connects to on 127.0.0.1; it listens on loopback only, so nothing outside the pod reaches it. */
  readonly localPort: number;
  /**
   * Wrap the connection to the remote end in TLS, verifying its certificate (the app keeps speaking plain
   * TCP to localhost).
   * @default - plain TCP
   */
  readonly tls?: AmbassadorTls;
  /**
   * The environment variable that gives the app containers the local address, `127.0.0.1:<localPort>`.
   * @default 'AMBASSADOR_ADDRESS'
   */
  readonly envVariable?: string;
  /** @default - every app container of the workload */
  readonly appContainers?: kplus.Container[];
  /**
   * How long the ambassador waits for the remote end to accept a connection.
   * @default Duration.seconds(5)
   */
  readonly connectTimeout?: Duration;
  /**
   * How long a connection may stay idle in both directions before the ambassador closes it.
   * @default Duration.minutes(10)
   */
  readonly idleTimeout?: Duration;
  /**
   * The port of the ambassador's status endpoint (`GET /ready`, for its probes: the kubelet cannot reach
   * a loopback address).
   * @default 9980
   */
  readonly statusPort?: number;
  /** @default SidecarMode.CLASSIC; NATIVE (1.29+) starts it before the app, with a startup probe */
  readonly mode?: SidecarMode;
  /** @default 'ambassador' */
  readonly sidecarName?: string;
  /** @default NGINX_IMAGE */
  readonly image?: string;
  /** @default - small, explicit requests and limits */
  readonly resources?: kplus.ContainerResources;
  /** @default 5 (classic mode: seconds its preStop hook waits, so the app can close its connections) */
  readonly drainSeconds?: number;
}

/**
 * The ambassador: an nginx sidecar (its stream module) that listens on 127.0.0.1:<localPort> and carries
 * each TCP connection to a remote host:port, optionally over TLS. The app talks to localhost, as to a
 * local Redis or database: the pod's containers share one network namespace.
 */
export class Ambassador {
  /** Adds an ambassador to a workload. */
  public static addTo(workload: kplus.AbstractPod, props: AmbassadorProps): Ambassador {
    assertWorkload(workload, 'Ambassador.addTo');
    return new Ambassador(workload, props ?? ({} as AmbassadorProps));
  }

  public readonly workload: kplus.AbstractPod;
  public readonly sidecar: kplus.Container;
  /** What the app connects to: `127.0.0.1:<localPort>`. */
  public readonly localAddress: string;
  public readonly mode: SidecarMode;

  private constructor(workload: kplus.AbstractPod, props: AmbassadorProps) {
    this.workload = workload;
    PodChecks.of(workload);
    this.mode = checkNetworkMode(workload, props.mode, 'ambassador');
    const remoteHost = checkRemoteHost(workload, 'remoteHost', props.remoteHost);
    const remotePort = checkPort(workload, 'remotePort', props.remotePort, 6379);
    const localPort = checkPort(workload, 'localPort', props.localPort, 6379);
    checkUnprivilegedPort(workload, 'localPort', localPort, NGINX_UID);
    const statusPort = checkPort(workload, 'statusPort', props.statusPort ?? 9980, 9980);
    checkUnprivilegedPort(workload, 'statusPort', statusPort, NGINX_UID);
    checkDistinctPorts(workload, [['localPort', localPort], ['statusPort', statusPort]]);
    const envVariable = checkEnvName(workload, 'envVariable', props.envVariable ?? 'AMBASSADOR_ADDRESS');
    const serverName = props.tls?.serverName === undefined ? remoteHost : checkRemoteHost(workload, 'tls.serverName', props.tls.serverName);
    if (props.tls && /^\d+\.\d+\.\d+\.\d+$/.test(serverName)) {
      // nginx checks the name against the certificate's DNS names only, never an IP address SAN.
      throw new PodPatternError(workload, {
        rule: 'ambassador-remote',
        field: 'tls.serverName',
        problem: `${props.tls.serverName === undefined ? 'Required value: the remote end is' : 'Invalid value: the name is'} `
          + `the address ${serverName}, `
          + 'and nginx verifies a certificate by DNS name only (never an IP SAN)',
        fix: 'give tls.serverName: the DNS name in the remote end\'s certificate',
      });
    }
    const ca = props.tls?.ca;
    if (ca !== undefined && !CaBundle.isCaBundle(ca)) checkSecretName(workload, 'tls.ca', undefined, 'CA bundle');
    if (ca?.secret) checkSecretName(workload, 'tls.ca', ca.secret, 'CA bundle');
    if (this.mode.kind === 'native') NativeSidecars.of(workload);

    const name = props.sidecarName ?? 'ambassador';
    const sidecars = sidecarsOf(workload);
    const apps = props.appContainers ?? workload.containers.filter((c) => !sidecars.includes(c));
    this.localAddress = `127.0.0.1:${localPort}`;

    const volumeMounts: kplus.VolumeMount[] = [];
    if (ca) {
      const items = { [ca.key]: { path: 'ca.crt' } };
      const volume = ca.secret
        ? kplus.Volume.fromSecret(workload, `${name}-ca`, ca.secret, { name: `${name}-ca`, items })
        : kplus.Volume.fromConfigMap(workload, `${name}-ca`, ca.configMap!, { name: `${name}-ca`, items });
      volumeMounts.push({ volume, path: CA_DIRECTORY, readOnly: true });
    }
    const ready = kplus.Probe.fromHttpGet('/ready', { port: statusPort });
    this.sidecar = addNginxSidecar(workload, {
      pattern: 'Ambassador',
      name,
      image: props.image ?? NGINX_IMAGE,
      mode: this.mode,
      config: ambassadorConfig({
        remoteHost, remotePort, localPort, statusPort,
        tls: props.tls ? { serverName, caFile: ca ? `${CA_DIRECTORY}/ca.crt` : SYSTEM_CA_FILE } : undefined,
        connectTimeout: props.connectTimeout ?? Duration.seconds(5),
        idleTimeout: props.idleTimeout ?? Duration.minutes(10),
      }),
      // The local port is declared too (it is bound on loopback only), so that the pod's port checks see it.
      ports: [{ number: localPort, name: 'ambassador' }, { number: statusPort, name: 'amb-status' }],
      volumeMounts,
      probes: this.mode.kind === 'native'
        ? { startup: kplus.Probe.fromHttpGet('/ready', { port: statusPort, periodSeconds: Duration.seconds(1), failureThreshold: 30 }),
          readiness: ready }
        : { readiness: ready },
      resources: props.resources,
      drainSeconds: props.drainSeconds ?? 5,
    });
    for (const app of apps) app.env.addVariable(envVariable, kplus.EnvValue.fromValue(this.localAddress));
  }
}

interface AmbassadorConfig {
  readonly remoteHost: string;
  readonly remotePort: number;
  readonly localPort: number;
  readonly statusPort: number;
  readonly tls?: { readonly serverName: string; readonly caFile: string };
  readonly connectTimeout: Duration;
  readonly idleTimeout: Duration;
}

/** nginx.conf of the ambassador: a stream server on loopback to the remote end, and the status endpoint. */
export function ambassadorConfig(c: AmbassadorConfig): string {
  const seconds = (d: Duration) => `${Math.max(1, Math.round(d.toSeconds()))}s`;
  const tls: NginxDirective[] = c.tls ? [
    ['proxy_ssl', 'on'],
    ['proxy_ssl_protocols', 'TLSv1.2', 'TLSv1.3'],
    ['proxy_ssl_server_name', 'on'],
    ['proxy_ssl_name', c.tls.serverName],
    ['proxy_ssl_verify', 'on'],
    ['proxy_ssl_verify_depth', '4'],
    ['proxy_ssl_trusted_certificate', c.tls.caFile],
  ] : [];
  const stream: NginxDirective[] = [
    { block: ['upstream', 'remote'], body: [['server', `${c.remoteHost}:${c.remotePort}`]] },
    {
      block: ['server'],
      body: [
        ['listen', `127.0.0.1:${c.localPort}`],
        ['proxy_pass', 'remote'],
        ['proxy_connect_timeout', seconds(c.connectTimeout)],
        ['proxy_timeout', seconds(c.idleTimeout)],
        ...tls,
      ],
    },
  ];
  const http: NginxDirective[] = [
    ...httpCommon(),
    ['access_log', 'off'],
    {
      block: ['server'],
      body: [
        ['listen', `${c.statusPort}`],
        { block: ['location', '=', '/ready'], body: [['return', '200', 'ready']] },
        { block: ['location', '/'], body: [['return', '404']] },
      ],
    },
  ];
  return renderNginxConfig(`Ambassador (cdk8s-pod-patterns): 127.0.0.1:${c.localPort} to ${c.remoteHost}:${c.remotePort}${c.tls ? ' over TLS' : ''}`,
    [...nginxMain(), { block: ['stream'], body: stream }, { block: ['http'], body: http }]);
}
