import { spawnSync } from 'child_process';
import * as kplus from 'cdk8s-plus-27';
import { configText, mongoDestination, synthLogPod } from '../patterns/log-sidecar/_fixtures';

/**
 * The credential guards of the MongoDB shipper, run as Ruby: the embedded code of a generated value is what
 * Fluentd evaluates while it parses its configuration (fluentd v1.16.11, config/literal_parser.rb,
 * `eval_embedded_code`), so running the same code under `ruby` shows what the shipper does at start.
 * `npm run verify:fluentd-mongo` runs the whole Fluentd; this needs only a Ruby. A system test
 * (`npm run test:system`, run by CI, which installs Ruby): it fails without one.
 */

/** The Ruby code inside `name "#{...}"` of the generated configuration. */
function embeddedCode(text: string, name: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`  ${name} "#{`));
  if (!line) throw new Error(`no interpolated ${name} in\n${text}`);
  return line.slice(`  ${name} "#{`.length, -'}"'.length);
}

/** Runs the code with one environment variable set (or unset, for undefined); returns what Fluentd would get. */
function evaluate(code: string, variable: string, value: string | undefined) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  if (value !== undefined) env[variable] = value;
  const result = spawnSync('ruby', ['-e', `value = begin; ${code}; end; print value`], { env, encoding: 'utf8' });
  return { status: result.status, value: result.stdout, message: result.stderr.trim() };
}

describe('the MongoDB shipper stops at start on a missing or empty credential (run with ruby)', () => {
  const uriCode = embeddedCode(configText(synthLogPod((chart) => mongoDestination(chart)).configMap), 'connection_string');
  const passwordCode = embeddedCode(configText(synthLogPod((chart) => mongoDestination(chart, {
    connectionString: undefined, host: 'mongodb', database: 'logs',
    auth: { username: 'shipper', password: { secret: kplus.Secret.fromSecretName(chart, 'p', 'mongo-auth'), key: 'pw' } },
  })).configMap), 'password');

  test.each([
    ['unset', undefined],
    ['empty', ''],
  ])('a connection string that is %s: exit 1, naming the variable and the Secret key', (_what, value) => {
    expect(evaluate(uriCode, 'LOG_SHIPPER_MONGO_URI', value)).toEqual({
      status: 1, value: '', message: 'cdk8s-pod-patterns: LOG_SHIPPER_MONGO_URI is empty or unset: set key uri of Secret mongo-uri',
    });
  });

  test.each([
    ['mongodb://mongodb:27017'],
    ['mongodb://mongodb:27017/'],
    ['mongodb://shipper:pw@mongodb:27017/?authSource=admin'],
  ])('a connection string without a database path (%s), which fluent-plugin-mongo would write into admin: exit 1', (uri) => {
    const result = evaluate(uriCode, 'LOG_SHIPPER_MONGO_URI', uri);
    expect(result.status).toBe(1);
    expect(result.message).toBe('cdk8s-pod-patterns: LOG_SHIPPER_MONGO_URI (key uri of Secret mongo-uri) names no database, '
      + 'so the logs would go to admin: end the host list with /logs, e.g. mongodb://host:27017/logs');
    expect(result.message).not.toContain('pw');
  });

  test('a connection string that names another database: exit 1, naming both', () => {
    expect(evaluate(uriCode, 'LOG_SHIPPER_MONGO_URI', 'mongodb://a:1,b:2/audit?replicaSet=rs0').message)
      .toBe('cdk8s-pod-patterns: LOG_SHIPPER_MONGO_URI (key uri of Secret mongo-uri) names the database "audit", '
        + 'but the shipper is declared to write to logs: make the URI path and the database prop agree');
  });

  test.each([
    ['mongodb://shipper:p%40ss@mongodb:27017/logs?authSource=admin'],
    ['mongodb+srv://cluster0.example.net/logs'],
    ['mongodb://mongodb/%6Cogs'],
  ])('a connection string naming the database (%s) is passed to the plugin unchanged', (uri) => {
    expect(evaluate(uriCode, 'LOG_SHIPPER_MONGO_URI', uri)).toEqual({ status: 0, value: uri, message: '' });
  });

  test.each([
    ['unset', undefined],
    ['empty', ''],
  ])('a password that is %s: exit 1, naming the variable and the Secret key', (_what, value) => {
    expect(evaluate(passwordCode, 'LOG_SHIPPER_MONGO_PASSWORD', value)).toEqual({
      status: 1, value: '', message: 'cdk8s-pod-patterns: LOG_SHIPPER_MONGO_PASSWORD is empty or unset: set key pw of Secret mongo-auth',
    });
  });

  test('a password is passed unchanged, quotes and all', () => {
    expect(evaluate(passwordCode, 'LOG_SHIPPER_MONGO_PASSWORD', `it's "#{x}"`)).toEqual({ status: 0, value: `it's "#{x}"`, message: '' });
  });
});
