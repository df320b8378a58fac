import { App, AppProps } from 'cdk8s';
import { KUBERNETES_TARGET_CONTEXT } from '../validation/kubernetes-target';
import { InitChainChart } from './init-chain-chart';
import { JavaWebChart } from './javaweb-chart';
import { JavaWebImageFilesChart } from './javaweb-image-files-chart';
import { LogToElasticsearchChart, LogToMongoDbChart } from './log-sidecar-charts';
import { NginxMetricsChart, RedisMetricsChart } from './metrics-adapter-charts';
import { JavaWebTlsChart, RedisAmbassadorChart } from './network-sidecar-charts';
import { TwoContainersChart } from './two-containers-chart';
import { LogDeploymentChart, LogJobChart } from './workload-log-charts';

/**
 * The example app as `src/main.ts` synthesizes it into `dist/`: every chart, for a cluster it states, 1.35
 * (the default too), so that its checks do not change when the default does.
 */
export function exampleApp(props: AppProps = {}): App {
  const app = new App(props);
  app.node.setContext(KUBERNETES_TARGET_CONTEXT, 35);
  addExampleCharts(app);
  return app;
}

/** Adds every chart of the example app. */
export function addExampleCharts(app: App): void {
  new TwoContainersChart(app, 'two-contrains');
  new InitChainChart(app, 'init-chain');
  new JavaWebChart(app, 'javaweb-2');
  new JavaWebImageFilesChart(app, 'javaweb-2-image-volume', { kubernetesMinor: 35 });
  new JavaWebImageFilesChart(app, 'javaweb-2-init-copy', { kubernetesMinor: 33 });
  new LogToElasticsearchChart(app, 'log-to-elasticsearch');
  new LogToMongoDbChart(app, 'log-to-mongodb');
  new LogDeploymentChart(app, 'log-deployment');
  new LogJobChart(app, 'log-job');
  new JavaWebTlsChart(app, 'javaweb-tls');
  new RedisAmbassadorChart(app, 'redis-ambassador');
  new NginxMetricsChart(app, 'nginx-metrics');
  new RedisMetricsChart(app, 'redis-metrics');
}
