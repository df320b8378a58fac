import { ApiObject, Duration, Lazy, Size } from 'cdk8s';
import { mountPathProblem, portNameProblem } from '../../checks/formats';
import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import { withRestrictedCapabilities } from '../../core/restricted-defaults';
import { assertOwnCdk8sPlus, assertWorkload } from '../../core/untyped-input';
import { WorkloadMarks } from '../../core/workload-marks';
import { PodChecks } from '../../validation/pod-checks';
import { assertNoPortClash } from '../_container-rules';
import { attachSidecar, configMapOf, nextSidecarField, sidecarsOf } from '../_sidecar';
import { assertKeyRef, destinationFailure, imageNameProblem } from '../log-sidecar/_destination-rules';
import { NativeSidecars } from '../native-sidecars';
import { checkNetworkMode, checkPort } from '../network-sidecar/_network-sidecar-checks';
import { SidecarMode } from '../sidecar-mode';
import { ExporterSpec, MetricsExporter, STUB_STATUS_FILE, stubStatusConfig } from './metrics-exporter';

/** The adapters of each workload, with what the pod's scrape annotations say (a pod has one set). */
const adaptersOf = new WorkloadMarks<{ readonly sidecarName: string; readonly metricsPort: number; readonly scrapeAnnotations: boolean }>();

/** The scrape annotations that the common Prometheus `kubernetes-pods` job (and most agents) read. */
export const SCRAPE_ANNOTATIONS = { scrape: 'prometheus.io/scrape', port: 'prometheus.io/port', path: 'prometheus.io/path' } as const;

/** Props of `MetricsAdapter.addTo`. */
export interface MetricsAdapterProps {
  /** The exporter: `MetricsExporter.nginx()`, `MetricsExporter.redis()` or `MetricsExporter.custom({...})`. */
  readonly exporter: MetricsExporter;
  /**
   * The app container the exporter reads (and, for nginx, the one that gets the stub_status server).
   * @default - the one app container that declares the exporter's target port (for nginx with a generated
   * stub_status server: the one app container, or the one whose image is an nginx)
   */
  readonly appContainer?: kplus.Container;
  /**
   * The name of the metrics port, which a PodMonitor or a Service's `targetPort` refers to.
   * @default 'metrics'
   */
  readonly portName?: string;
  /**
   * Write the pod's `prometheus.io/scrape`, `prometheus.io/port` and `prometheus.io/path` annotations.
   * One pod has one set: a second adapter on the same pod must say false and be scraped through
   * `addPodMonitor()`.
   * @default true
   */
  readonly scrapeAnnotations?: boolean;
  /** @default SidecarMode.CLASSIC; a Job or CronJob needs NATIVE (1.29+), which stops it after the app */
  readonly mode?: SidecarMode;
  /** @default 'exporter' (for nginx and Redis: 'nginx-exporter', 'redis-exporter') */
  readonly sidecarName?: string;
  /** @default - small, explicit requests and limits */
  readonly resources?: kplus.ContainerResources;
}

/** Props of `MetricsAdapter.addPodMonitor`. */
export interface PodMonitorProps {
  /** @default - `<workload name>-<sidecar name>` */
  readonly name?: string;
  /** @default - the Prometheus Operator's default (its global scrape interval) */
  readonly interval?: Duration;
}

/**
 * The adapter: a sidecar that presents the app in a standard form. Here, a Prometheus exporter that reads
 * the app on 127.0.0.1 (the pod's containers share one network namespace) and serves its numbers as
 * Prometheus metrics on a named port of its own, with a readiness probe on that endpoint.
 *
 * How Prometheus finds it: the pod's `prometheus.io/*` annotations by default, which need nothing
 * installed in the cluster; `addPodMonitor()` adds a PodMonitor for the Prometheus Operator, which
 * selects the pod by its labels and scrapes the named port.
 */
export class MetricsAdapter {
  /** Adds a metrics exporter beside the app of a workload. */
  public static addTo(workload: kplus.AbstractPod, props: MetricsAdapterProps): MetricsAdapter {
    assertWorkload(workload, 'MetricsAdapter.addTo');
    return new MetricsAdapter(workload, props ?? ({} as MetricsAdapterProps));
  }

