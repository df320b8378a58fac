import { Chart, Testing } from 'cdk8s';

/** The pod spec of the one document a test chart synthesizes. */
export function onlyPodSpec(chart: Chart): any {
  const docs = Testing.synth(chart);
  expect(docs).toHaveLength(1);
  return docs[0].spec;
}
