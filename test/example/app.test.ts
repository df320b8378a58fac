import { App, Testing } from 'cdk8s';
import { addExampleCharts } from '../../src/example/app';
import { expectSchemaValid } from '../_support/schema';
import { ARTICLE_PODS } from './article-pods';

function exampleCharts() {
  const app = Testing.app();
  addExampleCharts(app);
  return app.charts;
}

/** Image repository without its tag, e.g. `geektime/tomcat` for `geektime/tomcat:7.0`. */
const repository = (image: string) => image.replace(/:[^/:]+$/, '');

describe('the example app', () => {
  test.each(exampleCharts().map((chart) => [chart.node.id, chart] as const))('chart %s matches its snapshot', (_id, chart) => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('every synthesized document passes the Kubernetes 1.27 schema for its kind', () => {
    expectSchemaValid(exampleCharts().flatMap((chart) => Testing.synth(chart)));
  });

  test('has one chart per article pod, named after it', () => {
    expect(exampleCharts().map((c) => c.node.id)).toEqual(expect.arrayContaining(ARTICLE_PODS.map((p) => p.chart)));
  });

  test.each(ARTICLE_PODS.map((pod) => [pod.chart, pod] as const))('pod %s carries every field of the article', (_chart, article) => {
    const chart = exampleCharts().find((c) => c.node.id === article.chart)!;
    const [doc, ...others] = Testing.synth(chart);
    expect(others).toHaveLength(0);
    expect(doc.kind).toBe('Pod');

    const withoutImages = (spec: any) => ({
      ...spec,
      containers: spec.containers?.map(({ image, ...c }: any) => c),
      initContainers: spec.initContainers?.map(({ image, ...c }: any) => c),
    });
    expect(doc.metadata).toMatchObject(article.metadata);
    expect(withoutImages(doc.spec)).toMatchObject(JSON.parse(JSON.stringify(withoutImages(article.spec))));

    const images = (spec: any) => [...(spec.initContainers ?? []), ...spec.containers].map((c: any) => c.image);
    expect(images(doc.spec).map(repository)).toEqual(images(article.spec).map(repository));
    for (const image of images(doc.spec)) {
      expect(image).toMatch(/:[^/:]+$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  test('pod names are the names chosen in the code, without hash suffixes', () => {
    for (const chart of exampleCharts()) {
      const pods = Testing.synth(chart).filter((d) => d.kind === 'Pod');
      expect(pods.map((p) => p.metadata.name)).toEqual([ARTICLE_PODS.find((a) => a.chart === chart.node.id)?.metadata.name ?? chart.node.id]);
    }
  });

  test('synthesis is deterministic: two apps give identical documents', () => {
    const once = () => {
      const app = new App({ outdir: '/dev/null' });
      addExampleCharts(app);
      return JSON.stringify(app.charts.map((c) => c.toJson()));
    };
    expect(once()).toEqual(once());
  });
});
