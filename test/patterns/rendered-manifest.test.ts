import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PodChecks, SharedVolumePod } from '../../src';

/**
 * The render shared by the checks and the output must never hand out a stale manifest: every change made
 * through the cdk8s-plus API between two syntheses shows in the next one, even in the same synchronous run.
 */
describe('the shared render of a checked workload', () => {
  test('a container added between two syntheses appears in the second one', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    expect(Testing.synth(chart)[0].spec.containers).toHaveLength(1);
    pod.addContainer({ name: 'b', image: 'x:1' });
    expect(Testing.synth(chart)[0].spec.containers.map((c: any) => c.name)).toEqual(['a', 'b']);
  });

  test('a change made after a synthesis that failed elsewhere reaches the next one, in the same run', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    const broken = new kplus.Pod(chart, 'broken');
    PodChecks.of(broken, 'baseline');
    expect(() => Testing.synth(chart)).toThrow('containers-required');
    broken.addContainer({ name: 'b', image: 'x:1' });
    pod.metadata.addLabel('tier', 'web');
    const docs = Testing.synth(chart);
    expect(docs.find((d) => d.metadata.name.includes('pod')).metadata.labels.tier).toBe('web');
  });

  test('labels, annotations and patches added later reach the output', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    Testing.synth(chart);
    pod.metadata.addLabel('tier', 'web');
    ApiObject.of(pod).addJsonPatch(require('cdk8s').JsonPatch.add('/spec/priorityClassName', 'high'));
    const [doc] = Testing.synth(chart);
    expect(doc.metadata.labels.tier).toBe('web');
    expect(doc.spec.priorityClassName).toBe('high');
  });

  test('each synthesis hands out its own objects, so mutating one result does not change the next', () => {
    const chart = Testing.chart();
    new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    const first = Testing.synth(chart)[0];
    first.spec.containers[0].name = 'mutated';
    expect(Testing.synth(chart)[0].spec.containers[0].name).toBe('a');
  });

  test('a full app synthesis writes the same documents as Testing.synth', () => {
    const app = new App({ outdir: require('fs').mkdtempSync('/tmp/rendered-') });
    const chart = new Chart(app, 'chart');
    new SharedVolumePod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    const yaml = app.synthYaml();
    expect(yaml).toContain('name: a');
    expect(yaml).toContain('seccompProfile');
  });
});