  public readonly workload: kplus.AbstractPod;
  /** The exporter container. */
  public readonly sidecar: kplus.Container;
  /** The app container the exporter reads. */
  public readonly appContainer: kplus.Container;
  public readonly mode: SidecarMode;
  public readonly metricsPort: number;
  public readonly metricsPath: string;
  public readonly portName: string;

  private constructor(workload: kplus.AbstractPod, props: MetricsAdapterProps) {
    this.workload = workload;
    PodChecks.of(workload);
    const exporter = props.exporter;
    if (!MetricsExporter.isMetricsExporter(exporter)) {
      const got = exporter === undefined ? 'no exporter given' : `${JSON.stringify(exporter)} is not a MetricsExporter`;
      fail(workload, 'adapter-exporter', 'exporter', `Required value: ${got}`,
        'pass MetricsExporter.nginx(), MetricsExporter.redis() or MetricsExporter.custom({ image, targetPort, metricsPort, args })');
    }
    const spec = exporter._spec;
    this.mode = checkNetworkMode(workload, props.mode, 'metrics adapter');
    const image = spec.image;
    const imageProblem = imageNameProblem(image);
    if (imageProblem) {
      fail(workload, 'adapter-exporter', 'exporter.image', `Required value: ${imageProblem}`,
        'give the exporter image with a tag, e.g. "example/exporter:1.0.0"');
    }
    const targetPort = checkPort(workload, `exporter.${spec.targetField}`, spec.targetPort, 8080);
    this.metricsPort = checkPort(workload, 'exporter.metricsPort', spec.metricsPort, 9100);
    const user = spec.user;
    if (typeof user !== 'number' || !Number.isInteger(user) || user < 1 || user > 2147483647) {
      fail(workload, 'adapter-exporter', 'exporter.user', `Invalid value ${JSON.stringify(user)}: must be a non-root uid (1 to 2147483647)`,
        'give the uid the exporter image runs as, e.g. 65534');
    }
    if (this.metricsPort < 1024) {
      fail(workload, 'adapter-port', 'exporter.metricsPort',
        `Invalid value ${this.metricsPort}: the exporter runs as uid ${user} without capabilities, `
        + 'and only root (or CAP_NET_BIND_SERVICE) may listen below 1024',
        'serve the metrics on a port from 1024 up, e.g. 9100');
    }
    if (this.metricsPort === targetPort) {
      fail(workload, 'adapter-port', 'exporter.metricsPort',
        `Duplicate value ${targetPort}: the exporter reads the app on ${spec.targetField} ${targetPort}`,
        `give exporter.metricsPort another port than ${spec.targetField}`);
    }
    this.metricsPath = pathOf(workload, 'exporter.metricsPath', spec.metricsPath);
    this.portName = props.portName ?? 'metrics';
    const portNameIssue = portNameProblem(this.portName);
    if (portNameIssue) {
      fail(workload, 'adapter-port', 'portName', `Invalid value ${JSON.stringify(this.portName)}: ${portNameIssue}`, 'name the port, e.g. "metrics"');
    }
    if (spec.password) {
      assertKeyRef(destinationFailure(workload, 'MetricsExporter.redis'), 'Secret',
        'exporter.password.secret', spec.password.secret, 'exporter.password.key', spec.password.key);
    }
    const scrape = props.scrapeAnnotations ?? true;
    const earlier = adaptersOf.allOf(workload).find((m) => m.scrapeAnnotations);
    if (scrape && earlier) {
      fail(workload, 'adapter-scrape', 'scrapeAnnotations',
        `the pod's prometheus.io annotations already name the metrics of "${earlier.sidecarName}" (port ${earlier.metricsPort}), `
        + 'and a pod has one set',
        'give this adapter scrapeAnnotations: false and scrape it with adapter.addPodMonitor() (Prometheus Operator)');
    }

    const name = props.sidecarName ?? (spec.kind === 'custom' ? 'exporter' : `${spec.kind}-exporter`);
    const sidecars = sidecarsOf(workload);
    const apps = workload.containers.filter((c) => !sidecars.includes(c));
    assertOwnCdk8sPlus(workload, 'appContainer', props.appContainer);
    if (props.appContainer !== undefined && !apps.includes(props.appContainer)) {
      fail(workload, 'adapter-target-port', 'appContainer', `container "${props.appContainer.name}" is not an app container of this workload`,
        'pass a container returned by addContainer, or leave appContainer out');
    }
    if (this.mode.kind === 'native') NativeSidecars.of(workload);
    const field = nextSidecarField(workload, this.mode, name, `give each MetricsAdapter on one workload its own sidecarName (e.g. "${name}-2")`);

    this.appContainer = spec.kind === 'nginx' && spec.statusConfigDirectory !== undefined
      ? this.addStubStatus(workload, spec, apps, props.appContainer, targetPort, name)
      : appReading(workload, spec, apps, props.appContainer, targetPort);

    const containerProps = withRestrictedCapabilities({
      name,
      image: image as string,
      command: spec.command,
      // No `args: []` in the YAML for an exporter that takes none.
      args: spec.args.length > 0 ? spec.args : undefined,
      envVariables: spec.env,
      ports: [{ number: this.metricsPort, name: this.portName }],
      securityContext: {
        user: user as number, group: user as number, ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
      },
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(20), limit: kplus.Cpu.millis(200) },
        memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
      },
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    } as kplus.ContainerProps);
    assertNoPortClash(workload, field, new kplus.Container(containerProps));
    const ready = kplus.Probe.fromHttpGet(this.metricsPath, { port: this.metricsPort });
    const startup = kplus.Probe.fromHttpGet(this.metricsPath, { port: this.metricsPort, periodSeconds: Duration.seconds(1), failureThreshold: 30 });
    const probes = this.mode.kind === 'native' ? { startup, readiness: ready } : { readiness: ready };
    this.sidecar = attachSidecar(workload, this.mode, containerProps, probes);
    adaptersOf.add(workload, { sidecarName: name, metricsPort: this.metricsPort, scrapeAnnotations: scrape });
    if (scrape) {
      workload.podMetadata.addAnnotation(SCRAPE_ANNOTATIONS.scrape, 'true');
      workload.podMetadata.addAnnotation(SCRAPE_ANNOTATIONS.port, String(this.metricsPort));
      workload.podMetadata.addAnnotation(SCRAPE_ANNOTATIONS.path, this.metricsPath);
    }
  }

  /**
   * A PodMonitor (monitoring.coreos.com/v1, the Prometheus Operator's) that selects this workload's pods
   * by their labels and scrapes the adapter's named port. Added beside the workload, in its chart.
   */
  public addPodMonitor(props: PodMonitorProps = {}): ApiObject {
    props ??= {};
    const name = props.name ?? `${this.workload.name}-${this.sidecar.name}`;
    const workload = this.workload;
    return new ApiObject(workload, `${this.sidecar.name}-pod-monitor`, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name, namespace: workload.metadata.namespace },
      spec: {
        // The pod template's labels as they are at synthesis (cdk8s-plus adds a unique one per workload).
        selector: { matchLabels: Lazy.any({ produce: () => workload.podMetadata.toJson().labels ?? {} }) },
        podMetricsEndpoints: [{
          port: this.portName,
          path: this.metricsPath,
          ...(props.interval ? { interval: `${Math.max(1, Math.round(props.interval.toSeconds()))}s` } : {}),
        }],
      },
    });
  }

  /**
   * nginx: mounts a server that serves stub_status on 127.0.0.1:<statusPort> into the app container's
   * configuration directory, and declares the port on it (bound on loopback only; declared so that the
   * pod's port checks see it).
   */
  private addStubStatus(workload: kplus.AbstractPod, spec: ExporterSpec, apps: kplus.Container[], given: kplus.Container | undefined,
    statusPort: number, name: string): kplus.Container {
    const directory = spec.statusConfigDirectory;
    const directoryProblem = typeof directory === 'string' ? mountPathProblem(directory) : 'must be a directory path or false';
    if (directoryProblem) {
      fail(workload, 'adapter-exporter', 'exporter.statusConfigDirectory', `Invalid value ${JSON.stringify(directory)}: ${directoryProblem}`,
        'give the directory whose *.conf files the app\'s nginx includes in http {}, e.g. "/etc/nginx/conf.d", or false');
    }
    const statusPath = pathOf(workload, 'exporter.statusPath', spec.statusPath);
    const nginxApps = apps.filter((c) => /(^|\/)nginx[^/:]*(:|@|$)/.test(c.image));
    const app = given ?? (apps.length === 1 ? apps[0] : nginxApps.length === 1 ? nginxApps[0] : undefined);
    if (app === undefined) {
      fail(workload, 'adapter-target-port', 'appContainer',
        `${apps.length === 0 ? 'no app container' : `${apps.length} app containers, ${nginxApps.length} of them nginx,`} `
        + 'to add the stub_status server to',
        'add the nginx container first, or name it with appContainer');
    }
    const holder = workload.containers.find((c) => c !== app && c.ports.some((p) => p.number === statusPort));
    if (holder) {
      fail(workload, 'adapter-port', 'exporter.statusPort',
        `Duplicate value ${statusPort}: container "${holder.name}" declares it, and the pod has one port space`,
        'give MetricsExporter.nginx() another statusPort, e.g. 8082');
    }
    const configMap = configMapOf(workload, `${name}-status-config-map`, `${workload.name}-${name}-status`,
      { [STUB_STATUS_FILE]: stubStatusConfig(statusPort, statusPath) });
    const volume = kplus.Volume.fromConfigMap(workload, `${name}-status-config`, configMap, { name: `${name}-status` });
    // subPath: the one file joins the image's own files in that directory instead of hiding them.
    app.mount(`${(directory as string).replace(/\/+$/, '')}/${STUB_STATUS_FILE}`, volume, { subPath: STUB_STATUS_FILE, readOnly: true });
    if (!app.ports.some((p) => p.number === statusPort)) app.addPort({ number: statusPort, name: 'stub-status' });
    return app;
  }
}

