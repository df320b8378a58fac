import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import {
  assertConfigValue, assertDestinationProps, assertKeyRef, assertNoLiteralSecret, assertSecretKey, destinationFailure,
  destinationPortProblem, hostProblem,
} from './_destination-rules';
import { FLUENT_BIT_CA_FILE, FLUENT_BIT_TAG, FluentBitSection, fluentBitShipper, fluentBitValueProblem } from './_fluent-bit';
import { ILogDestination, LogShipper, LogShipperContext, ShipperKeyFile } from './log-shipper';

/**
 * PEM certificates of the certificate authorities a shipper trusts, held in one key of a Secret or a
 * ConfigMap. ECK's `<cluster>-es-http-certs-public` Secret and cert-manager's certificate Secrets keep the
 * CA under `ca.crt`, the default key.
 */
export class CaBundle {
  /** The CA bundle in one key of a Secret. */
  public static fromSecret(secret: kplus.ISecret, key: string = 'ca.crt'): CaBundle {
    return new CaBundle('Secret', secret, undefined, key);
  }

  /** The CA bundle in one key of a ConfigMap (a CA certificate is public: a ConfigMap is enough). */
  public static fromConfigMap(configMap: kplus.IConfigMap, key: string = 'ca.crt'): CaBundle {
    return new CaBundle('ConfigMap', undefined, configMap, key);
  }

  /**
   * Whether a value is a bundle made by this class. A plain object such as `{ secret, key }` (from
   * JavaScript or `as any`) is not.
   */
  public static isCaBundle(value: unknown): value is CaBundle {
    return value instanceof CaBundle;
  }

  /** A private member makes the type nominal, as for SidecarMode (only declared: nothing at run time). */
  declare private readonly nominal: void;

  private constructor(
    /** Where the bundle is held. */
    public readonly kind: 'Secret' | 'ConfigMap',
    /** The Secret that holds the bundle, when it comes from a Secret. */
    public readonly secret: kplus.ISecret | undefined,
    /** The ConfigMap that holds the bundle, when it comes from a ConfigMap. */
    public readonly configMap: kplus.IConfigMap | undefined,
    /** The key of the bundle in that Secret or ConfigMap. */
    public readonly key: string,
  ) {}
}

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
   * Verify the server certificate (its chain and its host name) against the image's CA bundle, or `ca`.
   * @default true
   */
  readonly verify?: boolean;
  /**
   * The CA bundle to verify the server certificate against, for an Elasticsearch whose certificate comes
   * from a private CA (ECK: `CaBundle.fromSecret(kplus.Secret.fromSecretName(this, 'es-ca',
   * '<cluster>-es-http-certs-public'))`). It replaces the image's bundle: Fluent Bit then trusts only
   * these CAs. The one key is mounted read-only at `/fluent-bit/etc/pod-patterns-ca/ca.crt` and given to
   * Fluent Bit as `tls.ca_file`. Not with `verify: false`, which would ignore it.
   * @default - the image's CA bundle
   */
  readonly ca?: CaBundle;
}

/** Where and how `LogDestination.elasticsearch(...)` ships the logs: a Fluent Bit sidecar writing to an index. */
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
      assertSecretKey(fail, 'basicAuth.passwordSecret', props.basicAuth.passwordSecret,
        'basicAuth.passwordKey', props.basicAuth.passwordKey ?? 'password');
      assertConfigValue(context.workload, 'elasticsearch', 'basicAuth.username', fluentBitValueProblem(props.basicAuth.username),
        'give the user name exactly, on one line, without surrounding spaces or "${"');
      entries.push(['HTTP_User', props.basicAuth.username], ['HTTP_Passwd', `\${${PASSWORD_ENV}}`]);
      envVariables[PASSWORD_ENV] = kplus.EnvValue.fromSecretValue({
        secret: props.basicAuth.passwordSecret,
        key: props.basicAuth.passwordKey ?? 'password',
      });
    }
    this.assertNoCaBesideTls(context);
    const keyFiles: ShipperKeyFile[] = [];
    if (props.tls) {
      const verify = props.tls.verify === false ? 'Off' : 'On';
      // Fluent Bit checks the certificate chain with tls.verify, but the host name only with tls.verify_hostname.
      entries.push(['tls', 'On'], ['tls.verify', verify], ['tls.verify_hostname', verify]);
      const ca = this.caFile(context, props.tls);
      if (ca) {
        keyFiles.push(ca);
        entries.push(['tls.ca_file', `${ca.directory}/${ca.fileName}`]);
      }
    }
    const output: FluentBitSection = { name: 'OUTPUT', entries };
    return fluentBitShipper(context, output, props.basicAuth ? envVariables : undefined, keyFiles);
  }

  /** The CA bundle as a file of the shipper, checked as the API server checks the volume's source and item. */
  private caFile(context: LogShipperContext, tls: ElasticsearchTls): ShipperKeyFile | undefined {
    const ca: unknown = tls.ca;
    if (ca === undefined) return undefined;
    const fail = destinationFailure(context.workload, 'elasticsearch');
    if (!CaBundle.isCaBundle(ca)) {
      return fail('tls.ca', `Unsupported value ${typeof ca === 'object' && ca !== null ? 'a plain object' : JSON.stringify(ca)}: not a CaBundle`,
        'pass CaBundle.fromSecret(secret, key?) or CaBundle.fromConfigMap(configMap, key?)');
    }
    if (tls.verify === false) {
      fail('tls.ca', 'is not used with verify: false: Fluent Bit would not check the server certificate at all',
        'remove verify: false, so the certificate is checked against this CA; or remove ca');
    }
    assertKeyRef(fail, ca.kind, 'tls.ca', ca.kind === 'Secret' ? ca.secret : ca.configMap, 'tls.ca.key', ca.key, 'ca.crt');
    return { ...FLUENT_BIT_CA_FILE, volumeSuffix: 'ca', secret: ca.secret, configMap: ca.configMap, key: ca.key };
  }

  /** From JavaScript a CA can land beside tls instead of inside it, where it would not be used. */
  private assertNoCaBesideTls(context: LogShipperContext): void {
    if ((this.props as unknown as Record<string, unknown>).ca === undefined) return;
    throw new PodPatternError(context.workload, {
      rule: 'destination-tls',
      field: 'destination(elasticsearch).ca',
      problem: this.props.tls
        ? 'is not an option of the destination, so the CA bundle would not be used'
        : 'TLS is off (no tls option), so a CA bundle would not be used: the connection is plain HTTP',
      fix: 'put the CA inside tls (which turns TLS on): tls: { ca: CaBundle.fromSecret(secret, "ca.crt") }',
    });
  }
}

/** Elasticsearch index naming rules (lower case, no path or wildcard characters, at most 255 bytes). */
function elasticsearchIndexProblem(index: unknown): string | undefined {
  if (typeof index !== 'string' || index === '') return 'must not be empty';
  if (index !== index.toLowerCase()) return `must be lower case, got "${index}"`;
  if (/[\\/*?"<>| ,#:]/.test(index)) return `must not contain \\ / * ? " < > | space , # or :, got "${index}"`;
  if (/^[-_+]/.test(index)) return `must not start with -, _ or +, got "${index}"`;
  if (index === '.' || index === '..') return 'must not be "." or ".."';
  if (Buffer.byteLength(index) > 255) return 'must be at most 255 bytes';
  return undefined;
}
