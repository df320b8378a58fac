import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import {
  assertConfigValue, assertDestinationProps, assertNoLiteralSecret, assertSecretKey, destinationFailure, destinationPortProblem, hostProblem,
  imageNameProblem, shipperResources, shipperSecurityContext,
} from './_destination-rules';
import {
  CredentialSource, FluentdDirective, fluentdRequiredEnv, fluentdString, fluentdValueProblem, renderFluentdConfig, rubyString,
} from './_fluentd';
import { ILogDestination, LogShipper, LogShipperContext } from './log-shipper';

/**
 * The official Fluentd image that `fluentd-mongo.Dockerfile` extends with fluent-plugin-mongo. The official
 * image itself has no MongoDB output, so it is never used directly.
 */
export const FLUENTD_BASE_IMAGE = 'fluent/fluentd:v1.16.11-debian-1.0';

/** The fluent-plugin-mongo release that `fluentd-mongo.Dockerfile` installs. */
export const FLUENT_PLUGIN_MONGO_VERSION = '1.6.3';

/** The numeric user that `fluentd-mongo.Dockerfile` gives the image's `fluent` account. */
export const FLUENTD_MONGO_UID = 10001;

/** A value held in a Secret. */
export interface SecretKeyRef {
  readonly secret: kplus.ISecret;
  readonly key: string;
}

export interface MongoDbAuth {
  readonly username: string;
  /** The Secret key that holds the password. */
  readonly password: SecretKeyRef;
  /**
   * The database that defines the user.
   * @default - the `database` written to
   */
  readonly authSource?: string;
}

/** Where and how `LogDestination.mongodb(...)` ships the logs: a Fluentd sidecar writing to a MongoDB collection. */
export interface MongoDbDestinationProps {
  /**
   * A Fluentd image that contains fluent-plugin-mongo, built from `fluentd-mongo.Dockerfile` (shipped with
   * this library) and pinned to a tag. The official `fluent/fluentd` image lacks the plugin.
   */
  readonly image: string;
  /**
   * MongoDB host name or IPv4 address. Give either `host` or `connectionString`.
   * @default - none
   */
  readonly host?: string;
  /** @default 27017 */
  readonly port?: number;
  /**
   * A `mongodb://` or `mongodb+srv://` URI held in a Secret (it usually carries credentials). fluent-plugin-mongo
   * writes into the database of the URI's path, and into `admin` when the path is missing; so the URI must
   * name `database` in its path (`mongodb://user:pass@host:27017/logs?authSource=admin`), and the shipper
   * stops at start, naming the Secret key, when it is empty or names another database.
   * @default - none
   */
  readonly connectionString?: SecretKeyRef;
  /**
   * The database written to. Required with `host` and with `connectionString` (where it must be the URI's
   * path), so that the manifest says where the logs go.
   */
  readonly database: string;
  /** The collection the log lines are written to. */
  readonly collection: string;
  /** @default - no authentication (with `host`) */
  readonly auth?: MongoDbAuth;
}

const CONFIG_DIRECTORY = '/fluentd/etc/pod-patterns';
const CONFIG_FILE = 'fluent.conf';
const STATE_DIRECTORY = '/fluentd/state';
const URI_ENV = 'LOG_SHIPPER_MONGO_URI';
const PASSWORD_ENV = 'LOG_SHIPPER_MONGO_PASSWORD';
const TAG = 'app.logs';

/** Ships with Fluentd's `mongo` output (fluent-plugin-mongo), from an image the user builds. */
export class MongoDbDestination implements ILogDestination {
  public readonly kind = 'mongodb';

  constructor(public readonly props: MongoDbDestinationProps) {}

