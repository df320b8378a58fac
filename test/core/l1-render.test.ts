import { execFileSync } from 'child_process';
import * as path from 'path';
import { ApiObject, Chart, Cron, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import fc from 'fast-check';
import { cdk8sRender, filterAsL1, filtersToSame, renderAsL1 } from '../../src/core/l1-render';
import { sameManifest } from '../../src/core/same-manifest';
import { WorkloadManifest } from '../../src/core/workload-manifest';
import { exampleApp } from '../../src/example/app';
import { CDK8S_PLUS_MAJOR } from '../_support/cdk8s-plus-major';

/**
 * The checks read `renderAsL1`, the output is the L1's own `toJson()`: for every workload kind and for the
 * data a JSON patch can put before the L1's filter, the two are the same data in the same key order, or
 * `renderAsL1` declines (undefined) and the checks render through the L1. Runs on every major (`npm run
 * test:majors`), against that major's generated `toJson_` functions.
 */
const container: kplus.ContainerProps = {
  name: 'app',
  image: 'nginx:1.27.0',
  portNumber: 8080,
  envVariables: { MODE: kplus.EnvValue.fromValue('prod') },
  resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(64) } },
  readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080 }),
  liveness: kplus.Probe.fromTcpSocket({ port: 8080 }),
  securityContext: { user: 1000, group: 1000 },
};

function withVolumes(chart: Chart, workload: kplus.AbstractPod): kplus.AbstractPod {
  const cache = kplus.Volume.fromEmptyDir(chart, `${workload.node.id}-cache`, 'cache', { sizeLimit: Size.mebibytes(100) });
  const config = new kplus.ConfigMap(chart, `${workload.node.id}-config`, { data: { 'app.conf': 'x=1' } });
  workload.containers[0].mount('/cache', cache);
  workload.containers[0].mount('/etc/app', kplus.Volume.fromConfigMap(chart, `${workload.node.id}-config-volume`, config));
  workload.podMetadata.addLabel('tier', 'web');
  return workload;
}

const WORKLOADS: Record<string, (chart: Chart) => kplus.AbstractPod> = {
  Pod: (chart) => new kplus.Pod(chart, 'pod', { containers: [container], initContainers: [{ name: 'init', image: 'busybox:1.36.1' }] }),
  Deployment: (chart) => new kplus.Deployment(chart, 'deployment', { containers: [container], replicas: 3 }),
  StatefulSet: (chart) => new kplus.StatefulSet(chart, 'stateful-set', { containers: [container] }),
  DaemonSet: (chart) => new kplus.DaemonSet(chart, 'daemon-set', { containers: [container] }),
  Job: (chart) => new kplus.Job(chart, 'job', { containers: [container], activeDeadline: Duration.minutes(5) }),
  CronJob: (chart) => new kplus.CronJob(chart, 'cron-job', { containers: [container], schedule: Cron.daily() }),
};

/** The object the workload renders through (the L1 cdk8s-plus created). */
const l1Of = (workload: kplus.AbstractPod): ApiObject => ApiObject.of(workload);

