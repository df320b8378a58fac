import { App } from 'cdk8s';
import { InitChainChart } from './init-chain-chart';
import { JavaWebChart } from './javaweb-chart';
import { LogToElasticsearchChart, LogToMongoDbChart } from './log-sidecar-charts';
import { JavaWebTlsChart, RedisAmbassadorChart } from './network-sidecar-charts';
import { TwoContainersChart } from './two-containers-chart';
import { LogDeploymentChart, LogJobChart } from './workload-log-charts';

/** Adds every chart of the example app; `src/main.ts` synthesizes them into `dist/`. */
export function addExampleCharts(app: App): void {
  new TwoContainersChart(app, 'two-contrains');
  new InitChainChart(app, 'init-chain');
  new JavaWebChart(app, 'javaweb-2');
  new LogToElasticsearchChart(app, 'log-to-elasticsearch');
  new LogToMongoDbChart(app, 'log-to-mongodb');
  new LogDeploymentChart(app, 'log-deployment');
  new LogJobChart(app, 'log-job');
  new JavaWebTlsChart(app, 'javaweb-tls');
  new RedisAmbassadorChart(app, 'redis-ambassador');
}
