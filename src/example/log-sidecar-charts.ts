import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ILogDestination, LogDestination, LogSidecarPod } from '..';
import { smallResources } from './_resources';

/** An app that appends a line to /var/log/app.log every second, as a non-root user. */
function loggingApp(): kplus.ContainerProps {
  return {
    name: 'app',
    image: 'busybox:1.36.1',
    command: ['sh', '-c', 'while true; do echo "$(date) app is working" >> /var/log/app.log; sleep 1; done'],
    securityContext: { user: 1000, group: 1000 },
    resources: smallResources(),
  };
}

function logPod(scope: Construct, name: string, destination: ILogDestination): LogSidecarPod {
  return new LogSidecarPod(scope, name, {
    metadata: { name },
    containers: [loggingApp()],
    logDirectory: '/var/log',
    destination,
  });
}

/** The article's log pod, shipped to Elasticsearch by Fluent Bit; the password comes from a Secret. */
export class LogToElasticsearchChart extends Chart {
  public readonly pod: LogSidecarPod;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.pod = logPod(this, 'log-to-elasticsearch', LogDestination.elasticsearch({
      host: 'elasticsearch.logging.svc.cluster.local',
      port: 9200,
      index: 'app-logs',
      tls: { verify: true },
      basicAuth: {
        username: 'log-shipper',
        passwordSecret: kplus.Secret.fromSecretName(this, 'es-credentials', 'elasticsearch-credentials'),
        passwordKey: 'password',
      },
    }));
  }
}

/**
 * The same pod shipped to MongoDB by Fluentd with fluent-plugin-mongo, from the image that
 * `src/patterns/log-sidecar/fluentd-mongo.Dockerfile` builds (pushed to your own registry).
 */
export class LogToMongoDbChart extends Chart {
  public readonly pod: LogSidecarPod;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.pod = logPod(this, 'log-to-mongodb', LogDestination.mongodb({
      image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3',
      // The Secret's URI must name this database in its path, e.g. mongodb://shipper:...@mongodb:27017/logs.
      connectionString: { secret: kplus.Secret.fromSecretName(this, 'mongo-uri', 'mongodb-connection'), key: 'uri' },
      database: 'logs',
      collection: 'app_logs',
    }));
  }
}
