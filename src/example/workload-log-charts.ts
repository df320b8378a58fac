import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { LogDestination, LogSidecar, PodChecks, SidecarMode, useRuntimeDefaultSeccomp } from '..';
import { smallResources } from './_resources';

function elasticsearch(scope: Construct) {
  return LogDestination.elasticsearch({
    host: 'elasticsearch.logging.svc.cluster.local',
    index: 'app-logs',
    tls: { verify: true },
    basicAuth: { username: 'log-shipper', passwordSecret: kplus.Secret.fromSecretName(scope, 'es-credentials', 'elasticsearch-credentials') },
  });
}

const nonRoot = { user: 1000, group: 1000, capabilities: { drop: ['ALL' as kplus.Capability] } };

/** A Deployment whose app logs are shipped by a classic log sidecar, as cdk8s-plus users write workloads. */
export class LogDeploymentChart extends Chart {
  public readonly deployment: kplus.Deployment;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.deployment = new kplus.Deployment(this, 'web', {
      metadata: { name: 'web' },
      replicas: 2,
      containers: [{
        name: 'app',
        image: 'busybox:1.36.1',
        command: ['sh', '-c', 'while true; do echo "$(date) serving" >> /var/log/app.log; sleep 5; done'],
        securityContext: nonRoot,
        resources: smallResources(),
      }],
    });
    LogSidecar.addTo(this.deployment, { destination: elasticsearch(this) });
    // A workload you create is checked at baseline; with the runtime's seccomp profile this one meets restricted.
    useRuntimeDefaultSeccomp(this.deployment);
    PodChecks.of(this.deployment).requirePodSecurity('restricted');
  }
}

/**
 * A Job whose log shipper is a native sidecar (Kubernetes 1.29+): it starts before the app, and the Job
 * completes when the app exits, because Kubernetes then stops the sidecar.
 */
export class LogJobChart extends Chart {
  public readonly job: kplus.Job;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.job = new kplus.Job(this, 'report', {
      metadata: { name: 'nightly-report' },
      containers: [{
        name: 'report',
        image: 'busybox:1.36.1',
        command: ['sh', '-c', 'for i in 1 2 3; do echo "$(date) step $i" >> /var/log/report.log; sleep 1; done'],
        securityContext: nonRoot,
        resources: smallResources(),
      }],
    });
    LogSidecar.addTo(this.job, { destination: elasticsearch(this), mode: SidecarMode.NATIVE });
    useRuntimeDefaultSeccomp(this.job);
    PodChecks.of(this.job).requirePodSecurity('restricted');
  }
}
