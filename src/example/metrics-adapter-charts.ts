import { Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MetricsAdapter, MetricsExporter, PodChecks, useRuntimeDefaultSeccomp } from '..';
import { smallResources } from './_resources';

/**
 * A web server presented as Prometheus metrics: the unprivileged nginx image serving on 8080, and the nginx
 * exporter reading the stub_status server the adapter adds to it (127.0.0.1:8081), with the scrape
 * annotations on the pod and a PodMonitor for the Prometheus Operator.
 */
export class NginxMetricsChart extends Chart {
  public readonly deployment: kplus.Deployment;
  public readonly adapter: MetricsAdapter;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const cache = kplus.Volume.fromEmptyDir(this, 'nginx-tmp', 'nginx-tmp', { sizeLimit: Size.mebibytes(64) });
    this.deployment = new kplus.Deployment(this, 'nginx', {
      metadata: { name: 'nginx' },
      replicas: 2,
      securityContext: { user: 101, group: 101 },
      containers: [{
        name: 'nginx',
        image: 'nginxinc/nginx-unprivileged:1.28.0-alpine',
        ports: [{ number: 8080, name: 'http' }],
        securityContext: { user: 101, group: 101, capabilities: { drop: ['ALL' as kplus.Capability] } },
        // nginx writes its pid and temporary files under /tmp; the root filesystem stays read-only.
        volumeMounts: [{ volume: cache, path: '/tmp' }],
        readiness: kplus.Probe.fromHttpGet('/', { port: 8080 }),
        resources: smallResources(),
      }],
    });
    useRuntimeDefaultSeccomp(this.deployment);
    PodChecks.of(this.deployment).requirePodSecurity('restricted');
    this.adapter = MetricsAdapter.addTo(this.deployment, { exporter: MetricsExporter.nginx() });
    this.adapter.addPodMonitor();
  }
}

/** Redis presented as Prometheus metrics: the Redis exporter beside it, reading INFO on 127.0.0.1:6379. */
export class RedisMetricsChart extends Chart {
  public readonly statefulSet: kplus.StatefulSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const data = kplus.Volume.fromEmptyDir(this, 'redis-data', 'redis-data');
    this.statefulSet = new kplus.StatefulSet(this, 'redis', {
      metadata: { name: 'redis' },
      securityContext: { user: 999, group: 999 },
      containers: [{
        name: 'redis',
        image: 'redis:7.2.4-alpine',
        ports: [{ number: 6379, name: 'redis' }],
        securityContext: { user: 999, group: 999, capabilities: { drop: ['ALL' as kplus.Capability] } },
        volumeMounts: [{ volume: data, path: '/data' }],
        readiness: kplus.Probe.fromTcpSocket({ port: 6379 }),
        resources: smallResources(),
      }],
    });
    useRuntimeDefaultSeccomp(this.statefulSet);
    PodChecks.of(this.statefulSet).requirePodSecurity('restricted');
    MetricsAdapter.addTo(this.statefulSet, { exporter: MetricsExporter.redis() });
  }
}
