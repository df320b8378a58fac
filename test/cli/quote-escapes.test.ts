import { rewriteQuoteEscapes } from '../../src/cli/quote-escapes';
import { parseYamlDocuments } from '../../src/cli/yaml-documents';

/**
 * `\'` in a double-quoted scalar: go.yaml.in/yaml/v2 (kubectl) reads it as `'` (scannerc.go lists it among the
 * escapes of a double-quoted scalar); js-yaml refuses it. The Kubernetes website's
 * content/en/examples/pods/inject/envars-file-container.yaml writes such a command.
 */
const ENV_FILE_LIKE = [
  'apiVersion: v1',                         // 1
  'kind: Pod',                              // 2
  'metadata:',                              // 3
  '  name: envfile',                        // 4
  'spec:',                                  // 5
  '  containers:',                          // 6
  '  - name: app',                          // 7
  '    image: busybox:1.36.1',              // 8
  '    # a comment may say it\\\'s "fine"',  // 9
  '    command: [\'sh\', \'-c\', "echo \\"A=\\\'a\\\'\\nB=\\\'b\\\'\\" > /data/config.env"]', // 10
  '    ports:',                             // 11
  '    - containerPort: 70000',             // 12
  '',
].join('\n');

test('reads the escape as kubectl reads it, every other value unchanged', () => {
  const { documents, problems } = parseYamlDocuments(ENV_FILE_LIKE);
  expect(problems).toEqual([]);
  expect((documents[0].value as any).spec.containers[0].command).toEqual(['sh', '-c', 'echo "A=\'a\'\nB=\'b\'" > /data/config.env']);
});

test('positions stay where the text was written', () => {
  const { documents } = parseYamlDocuments(ENV_FILE_LIKE);
  expect(documents[0].locate('spec.containers[0].ports[0].containerPort')).toEqual({ line: 12, column: 7 });
  expect(documents[0].locate('spec.containers[0].command')).toEqual({ line: 10, column: 5 });
});

test('only inside double quotes: a comment, a plain and a single-quoted scalar keep their backslashes', () => {
  expect(rewriteQuoteEscapes('a: "x\\\'y" # z\\\'w\nb: \'p\\\'\n')).toEqual({ text: 'a: "x\\0y" # z\\\'w\nb: \'p\\\'\n', count: 1 });
  expect(rewriteQuoteEscapes('a: "plain"\n')).toBeUndefined();
});

test('a text it cannot rewrite safely keeps its error: a NUL escape already there, or a quote that opened no scalar', () => {
  expect(parseYamlDocuments('a: "\\0 and it\\\'s"\n').problems).toHaveLength(1);
  // The `"` inside the block scalar looks like an opening quote: the escapes read are not the escapes written.
  expect(parseYamlDocuments('a: |\n  say "it\\\'s\n  x\nb: "it\\\'s"\n').problems).toHaveLength(1);
});
