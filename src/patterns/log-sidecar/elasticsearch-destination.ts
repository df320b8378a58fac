import * as kplus from 'cdk8s-plus-27';
import { destinationPortProblem, elasticsearchIndexProblem, hostProblem } from './_destination-formats';
import { assertNoLiteralSecret } from './_literal-secrets';
import { assertConfigValue, fluentBitValueProblem } from './_config-values';
import { FluentBitSection } from './fluent-bit-config';
import { FLUENT_BIT_TAG, fluentBitShipper } from './fluent-bit-shipper';
import { ILogDestination, LogShipper, LogShipperContext } from './log-destination';
import { assertDestinationProps, assertSecretKey, destinationFailure } from './_shipper-defaults';

/** Basic authentication against Elasticsearch; the password always comes from a Secret. */
export interface ElasticsearchBasicAuth {
  readonly username: string;
  /** The Secret that holds the password. */
  readonly passwordSecret: kplus.ISecret;
  /**
   * The key of the password in that Secret.
   * @default 'password'
   */
  readonly passwordKey?: string;
}

export interface ElasticsearchTls {
  /**
   * Verify the server certificate against the image's CA bundle.
   * @default true
   */
  readonly verify?: boolean;
}

export interface ElasticsearchDestinationProps {
  /** Host name or IPv4 address of Elasticsearch, e.g. `elasticsearch.logging.svc.cluster.local`. */
  readonly host: string;
  /** @default 9200 */
  readonly port?: number;
  /** The index the log lines are written to. */
  readonly index: string;
  /** @default - plain HTTP */
  readonly tls?: ElasticsearchTls;
  /** @default - no authentication */
  readonly basicAuth?: ElasticsearchBasicAuth;
}

/** The environment variable that carries the password from the Secret into Fluent Bit's `${...}` syntax. */
const PASSWORD_ENV = 'LOG_SHIPPER_ES_PASSWORD';

/** Ships with Fluent Bit's `es` output. */
export class ElasticsearchDestination implements ILogDestination {
  public readonly kind = 'elasticsearch';

  constructor(public readonly props: ElasticsearchDestinationProps) {}

  public shipper(context: LogShipperContext): LogShipper {
    const props = this.props;
    assertDestinationProps(context.workload, 'elasticsearch', props, 'pass { host, index } (and port, tls, basicAuth as needed)');
    const port = props.port ?? 9200;
    const fail = destinationFailure(context.workload, 'elasticsearch');
    assertNoLiteralSecret(context.workload, 'elasticsearch', props, ['password', 'httpPasswd']);
    assertNoLiteralSecret(context.workload, 'elasticsearch.basicAuth', props.basicAuth, ['password']);

    const host = hostProblem(props.host);
    if (host) fail('host', host, 'give the service host name, e.g. "elasticsearch.logging.svc.cluster.local"');
    const portProblem = destinationPortProblem(port);
    if (portProblem) fail('port', portProblem, 'use the HTTP port of Elasticsearch, usually 9200');
    const index = elasticsearchIndexProblem(props.index);
    if (index) fail('index', index, 'name the index in lower case, e.g. "app-logs"');
    assertConfigValue(context.workload, 'elasticsearch', 'index', fluentBitValueProblem(props.index), 'name the index literally, e.g. "app-logs"');

    const entries: Array<[string, string]> = [
      ['Name', 'es'],
      ['Match', FLUENT_BIT_TAG],
      ['Host', props.host],
      ['Port', String(port)],
      ['Index', props.index],
      // Elasticsearch 8 rejects mapping types; 7.x accepts requests without them.
      ['Suppress_Type_Name', 'On'],
      ['Retry_Limit', '5'],
    ];
    const envVariables: Record<string, kplus.EnvValue> = {};
    if (props.basicAuth) {
      if (!props.basicAuth.username) fail('basicAuth.username', 'must not be empty', 'give the Elasticsearch user name');
      assertSecretKey(fail, 'basicAuth.passwordSecret', props.basicAuth.passwordSecret, 'basicAuth.passwordKey', props.basicAuth.passwordKey ?? 'password');
      assertConfigValue(context.workload, 'elasticsearch', 'basicAuth.username', fluentBitValueProblem(props.basicAuth.username),
        'give the user name exactly, on one line, without surrounding spaces or "${"');
      entries.push(['HTTP_User', props.basicAuth.username], ['HTTP_Passwd', `\${${PASSWORD_ENV}}`]);
      envVariables[PASSWORD_ENV] = kplus.EnvValue.fromSecretValue({
        secret: props.basicAuth.passwordSecret,
        key: props.basicAuth.passwordKey ?? 'password',
      });
    }
    if (props.tls) {
      const verify = props.tls.verify === false ? 'Off' : 'On';
      // Fluent Bit checks the certificate chain with tls.verify, but the host name only with tls.verify_hostname.
      entries.push(['tls', 'On'], ['tls.verify', verify], ['tls.verify_hostname', verify]);
    }
    const output: FluentBitSection = { name: 'OUTPUT', entries };
    return fluentBitShipper(context, output, props.basicAuth ? envVariables : undefined);
  }
}
