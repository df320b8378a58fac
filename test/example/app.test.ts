import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { addExampleCharts } from '../../src/example/app';
import { expectSchemaValid } from '../_support/schema';
import { ARTICLE_PODS } from './article-pods';

function exampleCharts() {
  const app = Testing.app();
  addExampleCharts(app);
  return app.charts;
}

/** The documents of every chart of one example app, by chart id; synthesized once, read by every test. */
const synthesized: ReadonlyMap<string, any[]> = new Map(exampleCharts().map((chart) => [chart.node.id, Testing.synth(chart)]));
const allDocs = () => [...synthesized.values()].flat();

/** Image repository without its tag, e.g. `geektime/tomcat` for `geektime/tomcat:7.0`. */
const repository = (image: string) => image.replace(/:[^/:]+$/, '');

// The golden copy of the example app is dist/ itself, compared byte for byte with a real `cdk8s synth`
// in dist.test.ts; these tests check what the YAML must say.
describe('the example app', () => {
  test('every synthesized document passes the Kubernetes 1.27 schema for its kind', () => {
    expectSchemaValid(allDocs());
  });

  test('has one chart per article pod, named after it', () => {
    expect([...synthesized.keys()]).toEqual(expect.arrayContaining(ARTICLE_PODS.map((p) => p.chart)));
  });

  test.each(ARTICLE_PODS.map((pod) => [pod.chart, pod] as const))('pod %s carries every field of the article', (_chart, article) => {
    const [doc, ...others] = synthesized.get(article.chart)!;
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

  test('pods and workloads carry the names chosen in the code, without hash suffixes', () => {
    const docs = allDocs().filter((d) => ['Pod', 'Deployment', 'Job'].includes(d.kind));
    expect(docs.map((d) => d.metadata.name).sort()).toEqual([
      'cache-client', 'javaweb-2', 'javaweb-2-image-volume', 'javaweb-2-init-copy', 'javaweb-tls', 'log-to-elasticsearch', 'log-to-mongodb', 'my-app', 'nginx',
      'nightly-report', 'two-contrains', 'web',
    ]);
  });

  test('the native-sidecar Job reaches dist/ with its sidecar field, and the Deployment with its classic sidecar', () => {
    const spec = synthesized.get('log-job')!.find((d) => d.kind === 'Job').spec.template.spec;
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['log-shipper', 'Always']]);
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'log-job.k8s.yaml'), 'utf-8')).toMatch(/name: log-shipper[\s\S]*restartPolicy: Always/);
    const web = synthesized.get('log-deployment')!.find((d) => d.kind === 'Deployment').spec.template.spec;
    expect(web.containers.map((c: any) => c.name)).toEqual(['app', 'log-shipper']);
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
