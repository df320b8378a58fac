import * as kplus from 'cdk8s-plus-27';
import { CaBundle, LogDestination } from '../../../src';
import { fluentBitProblems } from '../../_support/fluent-bit-grammar';
import { fluentdProblems } from '../../_support/fluentd-grammar';
import { configText, esDestination, mongoDestination, synthLogPod } from './_fixtures';

/**
 * The generated shipper configurations, checked against the configuration grammar and documented keys of
 * the pinned shipper versions (Fluent Bit 3.2.10; Fluentd 1.16.11 with fluent-plugin-mongo 1.6.3).
 */
describe('generated Fluent Bit configurations', () => {
  test.each([
    ['elasticsearch, no auth, no TLS', (chart: any) => esDestination(chart, { basicAuth: undefined })],
    ['elasticsearch, basic auth and TLS', (chart: any) => esDestination(chart, { tls: { verify: true } })],
    ['elasticsearch, TLS without verification', (chart: any) => esDestination(chart, { tls: { verify: false }, port: 443 })],
    ['elasticsearch, TLS with a CA bundle', (chart: any) => esDestination(chart, { tls: { ca: CaBundle.fromSecret(kplus.Secret.fromSecretName(chart, 'ca', 'es-ca')) } })],
    ['stdout', () => LogDestination.stdout()],
  ])('%s follows the Fluent Bit 3.2.10 grammar', (_name, destination) => {
    const { configMap } = synthLogPod(destination as any, { filePattern: 'app-*.log', logDirectory: '/srv/logs' });
    expect(fluentBitProblems(configText(configMap))).toEqual([]);
  });
});

describe('generated Fluentd configurations', () => {
  test.each([
    ['connection string', (chart: any) => mongoDestination(chart)],
    ['host and database', (chart: any) => mongoDestination(chart, { connectionString: undefined, host: 'mongodb', database: 'logs' })],
    ['host, database and auth', (chart: any) => mongoDestination(chart, {
      connectionString: undefined, host: '10.0.0.7', port: 27018, database: 'logs',
      auth: { username: 'shipper', password: { secret: kplus.Secret.fromSecretName(chart, 'p', 'auth'), key: 'pw' }, authSource: 'admin' },
    })],
  ])('mongodb with %s follows the Fluentd 1.16 / fluent-plugin-mongo 1.6.3 grammar', (_name, destination) => {
    const { configMap } = synthLogPod(destination as any);
    expect(fluentdProblems(configText(configMap))).toEqual([]);
  });
});

// The checkers must be able to fail, or the tests above would prove nothing.
describe('the grammar checkers', () => {
  const fluentBit = (body: string) => `[SERVICE]\n    Flush 1\n\n${body}`;

  test.each([
    ['an unknown key', fluentBit('[OUTPUT]\n    Name es\n    Match *\n    Bogus_Key 1\n'), 'unknown key Bogus_Key'],
    ['a bad boolean', fluentBit('[INPUT]\n    Name tail\n    Path /x\n    Read_from_Head maybe\n'), 'is not a valid bool'],
    ['a Kubernetes size', fluentBit('[INPUT]\n    Name tail\n    Path /x\n    Mem_Buf_Limit 5Mi\n'), 'is not a valid size'],
    ['an input-only key on an output', fluentBit('[OUTPUT]\n    Name stdout\n    Mem_Buf_Limit 5MB\n'), 'unknown key Mem_Buf_Limit'],
    ['a misspelt stdout format', fluentBit('[OUTPUT]\n    Name stdout\n    Format json-lines\n'), 'is not a valid stdout_format'],
    ['a misspelt TLS key', fluentBit('[OUTPUT]\n    Name es\n    Match *\n    tls.ca_cert /x/ca.crt\n'), 'unknown key tls.ca_cert'],
    ['a key set twice', fluentBit('[INPUT]\n    Name tail\n    Path /a\n    Path /b\n'), 'is set twice'],
    ['a tab separator', fluentBit('[INPUT]\n    Name\ttail\n'), 'not "<indent><key> <value>"'],
    ['mixed indentation', '[SERVICE]\n    Flush 1\n  Daemon Off\n', 'inconsistent indentation'],
  ])('Fluent Bit: rejects %s', (_name, text, problem) => {
    expect(fluentBitProblems(text).join('\n')).toContain(problem);
  });

  const mongo = (params: string) => `<source>\n  @type tail\n  path /x\n  tag t\n  <parse>\n    @type none\n  </parse>\n</source>\n<match t>\n  @type mongo\n${params}</match>\n`;
  test.each([
    ['an unknown parameter', mongo('  database d\n  collection c\n  collection_name c\n'), 'unknown parameter collection_name'],
    ['a missing collection', mongo('  database d\n'), 'required parameter collection is missing'],
    ['neither database nor connection string', mongo('  collection c\n'), 'connection_string or database parameter is required'],
    ['a bad boolean', mongo('  database d\n  collection c\n  ssl yes\n'), 'is not a valid bool'],
    ['an unclosed directive', '<source>\n  @type tail\n', 'is never closed'],
    ['a tail source without parse', '<source>\n  @type tail\n  path /x\n  tag t\n</source>\n', '<parse> section is required'],
    ['arbitrary Ruby in a value', mongo('  connection_string "#{`id`}"\n  collection c\n'), 'unexpected interpolation'],
  ])('Fluentd: rejects %s', (_name, text, problem) => {
    expect(fluentdProblems(text).join('\n')).toContain(problem);
  });
});