/** The app container whose port the exporter reads: given, or the one app container that declares it. */
function appReading(
  workload: kplus.AbstractPod, spec: ExporterSpec, apps: kplus.Container[], given: kplus.Container | undefined, port: number,
): kplus.Container {
  const candidates = given ? [given] : apps.filter((c) => c.ports.some((p) => p.number === port));
  if (candidates.length === 1 && candidates[0].ports.some((p) => p.number === port)) return candidates[0];
  if (candidates.length > 1) {
    fail(workload, 'adapter-target-port', 'appContainer', `${candidates.length} app containers declare port ${port}`,
      'name the one the exporter reads with appContainer');
  }
  const declared = apps.map((c) => `"${c.name}": ${c.ports.map((p) => p.number).join(', ') || 'none'}`).join('; ');
  const option = spec.kind === 'custom' ? 'MetricsExporter.custom({ targetPort })' : `MetricsExporter.${spec.kind}({ ${spec.targetField} })`;
  fail(workload, 'adapter-target-port', `exporter.${spec.targetField}`,
    `no app container${given ? ` ("${given.name}")` : ''} declares port ${port}, which the exporter reads `
    + `(declared ports: ${declared || 'no app container'})`,
    `declare the port the app listens on (ports: [{ number: ${port} }]), or pass the port it does listen on as ${option}`);
}

function pathOf(workload: kplus.AbstractPod, field: string, path: unknown): string {
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._~/-]*$/.test(path)) {
    fail(workload, 'adapter-exporter', field, `Invalid value ${JSON.stringify(path)}: must be an absolute URL path of letters, digits and . _ ~ / -`,
      'give a path such as "/metrics"');
  }
  return path;
}

function fail(workload: kplus.AbstractPod, rule: string, field: string, problem: string, fix: string): never {
  throw new PodPatternError(workload, { rule, field, problem, fix });
}
