import { renderFluentBitConfig } from '../../../src/patterns/log-sidecar/fluent-bit-config';
import { renderFluentdConfig } from '../../../src/patterns/log-sidecar/fluentd-config';

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
