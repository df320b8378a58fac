import { ApiObject, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { InitChain, LogDestination, LogSidecarPod, SharedVolume } from '../src';

/**
 * The benchmark pod, written four ways: an app and a helper sharing a volume, a two-step init chain, and a
 * Fluent Bit log sidecar with its generated ConfigMap.
 */
const IMAGE = 'busybox:1.36.1';
/** busybox runs as root: the non-root pod needs a uid to start. */
const asUser = { user: 1000, group: 1000 };
const app = (): kplus.ContainerProps => ({ name: 'app', image: IMAGE, command: ['sh', '-c', 'date >> /var/log/app.log'], ports: [{ number: 8080 }] });
const helper = { name: 'helper', image: IMAGE, command: ['sh', '-c', 'sleep 3600'] };
const steps = [
  { name: 'migrate', image: IMAGE, command: ['sh', '-c', 'echo migrate'] },
  { name: 'seed', image: IMAGE, command: ['sh', '-c', 'echo seed'] },
];

/** (a) With the pattern constructs. */
export function patternPod(chart: Chart, i: number): void {
  const pod = new LogSidecarPod(chart, `pod-${i}`, {
    metadata: { name: `pod-${i}` }, securityContext: asUser, containers: [app()], destination: LogDestination.stdout(),
  });
  InitChain.addTo(pod, { steps });
  const shared = SharedVolume.addTo(pod, { volumeName: 'exchange', containers: [{ ...helper, mountPath: '/exchange' }] });
  shared.mount(pod.appContainers[0], { mountPath: '/exchange' });
}

/** What a hand-written version needs to know of the generated shipper configuration. */
export interface ShipperConfig {
  readonly configMapName: (i: number) => string;
  readonly fileName: string;
  readonly text: string;
}

/** (b) The same pod hand-written with cdk8s-plus-27, emitting the same documents. */
export function handWrittenPod(chart: Chart, i: number, shipper: ShipperConfig): void {
  const dropAll = { capabilities: { drop: ['ALL' as kplus.Capability] } };
  const logs = kplus.Volume.fromEmptyDir(chart, `logs-${i}`, 'app-logs');
  const exchange = kplus.Volume.fromEmptyDir(chart, `exchange-${i}`, 'exchange');
  const config = new kplus.ConfigMap(chart, `config-${i}`, {
    metadata: { name: shipper.configMapName(i) }, data: { [shipper.fileName]: shipper.text }, immutable: true,
  });
  const configVolume = kplus.Volume.fromConfigMap(chart, `config-volume-${i}`, config, { name: 'log-shipper-config' });
  const state = kplus.Volume.fromEmptyDir(chart, `state-${i}`, 'log-shipper-state');
  const pod = new kplus.Pod(chart, `pod-${i}`, { metadata: { name: `pod-${i}` }, securityContext: asUser });
  pod.addContainer({
    ...app(), securityContext: dropAll, volumeMounts: [{ volume: logs, path: '/var/log' }, { volume: exchange, path: '/exchange' }],
  });
  pod.addContainer({
    name: 'log-shipper',
    image: 'fluent/fluent-bit:3.2.10',
    command: ['/fluent-bit/bin/fluent-bit'],
    args: ['--config', '/fluent-bit/etc/pod-patterns/fluent-bit.conf'],
    securityContext: {
      ensureNonRoot: true, user: 10001, group: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, ...dropAll,
    },
    resources: {
      cpu: { request: kplus.Cpu.millis(20), limit: kplus.Cpu.millis(200) },
      memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
    },
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    volumeMounts: [
      { volume: logs, path: '/var/log', readOnly: true },
      { volume: configVolume, path: '/fluent-bit/etc/pod-patterns', readOnly: true },
      { volume: state, path: '/fluent-bit/state' },
    ],
  });
  for (const step of steps) pod.addInitContainer({ ...step, securityContext: dropAll });
  pod.addContainer({ ...helper, securityContext: dropAll, volumeMounts: [{ volume: exchange, path: '/exchange' }] });
  ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
}

/** (c) The same manifests as raw ApiObjects. */
export function rawPod(chart: Chart, i: number, manifests: (i: number) => any[]): void {
  manifests(i).forEach((m, j) => new ApiObject(chart, `obj-${i}-${j}`, m));
}
