import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { LogDestination, LogSidecar, NativeSidecars, PodChecks, SharedVolumePod, SidecarMode } from '../../src';
import { WorkloadManifest } from '../../src/core/workload-manifest';

/**
 * There is one render path: the checks and the output both render through the original ApiObject's public
 * `toJson()`, and every checked workload is re-hosted by an ApiObject of the library's own (`WorkloadManifest`),
 * whose `toJson()` hands each manifest to the checks before it leaves. Whatever changes between two
 * validations or two syntheses reaches the checks and the output.
 */
const user = { user: 1000 };
const jobWithNativeSidecar = (chart: Chart) => {
  const job = new kplus.Job(chart, 'job', { securityContext: user, containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
  // What a user may hold from before the sidecar was added: the original ApiObject.
  const original = ApiObject.of(job);
  LogSidecar.addTo(job, { destination: LogDestination.stdout(), mode: SidecarMode.NATIVE });
  return Object.assign(job, { original });
};

describe('the render path', () => {
  test('a container added between two syntheses appears in the second one, and is checked there', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { securityContext: user, containers: [{ name: 'a', image: 'x:1', mountPath: '/a', portNumber: 8080 }] });
    expect(Testing.synth(chart)[0].spec.containers).toHaveLength(1);
    pod.addContainer({ name: 'b', image: 'x:1', ports: [{ number: 8081 }] });
    expect(Testing.synth(chart)[0].spec.containers.map((c: any) => c.name)).toEqual(['a', 'b']);
    ApiObject.of(pod).addJsonPatch(JsonPatch.replace('/spec/containers/1/ports/0/containerPort', 8080));
    expect(() => Testing.synth(chart)).toThrow(/port-conflict spec\.containers\[1\]\.ports\[0\]\.containerPort/);
  });

  test('a JSON patch and a label added after a first validation reach the checks and the output', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { securityContext: user, containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    expect(PodChecks.of(pod).findings().filter((f) => f.severity === 'error')).toEqual([]);
    pod.metadata.addLabel('tier', 'web');
    ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/priorityClassName', 'high'));
    const [doc] = Testing.synth(chart);
    expect(doc.metadata.labels.tier).toBe('web');
    expect(doc.spec.priorityClassName).toBe('high');
    ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/hostname', 'Not_A_Name'));
    expect(PodChecks.of(pod).findings().map((f) => f.rule)).toContain('pod-dns-names');
  });

  test('each synthesis hands out its own objects, so mutating one result does not change the next', () => {
    const chart = Testing.chart();
    new SharedVolumePod(chart, 'pod', { securityContext: user, containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    const first = Testing.synth(chart)[0];
    first.spec.containers[0].name = 'mutated';
    expect(Testing.synth(chart)[0].spec.containers[0].name).toBe('a');
  });

  test('a native sidecar\'s probes too: mutating them in one result does not change the next', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { securityContext: user, containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: user }] });
    LogSidecar.addTo(job, {
      destination: LogDestination.stdout(), mode: SidecarMode.NATIVE,
      sidecarProbes: { startup: kplus.Probe.fromCommand(['true'], { periodSeconds: Duration.seconds(2) }) },
    });
    const first = Testing.synth(chart).find((d) => d.kind === 'Job');
    first.spec.template.spec.initContainers[0].startupProbe.periodSeconds = 99;
    const next = Testing.synth(chart).find((d) => d.kind === 'Job');
    expect(next.spec.template.spec.initContainers[0].startupProbe.periodSeconds).toBe(2);
  });

  test('what the manifest adds to a render, changed between the checks\' render and the output, reaches the output', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { securityContext: user, containers: [{ name: 'app', image: 'busybox:1.36.1' }] });
    pod.containers[0].mount('/data', kplus.Volume.fromEmptyDir(chart, 'data', 'data'));
    PodChecks.of(pod);
    // A validation that runs after the pod's (cdk8s validates in tree order), between its render and the output.
    new Construct(chart, 'later').node.addValidation({
      validate: () => {
        WorkloadManifest.of(pod).setImageVolume('data', { reference: 'busybox:1.36.1', pullPolicy: 'IfNotPresent' });
        return [];
      },
    });
    expect(Testing.synth(chart)[0].spec.volumes).toEqual([{ name: 'data', image: { reference: 'busybox:1.36.1', pullPolicy: 'IfNotPresent' } }]);
  });

  test('a full app synthesis writes the same documents as Testing.synth', () => {
    const app = new App({ outdir: require('fs').mkdtempSync(require('os').tmpdir() + '/render-') });
    const chart = new Chart(app, 'chart');
    jobWithNativeSidecar(chart);
    const docs = Testing.synth(chart);
    expect(app.synthYaml()).toBe(require('cdk8s').Yaml.stringify(...docs));
  });
});

/** Counts the renders of a workload's manifest: a Lazy in its metadata is resolved once by each (public API). */
function countRenders(workload: kplus.AbstractPod): { count: number } {
  const renders = { count: 0 };
  workload.metadata.addAnnotation('renders', Lazy.any({ produce: () => { renders.count++; return undefined; } }));
  return renders;
}

/** What cdk8s does in a validation: every construct's validations, their errors collected. */
function validate(chart: Chart): string[] {
  return chart.node.findAll().flatMap((c) => c.node.validate());
}

const portPod = (chart: Chart) => new SharedVolumePod(chart, 'pod', {
  securityContext: user, containers: [{ name: 'a', image: 'x:1', mountPath: '/a', portNumber: 8080 }, { name: 'b', image: 'x:1', mountPath: '/b', portNumber: 8081 }],
});

