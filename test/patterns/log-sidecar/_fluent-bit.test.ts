import * as kplus from 'cdk8s-plus-27';
import { CaBundle, LogDestination } from '../../../src';
import { renderFluentBitConfig } from '../../../src/patterns/log-sidecar/_fluent-bit';
import { fluentBitProblems } from '../../_support/fluent-bit-grammar';
import { configText, esDestination, synthLogPod } from './_fixtures';

describe('renderFluentBitConfig', () => {
  test('aligns the keys of each section and separates sections with a blank line', () => {
    expect(renderFluentBitConfig([
      { name: 'SERVICE', entries: [['Flush', '1'], ['Log_Level', 'info']] },
      { name: 'OUTPUT', entries: [['Name', 'stdout']] },
    ])).toBe('[SERVICE]\n    Flush     1\n    Log_Level info\n\n[OUTPUT]\n    Name stdout\n');
  });
  test.each([['a newline', 'a\nb'], ['an empty value', ' ']])('refuses %s in a value', (_what, value) => {
    expect(() => renderFluentBitConfig([{ name: 'INPUT', entries: [['Path', value]] }])).toThrow('a value must be one non-empty line');
  });
});

/**
 * The generated Fluent Bit configurations, checked against the configuration grammar and documented keys
 * of the pinned version (Fluent Bit 3.2.10).
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

// The checker must be able to fail, or the tests above would prove nothing.
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
});
