import { padFlowContinuations } from '../../src/cli/flow-indentation';
import { parseYamlDocuments } from '../../src/cli/yaml-documents';

/**
 * Flow collections whose lines are indented no deeper than their key, as Istio's
 * samples/security/spire/spire-quickstart.yaml writes `args: [` ... `]`: go-yaml v2 (kubectl), PyYAML and
 * Ruby's Psych read them (checked here with PyYAML 6 and Ruby 3.1 by hand); js-yaml alone refuses the `]`.
 */
const SPIRE_LIKE = [
  'apiVersion: v1',            // 1
  'kind: Pod',                 // 2
  'metadata:',                 // 3
  '  name: spire',             // 4
  'spec:',                     // 5
  '  containers:',             // 6
  '  - name: init',            // 7
  '    image: busybox:1.36.1', // 8
  '    args: [',               // 9
  '      "-t", "30",',         // 10
  '    ]',                     // 11
  '    ports:',                // 12
  '    - containerPort: 70000', // 13
  '',
].join('\n');

test('reads what kubectl reads, with the same values', () => {
  const { documents, problems } = parseYamlDocuments(SPIRE_LIKE);
  expect(problems).toEqual([]);
  expect((documents[0].value as any).spec.containers[0].args).toEqual(['-t', '30']);
});

test('positions after the padded line are those of the text as written', () => {
  const { documents } = parseYamlDocuments(SPIRE_LIKE);
  expect(documents[0].locate('spec.containers[0].ports[0].containerPort')).toEqual({ line: 13, column: 7 });
  expect(documents[0].locate('spec.containers[0].args')).toEqual({ line: 9, column: 5 });
});

test('pads only lines inside a flow collection that are not deeper than its opener; quotes and comments do not count', () => {
  expect(padFlowContinuations('a: [1,\n  2]\n')).toBeUndefined();
  const padded = padFlowContinuations('key: [ "]", # [\n"x",\n]\nnext: 1\n');
  expect(padded?.text).toBe('key: [ "]", # [\n "x",\n ]\nnext: 1\n');
  expect(padded?.toOriginal(padded.text.indexOf('next'))).toBe('key: [ "]", # [\n"x",\n]\nnext: 1\n'.indexOf('next'));
});

test('a document broken otherwise is still an input error', () => {
  const { problems } = parseYamlDocuments('a:\n  b: 1\n c: 2\n');
  expect(problems).toHaveLength(1);
});
