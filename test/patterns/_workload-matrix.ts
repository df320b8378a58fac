import { ApiObject, Chart, Cron, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Ambassador, ImageFiles, InitChain, LogDestination, LogSidecar, MetricsAdapter, MetricsExporter, ProxySidecar, SharedVolume, SidecarMode } from '../../src';

/** Each pattern on each workload kind: valid for the 1.27 schema, the check engine and (strictly) the API. */
const app = (): kplus.ContainerProps => ({ name: 'app', image: 'busybox:1.36.1', command: ['sh', '-c', 'date >> /var/log/app.log'], ports: [{ number: 8080 }] });

/** busybox runs as root: under cdk8s-plus's runAsNonRoot the pod needs a uid to start (run-as-non-root-image-user). */
const asUser = { securityContext: { user: 1000 } };

export const WORKLOADS: Array<[string, (chart: Chart) => kplus.AbstractPod]> = [
  ['Pod', (c) => new kplus.Pod(c, 'w', { ...asUser, containers: [app()] })],
  ['Deployment', (c) => new kplus.Deployment(c, 'w', { ...asUser, containers: [app()] })],
  ['StatefulSet', (c) => new kplus.StatefulSet(c, 'w', { ...asUser, containers: [app()] })],
  ['DaemonSet', (c) => new kplus.DaemonSet(c, 'w', { ...asUser, containers: [app()] })],
  ['Job', (c) => new kplus.Job(c, 'w', { ...asUser, containers: [app()] })],
  ['CronJob', (c) => new kplus.CronJob(c, 'w', { ...asUser, schedule: Cron.daily(), containers: [app()] })],
];

export const isJob = (w: kplus.AbstractPod) => w instanceof kplus.Job || w instanceof kplus.CronJob;

export const PATTERNS: Array<[string, (w: kplus.AbstractPod) => void]> = [
  ['SharedVolume', (w) => {
    const shared = SharedVolume.addTo(w, { volumeName: 'exchange', containers: [{ name: 'helper', image: 'busybox:1.36.1', mountPath: '/exchange' }] });
    shared.mount(w.containers[0], { mountPath: '/data' });
  }],
  ['InitChain', (w) => {
    InitChain.addTo(w, { steps: [{ name: 'migrate', image: 'busybox:1.36.1', command: ['true'] }, { name: 'seed', image: 'busybox:1.36.1', command: ['true'] }] });
  }],
  ['LogSidecar', (w) => {
    // A classic sidecar would keep a Job from completing: Jobs get a native one.
    LogSidecar.addTo(w, { destination: LogDestination.stdout(), mode: isJob(w) ? SidecarMode.NATIVE : SidecarMode.CLASSIC });
  }],
  ['LogSidecar (native)', (w) => LogSidecar.addTo(w, { destination: LogDestination.stdout(), mode: SidecarMode.NATIVE })],
  ['ProxySidecar', (w) => {
    // A classic proxy would keep a Job from completing, as a classic log sidecar would.
    ProxySidecar.addTo(w, { appPort: 8080, tlsSecret: kplus.Secret.fromSecretName(w, 'tls', 'web-tls'), mode: isJob(w) ? SidecarMode.NATIVE : SidecarMode.CLASSIC });
  }],
  ['ProxySidecar (native)', (w) => ProxySidecar.addTo(w, { appPort: 8080, tlsSecret: kplus.Secret.fromSecretName(w, 'tls', 'web-tls'), mode: SidecarMode.NATIVE })],
  ['Ambassador', (w) => {
    Ambassador.addTo(w, { remoteHost: 'redis.data.svc.cluster.local', remotePort: 6380, localPort: 6379, tls: {}, mode: isJob(w) ? SidecarMode.NATIVE : SidecarMode.CLASSIC });
  }],
  ['MetricsAdapter', (w) => {
    MetricsAdapter.addTo(w, {
      exporter: MetricsExporter.custom({ image: 'registry.example.com/exporter:1.0.0', targetPort: 8080, metricsPort: 9100 }),
      mode: isJob(w) ? SidecarMode.NATIVE : SidecarMode.CLASSIC,
    });
  }],
  // The default target, 1.35, serves image volumes.
  ['ImageFiles', (w) => ImageFiles.addTo(w, { image: 'registry.example.com/data:1.0.0', path: '/data', container: w.containers[0], mountPath: '/data' })],
  ['LogSidecar (shutdown marker)', (w) => {
    LogSidecar.addTo(w, { destination: LogDestination.stdout(), mode: SidecarMode.shutdownMarker() });
    // A Job whose app never creates the marker would hang: the mode requires an active deadline there.
    if (isJob(w)) ApiObject.of(w).addJsonPatch(JsonPatch.add(w instanceof kplus.CronJob ? '/spec/jobTemplate/spec/activeDeadlineSeconds' : '/spec/activeDeadlineSeconds', 3600));
  }],
];

// The shutdown marker is for pods that run to completion; elsewhere it is refused (sidecar-mode.test.ts).
const RUNS_TO_COMPLETION = new Set(['Job', 'CronJob']);
export const matrix = PATTERNS.flatMap(([pattern, apply]) => WORKLOADS
  .filter(([kind]) => pattern !== 'LogSidecar (shutdown marker)' || RUNS_TO_COMPLETION.has(kind))
  .map(([kind, make]) => [pattern, kind, apply, make] as const));