describe('checking what is emitted', () => {
  test('a change made after a validation, with no validation before the output, is checked when the manifest is handed out', () => {
    const chart = Testing.chart();
    const pod = portPod(chart);
    expect(validate(chart)).toEqual([]);
    ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/priorityClassName', 'high'));
    expect(ApiObject.of(pod).toJson().spec.priorityClassName).toBe('high');
    expect(validate(chart)).toEqual([]);
    ApiObject.of(pod).addJsonPatch(JsonPatch.replace('/spec/containers/1/ports/0/containerPort', 8080));
    expect(() => ApiObject.of(pod).toJson())
      .toThrow(/^Validation failed with the following errors:\n {2}\[test\/pod\] error port-conflict spec\.containers\[1\]\.ports\[0\]\.containerPort/);
  });

  test('a level raised after a validation is the level the output is checked at, though the manifest is the same', () => {
    // Checked at baseline (no level declared), then restricted is declared: neither writes an annotation.
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ name: 'a', image: 'x:1', securityContext: { user: 1000 } }] });
    PodChecks.of(deployment);
    expect(validate(chart)).toEqual([]);
    const checked = ApiObject.of(deployment).toJson();
    expect(validate(chart)).toEqual([]);
    PodChecks.of(deployment).requirePodSecurity('restricted');
    expect(() => ApiObject.of(deployment).toJson()).toThrow(/error pod-security-[a-z-]+ spec\.template\.spec/);
    expect(checked.spec.template.metadata.annotations ?? {}).toEqual({});
  });

  test('an error added between two syntheses fails the second one in its validation, before any file is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checked-output-'));
    const app = new App({ outdir });
    const pod = portPod(new Chart(app, 'chart'));
    app.synth();
    fs.rmSync(path.join(outdir, 'chart.k8s.yaml'));
    ApiObject.of(pod).addJsonPatch(JsonPatch.replace('/spec/containers/1/ports/0/containerPort', 8080));
    expect(() => app.synth()).toThrow(/\[chart\/pod\] error port-conflict/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a synthesis checks each workload once for a one-chart app, and at most twice however many charts the app has', () => {
    // cdk8s validates an app of C charts C + 1 times per synthesis; each check renders the workload.
    const one = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'checked-output-')) });
    const alone = countRenders(portPod(new Chart(one, 'only')));
    one.synthYaml();
    expect(alone.count).toBe(2); // one check, one output

    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'checked-output-')) });
    const first = countRenders(portPod(new Chart(app, 'a')));
    new Chart(app, 'b');
    const last = countRenders(portPod(new Chart(app, 'c')));
    app.synth();
    // Four validations and three charts written: checked in the first validation, and again after its own
    // chart is written (the first workload), then handed out once.
    expect([first.count, last.count]).toEqual([3, 2]);
  });

  test('each warning is written once, whether the validation or the output finds it', () => {
    const chart = Testing.chart();
    const pod = new SharedVolumePod(chart, 'pod', { securityContext: user, containers: [{ name: 'a', image: 'x:1', mountPath: '/a' }] });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { written.push(String(chunk)); return true; });
    try {
      Testing.synth(chart);
      ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/volumes/-', { name: 'idle', emptyDir: {} }));
      ApiObject.of(pod).toJson();
      Testing.synth(chart);
    } finally {
      spy.mockRestore();
    }
    expect(written.filter((line) => line.includes('volume-unused'))).toHaveLength(1);
  });
});

describe('a workload with native sidecars', () => {
  test('is re-hosted: ApiObject.of(workload) renders the original with the native field set after the L1 filter', () => {
    const chart = Testing.chart();
    const job = jobWithNativeSidecar(chart);
    const rehosted = ApiObject.of(job);
    expect(rehosted).not.toBe(job.original);
    expect(rehosted.node.id).toBe(job.original.node.id);
    const [doc] = Testing.synth(chart).filter((d) => d.kind === 'Job');
    expect(doc.spec.template.spec.initContainers[0]).toMatchObject({ name: 'log-shipper', restartPolicy: 'Always' });
  });

  test('emits the Job once, first among its objects, as before', () => {
    const chart = Testing.chart();
    jobWithNativeSidecar(chart);
    expect(Testing.synth(chart).map((d) => d.kind)).toEqual(['Job', 'ConfigMap']);
  });

  test('shares one metadata: labels and annotations added through either object reach the output', () => {
    const chart = Testing.chart();
    const job = jobWithNativeSidecar(chart);
    ApiObject.of(job).metadata.addLabel('via', 'rehosted');
    job.original.metadata.addAnnotation('via', 'original');
    job.metadata.addLabel('also', 'workload');
    const [doc] = Testing.synth(chart);
    expect(doc.metadata.labels).toMatchObject({ via: 'rehosted', also: 'workload' });
    expect(doc.metadata.annotations).toMatchObject({ via: 'original' });
  });

  test('JSON patches through either object reach the output, after the sidecar was added or before', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { securityContext: user, containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const original = ApiObject.of(job);
    original.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'before'));
    LogSidecar.addTo(job, { destination: LogDestination.stdout(), mode: SidecarMode.NATIVE });
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/template/spec/schedulerName', 'after'));
    original.addJsonPatch(JsonPatch.add('/spec/template/spec/hostname', 'original'));
    const spec = Testing.synth(chart)[0].spec.template.spec;
    expect([spec.priorityClassName, spec.schedulerName, spec.hostname]).toEqual(['before', 'after', 'original']);
  });

  test('NativeSidecars.of twice re-hosts once', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    NativeSidecars.of(job);
    const first = ApiObject.of(job);
    NativeSidecars.of(job);
    expect(ApiObject.of(job)).toBe(first);
    expect(Testing.synth(chart)).toHaveLength(1);
  });
});
