import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Ambassador, CaBundle, InitChainPod, PodChecks, ProxySidecar, RootImage, useRuntimeDefaultSeccomp } from '..';
import { smallResources } from './_resources';
import { tomcat, warStep } from './javaweb-chart';

/**
 * The article's Tomcat (javaweb-2) behind a TLS proxy: the init step copies the WAR, Tomcat serves plain
 * HTTP on 8080 inside the pod, and an nginx sidecar terminates TLS on 8443 with the certificate of the
 * `javaweb-tls` Secret (cert-manager writes one for a Certificate). The Service targets the proxy only;
 * the article's hostPort is gone: the Service is the way in.
 */
export class JavaWebTlsChart extends Chart {
  public readonly pod: InitChainPod;
  public readonly proxy: ProxySidecar;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const appVolume = kplus.Volume.fromEmptyDir(this, 'app-volume', 'app-volume');
    this.pod = new InitChainPod(this, 'javaweb-tls', {
      metadata: { name: 'javaweb-tls', labels: { app: 'javaweb-tls' } },
      // The article's images run as root: baseline allows that, restricted does not (the proxy itself is restricted).
      podSecurity: 'baseline',
      securityContext: RootImage.podSecurityContext(),
      steps: [warStep(appVolume)],
      // No hostPort: the Service is the way in.
      containers: [tomcat(appVolume, [{ number: 8080 }])],
    });
    this.proxy = ProxySidecar.addTo(this.pod, {
      appPort: 8080,
      tlsSecret: kplus.Secret.fromSecretName(this, 'tls', 'javaweb-tls'),
      redirectPort: 8081,
      readinessPath: '/sample/',
    });
    // Not named like the pod: cdk8s's validation report finds a construct by its resource name alone.
    this.proxy.exposeViaService(this, 'service', { name: 'javaweb' });
  }
}

/**
 * A Deployment whose app reaches a remote Redis through an ambassador: the app talks to
 * 127.0.0.1:6379 (given in REDIS_ADDR), and the sidecar carries each connection to the Redis service
 * over TLS, verifying it with the CA in the `redis-ca` Secret.
 */
export class RedisAmbassadorChart extends Chart {
  public readonly deployment: kplus.Deployment;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.deployment = new kplus.Deployment(this, 'cache-client', {
      metadata: { name: 'cache-client' },
      replicas: 2,
      // The redis image's own user (uid 999), so the pod runs as non-root.
      securityContext: { user: 999, group: 999 },
      containers: [{
        name: 'app',
        image: 'redis:7.2.4-alpine',
        // A stand-in for an app: it pings the remote Redis through the ambassador every 10 seconds.
        command: ['sh', '-c', 'while true; do redis-cli -u "redis://$REDIS_ADDR" ping; sleep 10; done'],
        securityContext: { user: 999, group: 999, capabilities: { drop: ['ALL' as kplus.Capability] } },
        resources: smallResources(),
      }],
    });
    // A workload of plain cdk8s-plus, made restricted as dist/log-deployment.k8s.yaml is.
    useRuntimeDefaultSeccomp(this.deployment);
    PodChecks.of(this.deployment).requirePodSecurity('restricted');
    Ambassador.addTo(this.deployment, {
      remoteHost: 'redis.data.svc.cluster.local',
      remotePort: 6380,
      localPort: 6379,
      envVariable: 'REDIS_ADDR',
      tls: { ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(this, 'redis-ca', 'redis-ca')) },
    });
  }
}