  public shipper(context: LogShipperContext): LogShipper {
    const props = this.props;
    assertDestinationProps(context.workload, 'mongodb', props, 'pass { image, collection } and either host (with database) or connectionString');
    const fail = destinationFailure(context.workload, 'mongodb');
    assertNoLiteralSecret(context.workload, 'mongodb', props, ['password']);
    if (props.auth && typeof (props.auth as unknown as { password: unknown }).password === 'string') {
      throw new PodPatternError(context.workload, {
        rule: 'literal-secret',
        field: 'destination(mongodb).auth.password',
        problem: 'a password given as a literal would be written in clear text into the manifest',
        fix: 'put it in a Secret and pass { secret, key }',
      });
    }
    if (props.auth && !props.auth.password?.secret) {
      fail('auth.password', 'Required value: the password Secret is missing', 'pass auth.password: { secret, key }');
    }
    if (props.auth) assertSecretKey(fail, 'auth.password.secret', props.auth.password.secret, 'auth.password.key', props.auth.password.key);

    const imageProblem = imageNameProblem(props.image);
    if (imageProblem) {
      fail('image', imageProblem,
        'build fluentd-mongo.Dockerfile and pass its pinned image, e.g. "registry.example.com/fluentd-mongo:1.16.11-1.6.3"');
    }
    if (/^(docker\.io\/)?fluent\/fluentd(:|@)/.test(props.image)) {
      fail('image', `"${props.image}" is the official Fluentd image, which has no MongoDB output (fluent-plugin-mongo)`,
        'build fluentd-mongo.Dockerfile (shipped with cdk8s-pod-patterns), push it, and pass that image');
    }
    const collection = mongoCollectionProblem(props.collection);
    if (collection) fail('collection', collection, 'name the collection, e.g. "app_logs"');
    assertConfigValue(context.workload, 'mongodb', 'collection', fluentdValueProblem(props.collection), 'name the collection, e.g. "app_logs"');

    const match: Array<[string, string]> = [['@type', 'mongo']];
    const env: Record<string, kplus.EnvValue> = {};
    if (props.connectionString && props.host !== undefined) {
      fail('host', 'host and connectionString are both given', 'give one of them');
    }
    if (!props.connectionString && props.host === undefined) {
      fail('host', 'Required value: neither host nor connectionString is given', 'give host (and database), or a connectionString Secret');
    }
    const database = mongoDatabaseProblem(props.database);
    if (database) fail('database', database, 'name the database the logs are written to, e.g. "logs"');
    assertConfigValue(context.workload, 'mongodb', 'database', fluentdValueProblem(props.database), 'name the database, e.g. "logs"');
    if (props.connectionString) {
      if (props.auth) fail('auth', 'is ignored with a connection string', 'put the credentials in the connection string Secret');
      assertSecretKey(fail, 'connectionString.secret', props.connectionString.secret, 'connectionString.key', props.connectionString.key);
      env[URI_ENV] = kplus.EnvValue.fromSecretValue({ secret: props.connectionString.secret, key: props.connectionString.key });
      const source = { variable: URI_ENV, secretName: props.connectionString.secret.name, secretKey: props.connectionString.key };
      match.push(['connection_string', fluentdRequiredEnv(source, uriDatabaseGuard(source, props.database))]);
    } else {
      const host = hostProblem(props.host);
      if (host) fail('host', host, 'give the service host name, e.g. "mongodb.data.svc.cluster.local"');
      const port = props.port ?? 27017;
      const portProblem = destinationPortProblem(port);
      if (portProblem) fail('port', portProblem, 'use the MongoDB port, usually 27017');
      match.push(['host', props.host!], ['port', String(port)], ['database', fluentdString(props.database)]);
      if (props.auth) {
        if (!props.auth.username) fail('auth.username', 'must not be empty', 'give the MongoDB user name');
        assertConfigValue(context.workload, 'mongodb', 'auth.username', fluentdValueProblem(props.auth.username),
          'give the user name exactly, on one line, without surrounding spaces or "#{"');
        env[PASSWORD_ENV] = kplus.EnvValue.fromSecretValue({ secret: props.auth.password.secret, key: props.auth.password.key });
        const source = { variable: PASSWORD_ENV, secretName: props.auth.password.secret.name, secretKey: props.auth.password.key };
        match.push(['user', fluentdString(props.auth.username)], ['password', fluentdRequiredEnv(source)]);
        if (props.auth.authSource !== undefined) {
          // authSource names a database: the same rules as database.
          const authSource = mongoDatabaseProblem(props.auth.authSource);
          if (authSource) fail('auth.authSource', authSource, 'name the database that defines the user, e.g. "admin", or leave authSource out');
          assertConfigValue(context.workload, 'mongodb', 'auth.authSource', fluentdValueProblem(props.auth.authSource),
            'name the database that defines the user, e.g. "admin"');
          match.push(['auth_source', fluentdString(props.auth.authSource)]);
        }
      }
    }
    match.push(['collection', fluentdString(props.collection)]);

    const config: FluentdDirective[] = [
      // The connection string can carry a password; fluentd would print it in its startup config dump.
      { name: 'system', params: [['log_level', 'info'], ['suppress_config_dump', 'true']] },
      {
        name: 'source',
        params: [
          ['@type', 'tail'],
          ['path', fluentdString(`${context.logDirectory}/${context.filePattern}`)],
          ['pos_file', `${STATE_DIRECTORY}/tail.pos`],
          ['tag', TAG],
          ['path_key', 'file'],
          ['read_from_head', 'true'],
          ['refresh_interval', '5'],
        ],
        children: [{ name: 'parse', params: [['@type', 'none']] }],
      },
      {
        name: 'match',
        arg: TAG,
        params: match,
        children: [{
          name: 'buffer',
          params: [
            ['@type', 'file'],
            ['path', `${STATE_DIRECTORY}/buffer`],
            ['flush_interval', '5s'],
            ['flush_at_shutdown', 'true'],
            ['chunk_limit_size', '8m'],
            ['total_limit_size', '256m'],
            // Fluentd's backoff doubles without a cap (an hour between tries after a 12-try outage); capped,
            // shipping resumes within half a minute of MongoDB coming back.
            ['retry_max_interval', '30s'],
          ],
        }],
      },
    ];

    return {
      image: props.image,
      // The image's entrypoint (tini + entrypoint.sh) stays; only fluentd's arguments are set.
      args: ['fluentd', '--config', `${CONFIG_DIRECTORY}/${CONFIG_FILE}`],
      envVariables: Object.keys(env).length ? env : undefined,
      configFiles: { [CONFIG_FILE]: renderFluentdConfig(config) },
      configDirectory: CONFIG_DIRECTORY,
      // fluentd's supervisor also keeps a socket under /tmp, so /tmp gets an emptyDir too.
      stateDirectories: [STATE_DIRECTORY, '/tmp'],
      // fluentd's own directory, and Ruby with the gems (fluentd, fluent-plugin-mongo) of the base image.
      imagePaths: ['/fluentd', '/usr/local/bundle', '/usr/local/bin', '/usr/local/lib'],
      securityContext: shipperSecurityContext(FLUENTD_MONGO_UID),
      resources: shipperResources([50, 500], [128, 512]),
    };
  }
}