describe(`renderAsL1 on cdk8s-plus-${CDK8S_PLUS_MAJOR}`, () => {
  test.each(Object.keys(WORKLOADS))('%s: the L1\'s own render, same data, same key order', (kind) => {
    const chart = Testing.chart();
    const l1 = l1Of(withVolumes(chart, WORKLOADS[kind](chart)));
    const rendered = renderAsL1(l1);
    // Not undefined: the generated functions of this major have the forms it reads, so the checks take it.
    expect(rendered).toBeDefined();
    expect(sameManifest(rendered, l1.toJson())).toBe(true);
    expect(JSON.stringify(rendered)).toBe(JSON.stringify(l1.toJson()));
  });

  test('what a JSON patch puts before the L1 filter: unknown fields dropped, TypeScript names renamed, Kubernetes names dropped', () => {
    const chart = Testing.chart();
    const l1 = l1Of(WORKLOADS.Deployment(chart));
    l1.addJsonPatch(
      JsonPatch.add('/spec/template/spec/imaginaryField', 'x'), // not in the schema: the L1 drops it
      JsonPatch.add('/spec/template/spec/hostIpc', true), // the L1's TypeScript name: emitted as hostIPC
      JsonPatch.add('/spec/template/spec/hostPID', true), // the Kubernetes name: the L1 reads hostPid, so dropped
      JsonPatch.add('/spec/template/spec/containers/0/readinessProbe/httpGet/port', 9090), // a bare number where IntOrString is read
      JsonPatch.add('/spec/template/spec/containers/0/resources/limits/memory', { value: '128Mi' }),
      JsonPatch.add('/spec/template/spec/containers/0/resources/requests/cpu', null), // kept as a key without value by the L1
      JsonPatch.add('/spec/template/spec/containers/0/args', ['--a', null]),
      JsonPatch.add('/spec/template/spec/containers/0/workingDir', null),
      JsonPatch.add('/spec/template/metadata/annotations', { b: '2', a: '1' }),
    );
    const expected = l1.toJson();
    expect(expected.spec.template.spec.hostIPC).toBe(true);
    expect(expected.spec.template.spec.imaginaryField).toBeUndefined();
    expect(sameManifest(renderAsL1(l1), expected)).toBe(true);
  });

  test('where the L1 would throw, it declines, and the checks render through the L1 (which throws the same)', () => {
    const throwing: JsonPatch[] = [
      JsonPatch.add('/spec/containers/0/securityContext', null), // toJson_SecurityContext(null) reads a field of null
      JsonPatch.add('/spec/containers/0/ports', 'http'), // 'http'.map is not a function
    ];
    for (const patch of throwing) {
      const l1 = l1Of(WORKLOADS.Pod(Testing.chart()));
      l1.addJsonPatch(patch);
      expect(() => l1.toJson()).toThrow(TypeError);
      expect(renderAsL1(l1)).toBeUndefined();
    }
  });

  test('where the L1 makes something unusual of odd data, it declines rather than guess', () => {
    // A list where a map is read: the L1 makes { "0": "a" } of it.
    const l1 = l1Of(WORKLOADS.Pod(Testing.chart()));
    l1.addJsonPatch(JsonPatch.add('/metadata/labels', ['a']));
    expect(l1.toJson().metadata.labels).toEqual({ 0: 'a' });
    expect(renderAsL1(l1)).toBeUndefined();
  });

  test('holes: kept in a list of values, as the L1 keeps them; a list of objects with a hole is declined', () => {
    // JSON patches cannot make a hole (they are cloned through JSON); an L1's own props can.
    const args: string[] = [];
    args[1] = '--flag';
    const chart = Testing.chart();
    const withArgs = new kplus.k8s.KubePod(chart, 'args', { spec: { containers: [{ name: 'app', image: 'busybox:1.36.1', args }] } });
    const rendered = renderAsL1(withArgs) as any;
    expect(sameManifest(rendered, withArgs.toJson())).toBe(true);
    expect(0 in rendered.spec.containers[0].args).toBe(false);
    const containers: kplus.k8s.Container[] = [];
    containers[1] = { name: 'app', image: 'busybox:1.36.1' };
    expect(renderAsL1(new kplus.k8s.KubePod(chart, 'containers', { spec: { containers } }))).toBeUndefined();
  });

  test('every workload of the example app: the same render as its L1 gives (what the YAML of dist/ is made of)', () => {
    // Not instanceof: ApiObject's Symbol.hasInstance accepts any ApiObject.
    const manifests = exampleApp().node.findAll()
      .filter((c): c is WorkloadManifest => Object.prototype.isPrototypeOf.call(WorkloadManifest.prototype, c));
    expect(new Set(manifests.map((m) => m.kind))).toEqual(new Set(['Pod', 'Deployment', 'Job', 'StatefulSet']));
    for (const manifest of manifests) {
      // The L1 cdk8s-plus created, which the re-hosted manifest renders (private: the public API hands out the manifest).
      const l1 = (manifest as unknown as { original: ApiObject }).original;
      const rendered = renderAsL1(l1);
      expect([manifest.node.path, rendered !== undefined && sameManifest(rendered, l1.toJson())]).toEqual([manifest.node.path, true]);
    }
  });

  test('the L1 of another cdk8s-plus major is left to its own toJson(): its fields are not this major\'s', () => {
    const other = CDK8S_PLUS_MAJOR === 34 ? 33 : 34;
    const otherK8s = require(`cdk8s-plus-${other}`).k8s;
    const pod = new otherK8s.KubePod(Testing.chart(), 'pod', { spec: { containers: [{ name: 'app', image: 'busybox:1.36.1' }] } });
    expect(renderAsL1(pod)).toBeUndefined();
  });

  test('an ApiObject that is not a generated L1 is left to its own toJson()', () => {
    const chart = Testing.chart();
    const raw = new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Pod', spec: { containers: [] } });
    expect(renderAsL1(raw)).toBeUndefined();
    class Custom extends ApiObject {
      public toJson(): any {
        return { ...super.toJson(), extra: true };
      }
    }
    expect(renderAsL1(new Custom(chart, 'custom', { apiVersion: 'v1', kind: 'ConfigMap' }))).toBeUndefined();
  });

  test('renders of the same pod shape share V8\'s hidden classes, as the shared-shape copy does', () => {
    const module = path.resolve(__dirname, '..', '..', 'lib', 'src', 'core', 'l1-render.js');
    const program = `
      const { Testing } = require('cdk8s');
      const kplus = require('cdk8s-plus-27');
      const { renderAsL1 } = require(${JSON.stringify(module)});
      const { ApiObject } = require('cdk8s');
      const chart = Testing.chart();
      const renders = Array.from({ length: 10 }, (_, i) => renderAsL1(ApiObject.of(new kplus.Pod(chart, 'p' + i, {
        containers: [{ name: 'app', image: 'busybox:1.36.1', portNumber: 8080 + i }],
      }))));
      const shared = renders.every((r) => %HaveSameMap(r.spec, renders[0].spec) && %HaveSameMap(r.spec.containers[0], renders[0].spec.containers[0]));
      process.stdout.write(JSON.stringify({ shared }));`;
    const output = execFileSync(process.execPath, ['--allow-natives-syntax', '-e', program], { encoding: 'utf8', cwd: path.resolve(__dirname, '..', '..') });
    expect(JSON.parse(output)).toEqual({ shared: true });
  });
});

