import { kplus } from '../../core/cdk8s-plus';
import { renderNginxConfig } from '../network-sidecar/_nginx';

/**
 * The nginx Prometheus exporter (nginx/nginx-prometheus-exporter): reads nginx's `stub_status` page.
 * Pinned. Its flags are written `--name=value`, which both its 1.x releases (kingpin) and Debian's 0.11
 * (Go's flag package, which the end-to-end test runs) accept.
 */
export const NGINX_EXPORTER_IMAGE = 'nginx/nginx-prometheus-exporter:1.4.2';

/** The Redis exporter (oliver006/redis_exporter): reads Redis's `INFO`. Pinned. */
export const REDIS_EXPORTER_IMAGE = 'oliver006/redis_exporter:v1.67.0';

/**
 * The uid the exporters run as: `nobody`, numeric so that Kubernetes can verify runAsNonRoot. Both
 * exporters are static Go binaries that need no user of their own and write nothing.
 */
export const EXPORTER_UID = 65534;

/** The file the nginx exporter's stub_status server is written to, in the app's configuration directory. */
export const STUB_STATUS_FILE = 'pod-patterns-stub-status.conf';

/** Options of `MetricsExporter.nginx()`. */
export interface NginxExporterOptions {
  /**
   * The port of nginx's `stub_status` page, on 127.0.0.1 (loopback only: nothing outside the pod sees it).
   * @default 8081
   */
  readonly statusPort?: number;
  /** @default '/stub_status' */
  readonly statusPath?: string;
  /**
   * The directory whose `*.conf` files the app's nginx includes inside `http {}`: the adapter mounts a
   * server there that serves `stub_status` on `127.0.0.1:<statusPort>`, and declares that port on the
   * app container. `false` when the app's own configuration serves the page already: the app container
   * must then declare `statusPort`.
   * @default '/etc/nginx/conf.d' (what the official nginx images include)
   */
  readonly statusConfigDirectory?: string | false;
  /** The port the exporter serves its metrics on. @default 9113 (the exporter's own default) */
  readonly metricsPort?: number;
  /** @default NGINX_EXPORTER_IMAGE */
  readonly image?: string;
}

/** A key of a Secret. */
export interface SecretKey {
  readonly secret: kplus.ISecret;
  readonly key: string;
}

/** Options of `MetricsExporter.redis()`. */
export interface RedisExporterOptions {
  /** The port Redis listens on in the app container. @default 6379 */
  readonly redisPort?: number;
  /**
   * The Secret key that holds Redis's password, given to the exporter as `REDIS_PASSWORD`.
   * @default - no password
   */
  readonly password?: SecretKey;
  /** The port the exporter serves its metrics on. @default 9121 (the exporter's own default) */
  readonly metricsPort?: number;
  /** @default REDIS_EXPORTER_IMAGE */
  readonly image?: string;
}

/** Options of `MetricsExporter.custom()`: any exporter image. */
export interface CustomExporterOptions {
  /** The exporter image, with an explicit tag. */
  readonly image: string;
  /** The app's port the exporter reads, on 127.0.0.1; an app container must declare it. */
  readonly targetPort: number;
  /** The port the exporter serves its metrics on (the one its arguments make it listen on). */
  readonly metricsPort: number;
  /** @default '/metrics' */
  readonly metricsPath?: string;
  /** @default - the image's command */
  readonly command?: string[];
  /** The arguments that point it at `127.0.0.1:<targetPort>` and make it listen on metricsPort. @default - none */
  readonly args?: string[];
  /** @default - none */
  readonly env?: Record<string, kplus.EnvValue>;
  /** The uid it runs as; numeric so that Kubernetes can verify runAsNonRoot. @default 65534 */
  readonly user?: number;
}

/**
 * Which exporter an adapter runs, and how it reaches the app: ready-made for nginx and Redis, or any
 * exporter image. Every exporter reads the app on 127.0.0.1 (the pod's containers share one network
 * namespace) and serves Prometheus metrics on its own port.
 */
