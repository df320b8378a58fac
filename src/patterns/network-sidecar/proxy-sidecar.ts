import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import { kplus } from '../../core/cdk8s-plus';
import { assertWorkload } from '../../core/untyped-input';
import { PodChecks } from '../../validation/pod-checks';
import { sidecarsOf } from '../_sidecar';
import { NativeSidecars } from '../native-sidecars';
import { SidecarMode } from '../sidecar-mode';
import {
  checkAppContainer, checkDistinctPorts, checkNetworkMode, checkPort, checkSecretName, checkUnprivilegedPort,
} from './_network-sidecar-checks';
import { httpCommon, nginxMain, NginxDirective, renderNginxConfig } from './_nginx';
import { addNginxSidecar, NGINX_IMAGE, NGINX_UID } from './_nginx-sidecar';

/** Where the TLS Secret's `tls.crt` and `tls.key` are mounted in the proxy. */
const TLS_DIRECTORY = '/etc/nginx/pod-patterns-tls';

/** Options of a TLS proxy in front of the app, shared by `ProxySidecar.addTo` and `ProxySidecarPod`. */
export interface ProxySidecarOptions {
  /** The port the app listens on inside the pod; an app container must declare it. The proxy forwards to 127.0.0.1 on it. */
  readonly appPort: number;
  /**
   * A `kubernetes.io/tls` Secret with `tls.crt` and `tls.key` (as cert-manager writes it for a Certificate).
   */
  readonly tlsSecret: kplus.ISecret;
  /**
   * The port the proxy listens on with TLS, on every address of the pod. At least 1024: nginx runs as a
   * non-root user (map 443 to it in the Service).
   * @default 8443
   */
  readonly port?: number;
  /** @default 'https' */
  readonly portName?: string;
  /**
   * The port clients use, on the Service (`exposeViaService` uses it): the app gets it in
   * `X-Forwarded-Port`, and the redirect port sends clients to it, so that the app builds its URLs with the
   * port clients reach, not the proxy's.
   * @default 443
   */
  readonly publicPort?: number;
  /**
   * A plain-HTTP port that answers every request with a redirect (301) to https on the same host.
   * @default - none
   */
  readonly redirectPort?: number;
  /**
   * The largest request body the proxy accepts; larger ones get 413.
   * @default Size.mebibytes(1) (nginx's default)
   */
  readonly maxBodySize?: Size;
  /**
   * How long the proxy waits for the app to accept a connection.
   * @default Duration.seconds(5)
   */
  readonly connectTimeout?: Duration;
  /**
   * How long the proxy waits between two reads from (or writes to) the app before it gives up with 504.
   * @default Duration.seconds(60)
   */
  readonly timeout?: Duration;
  /**
   * The path of the readiness probe, sent over TLS through the proxy to the app, so the pod is ready only
   * when both answer.
   * @default '/'
   */
  readonly readinessPath?: string;
  /**
   * Classic (an app container, any Kubernetes: a `preStop` sleep keeps it serving while the app stops) or
   * native (Kubernetes 1.29+: started before the app, with a startup probe; stopped after it).
   * @default SidecarMode.CLASSIC
   */
  readonly mode?: SidecarMode;
  /** @default 'tls-proxy' */
  readonly sidecarName?: string;
  /** @default NGINX_IMAGE, the pinned unprivileged official nginx */
  readonly image?: string;
  /** @default - small, explicit requests and limits */
  readonly resources?: kplus.ContainerResources;
  /**
   * Seconds a classic proxy's `preStop` hook waits before nginx is told to stop.
   * @default 5
   */
  readonly drainSeconds?: number;
}

/** Props of `ProxySidecar.addTo`: the proxy's options and the app container it forwards to. */
export interface ProxySidecarProps extends ProxySidecarOptions {
  /** @default - the one app container that declares `appPort` */
  readonly appContainer?: kplus.Container;
}