/**
 * Ruby statements, run on the URI `v` at Fluentd's start, that stop it unless the URI's path names
 * `database`. fluent-plugin-mongo 1.6.3 passes the URI alone to the driver (out_mongo.rb, `client`), so a
 * URI without a path writes into `admin`; the URI is in a Secret, so this is the first moment it can be seen.
 * The path is the part after the host list up to `?`, percent-decoded, as the driver reads it (Mongo::URI).
 */
function uriDatabaseGuard(source: CredentialSource, database: string): string[] {
  const prefix = `cdk8s-pod-patterns: ${source.variable} (key ${source.secretKey} of Secret ${source.secretName})`;
  return [
    "require 'uri'",
    'd = URI::DEFAULT_PARSER.unescape(v[%r{\\Amongodb(?:\\+srv)?://[^/?#]*/([^?#]*)}, 1].to_s)',
    `abort(${rubyString(`${prefix} names no database, so the logs would go to admin: end the host list with /${database}, `
      + `e.g. mongodb://host:27017/${database}`)}) if d.empty?`,
    `abort(${rubyString(`${prefix} names the database `)} + d.inspect + ${rubyString(`, but the shipper is declared to write to `
      + `${database}: make the URI path and the database prop agree`)}) if d != ${rubyString(database)}`,
  ];
}

/** MongoDB database names: non-empty, under 64 bytes, none of / \ . " $ space. */
function mongoDatabaseProblem(database: unknown): string | undefined {
  if (typeof database !== 'string' || database === '') return 'must not be empty';
  if (/[/\\. "$]/.test(database)) return `must not contain / \\ . " $ or a space, got "${database}"`;
  if (Buffer.byteLength(database) >= 64) return 'must be shorter than 64 bytes';
  return undefined;
}

/** MongoDB collection names: non-empty, no `$`, not in the reserved `system.` namespace. */
function mongoCollectionProblem(collection: unknown): string | undefined {
  if (typeof collection !== 'string' || collection === '') return 'must not be empty';
  if (collection.includes('$')) return `must not contain $, got "${collection}"`;
  if (collection.startsWith('system.')) return `must not start with "system." (reserved), got "${collection}"`;
  return undefined;
}