export class MetricsExporter {
  /**
   * The nginx exporter reading nginx's `stub_status` page; by default the adapter also adds that page to
   * the app's nginx (a server on 127.0.0.1:8081 in `/etc/nginx/conf.d`).
   */
  public static nginx(options: NginxExporterOptions = {}): MetricsExporter {
    options ??= {};
    const statusPort = options.statusPort ?? 8081;
    const statusPath = options.statusPath ?? '/stub_status';
    const metricsPort = options.metricsPort ?? 9113;
    const directory = options.statusConfigDirectory ?? '/etc/nginx/conf.d';
    return new MetricsExporter({
      kind: 'nginx',
      image: options.image ?? NGINX_EXPORTER_IMAGE,
      targetPort: statusPort,
      targetField: 'statusPort',
      metricsPort,
      metricsPath: '/metrics',
      args: [
        `--nginx.scrape-uri=http://127.0.0.1:${statusPort}${statusPath}`,
        `--web.listen-address=:${metricsPort}`,
        '--web.telemetry-path=/metrics',
      ],
      env: {},
      user: EXPORTER_UID,
      statusConfigDirectory: directory === false ? undefined : directory,
      statusPath,
    });
  }

  /** The Redis exporter reading Redis's `INFO` on 127.0.0.1:<redisPort>. */
  public static redis(options: RedisExporterOptions = {}): MetricsExporter {
    options ??= {};
    const redisPort = options.redisPort ?? 6379;
    const metricsPort = options.metricsPort ?? 9121;
    return new MetricsExporter({
      kind: 'redis',
      image: options.image ?? REDIS_EXPORTER_IMAGE,
      targetPort: redisPort,
      targetField: 'redisPort',
      metricsPort,
      metricsPath: '/metrics',
      args: [
        `--redis.addr=redis://127.0.0.1:${redisPort}`,
        `--web.listen-address=:${metricsPort}`,
        '--web.telemetry-path=/metrics',
      ],
      env: options.password ? { REDIS_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: options.password.secret, key: options.password.key }) } : {},
      user: EXPORTER_UID,
      password: options.password,
    });
  }

  /** Any exporter image, with the arguments that point it at the app. */
  public static custom(options: CustomExporterOptions): MetricsExporter {
    const o = options ?? ({} as CustomExporterOptions);
    return new MetricsExporter({
      kind: 'custom',
      image: o.image,
      targetPort: o.targetPort,
      targetField: 'targetPort',
      metricsPort: o.metricsPort,
      metricsPath: o.metricsPath ?? '/metrics',
      command: o.command,
      args: o.args ?? [],
      env: o.env ?? {},
      user: o.user ?? EXPORTER_UID,
    });
  }

  /** Whether a value is an exporter made by this class (a plain object carries none of its settings). */
  public static isMetricsExporter(value: unknown): value is MetricsExporter {
    return value instanceof MetricsExporter;
  }

  declare private readonly nominal: void;

  /** @internal */
  public readonly _spec: ExporterSpec;

  private constructor(spec: ExporterSpec) {
    this._spec = spec;
  }

  /** `nginx`, `redis` or `custom`. */
  public get kind(): string {
    return this._spec.kind;
  }
}

/** @internal What an exporter is made of; the adapter checks it and builds the container from it. */
export interface ExporterSpec {
  readonly kind: 'nginx' | 'redis' | 'custom';
  readonly image: unknown;
  /** The app's port the exporter reads, and the option that set it. */
  readonly targetPort: unknown;
  readonly targetField: string;
  readonly metricsPort: unknown;
  readonly metricsPath: unknown;
  readonly command?: string[];
  readonly args: string[];
  readonly env: Record<string, kplus.EnvValue>;
  readonly user: unknown;
  /** nginx: where the stub_status server is mounted into the app container; undefined when the app serves it. */
  readonly statusConfigDirectory?: unknown;
  readonly statusPath?: unknown;
  readonly password?: SecretKey;
}

/**
 * A server block for the app's `http {}`: nginx's counters on loopback only, at one exact path, and
 * nothing else on that port. The exporter polls it; nothing is logged for those polls.
 */
export function stubStatusConfig(statusPort: number, statusPath: string): string {
  return renderNginxConfig('MetricsAdapter (cdk8s-pod-patterns): nginx\'s stub_status on loopback, for the exporter beside it', [
    {
      block: ['server'],
      body: [
        ['listen', `127.0.0.1:${statusPort}`],
        ['access_log', 'off'],
        { block: ['location', '=', statusPath], body: [['stub_status']] },
        { block: ['location', '/'], body: [['return', '404']] },
      ],
    },
  ]);
}