/** Every path to a value in a plain render, with the value's parent and key. */
function pathsOf(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.map((_v, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => pathsOf((value as any)[k], [...at, k]))];
}

describe('filtersToSame: what the output compares instead of filtering again', () => {
  // Renders of every workload kind and of the example app's workloads, before the L1's filter.
  const originals = [
    ...Object.values(WORKLOADS).map((make) => { const chart = Testing.chart(); return l1Of(withVolumes(chart, make(chart))); }),
    ...exampleApp().node.findAll()
      .filter((c): c is WorkloadManifest => Object.prototype.isPrototypeOf.call(WorkloadManifest.prototype, c))
      .map((m) => (m as unknown as { original: ApiObject }).original),
  ];
  const leaf = fc.oneof(fc.constant(null), fc.constant(undefined), fc.constant(NaN), fc.constant(-0), fc.integer(), fc.string(),
    fc.constant({ value: '1Gi' }), fc.constant([]), fc.constant({}), fc.constant('x'));
  const key = fc.oneof(fc.string(), fc.constantFrom('name', 'value', 'hostIpc', 'hostIPC', 'image', 'limits', '__proto__', '0'));

  /**
   * A change to one value of a render: set, delete, add a key, reverse an object's keys, or wrap and unwrap
   * as IntOrString and Quantity are.
   */
  const change = fc.record({ path: fc.nat(), op: fc.constantFrom('set', 'delete', 'add', 'wrap', 'unwrap', 'reverse', 'none'), key, leaf });
  type Change = { path: number; op: string; key: string; leaf: unknown };
  function changed(original: ApiObject, { path, op, key: k, leaf: v }: Change): unknown {
    const rendered: any = cdk8sRender(original);
    const paths = pathsOf(rendered);
    const at = paths[path % paths.length];
    const parent = at.slice(0, -1).reduce((x: any, s) => x[s], rendered);
    const last = at[at.length - 1];
    const target = at.reduce((x: any, s) => x[s], rendered);
    if (parent === undefined || last === undefined) return rendered;
    if (op === 'set') parent[last] = v;
    else if (op === 'delete') delete parent[last];
    else if (op === 'wrap') parent[last] = { value: target };
    else if (op === 'unwrap' && target !== null && typeof target === 'object') parent[last] = target.value;
    else if (op === 'reverse' && target !== null && typeof target === 'object' && !Array.isArray(target)) {
      parent[last] = Object.fromEntries(Object.entries(target).reverse());
    }
    else if (op === 'add' && target !== null && typeof target === 'object' && !Array.isArray(target)) {
      Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return rendered;
  }

  test('the same answer as filtering and comparing, for two renders each changed anywhere', () => {
    fc.assert(fc.property(fc.nat(originals.length - 1), change, change, (o, first, second) => {
      const original = originals[o];
      const checked = filterAsL1(original, changed(original, first));
      fc.pre(checked !== undefined);
      const rendered = changed(original, second);
      const filtered = filterAsL1(original, rendered);
      expect(filtersToSame(original, rendered, checked)).toBe(filtered !== undefined && sameManifest(filtered, checked));
    }), { numRuns: 3000 });
  });

  test('an unchanged render is the same, and the comparison does not fall back', () => {
    for (const original of originals) {
      expect(filtersToSame(original, cdk8sRender(original), filterAsL1(original, cdk8sRender(original)))).toBe(true);
    }
  });
});