/**
 * The proxy in front of the app: an nginx sidecar that terminates TLS on a named port and forwards to the
 * app on 127.0.0.1. Every container of a pod shares one network namespace (held by the pod's `pause`
 * container), so the app can keep speaking plain HTTP on localhost and never sees the certificate; the
 * Service targets the proxy's port, never the app's.
 */
export class ProxySidecar {
  /** Adds a TLS proxy to a workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob). */
  public static addTo(workload: kplus.AbstractPod, props: ProxySidecarProps): ProxySidecar {
    assertWorkload(workload, 'ProxySidecar.addTo');
    return new ProxySidecar(workload, props ?? ({} as ProxySidecarProps));
  }

  public readonly workload: kplus.AbstractPod;
  /** The nginx container. */
  public readonly sidecar: kplus.Container;
  /** The app container it forwards to. */
  public readonly appContainer: kplus.Container;
  public readonly port: number;
  public readonly portName: string;
  /** The port clients reach the proxy on, through the Service. */
  public readonly publicPort: number;
  public readonly mode: SidecarMode;

  private constructor(workload: kplus.AbstractPod, props: ProxySidecarProps) {
    this.workload = workload;
    PodChecks.of(workload);
    this.mode = checkNetworkMode(workload, props.mode, 'TLS proxy');
    const appPort = checkPort(workload, 'appPort', props.appPort, 8080);
    this.appContainer = checkAppContainer(workload, props.appContainer, appPort, sidecarsOf(workload));
    this.port = checkPort(workload, 'port', props.port ?? 8443, 8443);
    checkUnprivilegedPort(workload, 'port', this.port, NGINX_UID);
    const redirectPort = props.redirectPort === undefined ? undefined : checkPort(workload, 'redirectPort', props.redirectPort, 8080);
    if (redirectPort !== undefined) checkUnprivilegedPort(workload, 'redirectPort', redirectPort, NGINX_UID);
    if (redirectPort !== undefined) checkDistinctPorts(workload, [['port', this.port], ['redirectPort', redirectPort]]);
    this.publicPort = checkPort(workload, 'publicPort', props.publicPort ?? 443, 443);
    const secret = checkSecretName(workload, 'tlsSecret', props.tlsSecret, 'TLS');
    this.portName = props.portName ?? 'https';
    if (this.mode.kind === 'native') NativeSidecars.of(workload);

    const name = props.sidecarName ?? 'tls-proxy';
    const tls = kplus.Volume.fromSecret(workload, `${name}-tls`, secret, {
      name: `${name}-tls`,
      items: { 'tls.crt': { path: 'tls.crt' }, 'tls.key': { path: 'tls.key' } },
    });
    const readiness = kplus.Probe.fromHttpGet(props.readinessPath ?? '/', { port: this.port, scheme: kplus.ConnectionScheme.HTTPS });
    this.sidecar = addNginxSidecar(workload, {
      pattern: 'ProxySidecar',
      name,
      image: props.image ?? NGINX_IMAGE,
      mode: this.mode,
      config: proxyConfig({
        appPort, port: this.port, redirectPort, publicPort: this.publicPort,
        maxBodySize: props.maxBodySize ?? Size.mebibytes(1),
        connectTimeout: props.connectTimeout ?? Duration.seconds(5),
        timeout: props.timeout ?? Duration.seconds(60),
      }),
      ports: [
        { number: this.port, name: this.portName },
        ...(redirectPort !== undefined ? [{ number: redirectPort, name: 'http-redirect' }] : []),
      ],
      volumeMounts: [{ volume: tls, path: TLS_DIRECTORY, readOnly: true }],
      probes: this.mode.kind === 'native'
        ? { startup: kplus.Probe.fromTcpSocket({ port: this.port, periodSeconds: Duration.seconds(1), failureThreshold: 30 }), readiness }
        : { readiness },
      resources: props.resources,
      drainSeconds: props.drainSeconds ?? 5,
    });
  }

