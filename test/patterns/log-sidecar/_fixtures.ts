import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ILogDestination, LogDestination, LogSidecarPod, LogSidecarPodProps } from '../../../src';
import { ShipperKeyFile } from '../../../src/patterns/log-sidecar/log-shipper';

/** busybox runs as root: under cdk8s-plus's runAsNonRoot it needs a uid to start (rule run-as-non-root-image-user). */
export const app = (): kplus.ContainerProps => ({
  name: 'app', image: 'busybox:1.36.1', command: ['sh', '-c', 'echo hi >> /var/log/app.log'], securityContext: { user: 1000 },
});

export function esDestination(chart: Chart, overrides: Record<string, unknown> = {}): ILogDestination {
  return LogDestination.elasticsearch({
    host: 'elasticsearch.logging.svc.cluster.local',
    index: 'app-logs',
    basicAuth: { username: 'shipper', passwordSecret: kplus.Secret.fromSecretName(chart, 'es', 'es-credentials') },
    ...overrides,
  } as any);
}

export function mongoDestination(chart: Chart, overrides: Record<string, unknown> = {}): ILogDestination {
  return LogDestination.mongodb({
    image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3',
    connectionString: { secret: kplus.Secret.fromSecretName(chart, 'mongo', 'mongo-uri'), key: 'uri' },
    database: 'logs',
    collection: 'app_logs',
    ...overrides,
  } as any);
}

/** Synthesizes one LogSidecarPod and returns the pod and the generated ConfigMap (if any). */
export function synthLogPod(destination: (chart: Chart) => ILogDestination, props: Partial<LogSidecarPodProps> = {}) {
  const chart = Testing.chart();
  const pod = new LogSidecarPod(chart, 'pod', { containers: [app()], destination: destination(chart), ...props });
  const docs = Testing.synth(chart);
  return {
    pod,
    docs,
    podDoc: docs.find((d) => d.kind === 'Pod'),
    configMap: docs.find((d) => d.kind === 'ConfigMap'),
  };
}

export function configText(configMap: any): string {
  const values = Object.values(configMap.data) as string[];
  expect(values).toHaveLength(1);
  return values[0];
}

/** The stdout shipper (config in /fluent-bit/etc/pod-patterns, state in /fluent-bit/state) with key files. */
export const withKeyFiles = (keyFiles: Array<Partial<ShipperKeyFile>>): ILogDestination => ({
  kind: 'test',
  shipper: (context) => ({ ...LogDestination.stdout().shipper(context), keyFiles: keyFiles as ShipperKeyFile[] }),
});

/** A CA bundle from a Secret key, as a key file of the shipper. */
export const caFile = (chart: Chart, overrides: Partial<ShipperKeyFile> = {}): Partial<ShipperKeyFile> => ({
  volumeSuffix: 'ca', directory: '/etc/shipper-ca', fileName: 'ca.crt', key: 'ca.pem',
  secret: kplus.Secret.fromSecretName(chart, 'ca', 'es-ca'), ...overrides,
});
