import * as kplus from 'cdk8s-plus-27';
import { renderFluentdConfig } from '../../../src/patterns/log-sidecar/_fluentd';
import { fluentdProblems } from '../../_support/fluentd-grammar';
import { configText, mongoDestination, synthLogPod } from './_fixtures';

describe('renderFluentdConfig', () => {
  test('nests directives two spaces per level, with arguments', () => {
    expect(renderFluentdConfig([
      { name: 'match', arg: 'app.**', params: [['@type', 'stdout']], children: [{ name: 'buffer', params: [['flush_interval', '5s']] }] },
    ])).toBe('<match app.**>\n  @type stdout\n  <buffer>\n    flush_interval 5s\n  </buffer>\n</match>\n');
  });
  test('refuses a value on several lines', () => {
    expect(() => renderFluentdConfig([{ name: 'source', params: [['path', 'a\nb']] }])).toThrow('a value must be one non-empty line');
  });
});

/**
 * The generated Fluentd configurations, checked against the configuration grammar and documented
 * parameters of the pinned versions (Fluentd 1.16.11 with fluent-plugin-mongo 1.6.3).
 */
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

// The checker must be able to fail, or the tests above would prove nothing.
describe('the grammar checkers', () => {
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