  /**
   * A Service in front of the proxy, never the app: `port` (443) to the proxy's named port; the redirect
   * port, when there is one, as 80.
   */
  public exposeViaService(scope: Construct, id: string, options: ProxyServiceOptions = {}): kplus.Service {
    const redirect = this.sidecar.ports.find((p) => p.name === 'http-redirect');
    return new kplus.Service(scope, id, {
      metadata: { name: options.name, namespace: this.workload.metadata.namespace },
      selector: this.workload,
      type: options.serviceType,
      ports: [
        { name: this.portName, port: options.port ?? this.publicPort, targetPort: this.port },
        ...(redirect ? [{ name: 'http', port: 80, targetPort: redirect.number }] : []),
      ],
    });
  }
}

/** Options of `ProxySidecar.exposeViaService`. */
interface ProxyServiceOptions {
  /** @default - a name cdk8s generates */
  readonly name?: string;
  /** The Service's TLS port. @default the proxy's publicPort (443) */
  readonly port?: number;
  /** @default ClusterIP */
  readonly serviceType?: kplus.ServiceType;
}

interface ProxyConfig {
  readonly appPort: number;
  readonly port: number;
  readonly publicPort: number;
  readonly redirectPort?: number;
  readonly maxBodySize: Size;
  readonly connectTimeout: Duration;
  readonly timeout: Duration;
}

/** nginx.conf of the proxy: TLS on `port`, HTTP/1.1 with keep-alive to the app, the usual forwarded headers. */
export function proxyConfig(c: ProxyConfig): string {
  const seconds = (d: Duration) => `${Math.max(1, Math.round(d.toSeconds()))}s`;
  const server: NginxDirective[] = [
    ['listen', `${c.port}`, 'ssl'],
    ['ssl_certificate', `${TLS_DIRECTORY}/tls.crt`],
    ['ssl_certificate_key', `${TLS_DIRECTORY}/tls.key`],
    ['ssl_protocols', 'TLSv1.2', 'TLSv1.3'],
    ['ssl_session_cache', 'shared:SSL:1m'],
    {
      block: ['location', '/'],
      body: [
        ['proxy_pass', 'http://app'],
        // HTTP/1.1 and an empty Connection header keep the upstream connections alive (the keepalive pool).
        ['proxy_http_version', '1.1'],
        ['proxy_set_header', 'Connection', '""'],
        ['proxy_set_header', 'Host', '$host'],
        ['proxy_set_header', 'X-Real-IP', '$remote_addr'],
        ['proxy_set_header', 'X-Forwarded-For', '$proxy_add_x_forwarded_for'],
        ['proxy_set_header', 'X-Forwarded-Proto', '$scheme'],
        ['proxy_set_header', 'X-Forwarded-Host', '$host'],
        // The port clients reached, not nginx's own: frameworks build redirects with it.
        ['proxy_set_header', 'X-Forwarded-Port', `${c.publicPort}`],
        ['proxy_connect_timeout', seconds(c.connectTimeout)],
        ['proxy_send_timeout', seconds(c.timeout)],
        ['proxy_read_timeout', seconds(c.timeout)],
      ],
    },
  ];
  const http: NginxDirective[] = [
    ...httpCommon(),
    ['access_log', '/dev/stdout'],
    // In whole KiB, rounded up: nginx reads 0 as "no limit", the opposite of a small one.
    ['client_max_body_size', `${Math.max(1, Math.ceil(c.maxBodySize.toKibibytes({ rounding: SizeRoundingBehavior.NONE })))}k`],
    { block: ['upstream', 'app'], body: [['server', `127.0.0.1:${c.appPort}`], ['keepalive', '16']] },
    { block: ['server'], body: server },
    ...(c.redirectPort !== undefined
      ? [{ block: ['server'], body: [['listen', `${c.redirectPort}`], ['return', '301', `https://$host${c.publicPort === 443 ? '' : `:${c.publicPort}`}$request_uri`]] } as NginxDirective]
      : []),
  ];
  return renderNginxConfig(`TLS proxy (cdk8s-pod-patterns): https on ${c.port} to the app on 127.0.0.1:${c.appPort}`,
    [...nginxMain(), { block: ['http'], body: http }]);
}
