import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ImageFiles, InitChain, InitChainPod, LogDestination, LogSidecar, MetricsAdapter, MetricsExporter, NativeSidecars, PodChecks, PodPatternError, ProxySidecar, SharedVolume, SharedVolumePod } from '../../src';
import { CDK8S_PLUS_MAJOR } from '../_support/cdk8s-plus-major';

/**
 * What JavaScript callers (or `any`) can pass that the types would refuse: each ends in an error that names
 * the field and the fix, never in a TypeError from inside cdk8s-plus, and nothing is synthesized.
 */
const u = (value: unknown) => value as any;
const app = (image = 'busybox:1.36.1') => ({ name: 'app', image, mountPath: '/data', securityContext: { user: 1000 } });
const deployment = (chart: Chart) => new kplus.Deployment(chart, 'd', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });

const withScope: Array<[string, (chart: Chart) => unknown, string, RegExp]> = [
  ['a null init step', (c) => new InitChainPod(c, 'p', { steps: [u(null)], containers: [app()] }), 'props', /spec\.initContainers\[0\]: Invalid value null: must be an object/],
  ['addStep without props', (c) => new InitChainPod(c, 'p', { containers: [app()] }).addStep(u(undefined)), 'props', /spec\.initContainers\[0\]: Required value/],
  ['steps that are not a list', (c) => InitChain.addTo(deployment(c), { steps: u(5) }), 'props', /steps: Invalid value 5: must be a list/],
  ['a null shared container', (c) => new SharedVolumePod(c, 'p', { containers: [u(null)] }), 'props', /spec\.containers\[0\]: Invalid value null: must be an object/],
  ['containers that are not a list', (c) => new SharedVolumePod(c, 'p', { containers: u('app') }), 'props', /containers: Invalid value "app": must be a list/],
  ['addSharedContainer without props', (c) => new SharedVolumePod(c, 'p', { containers: [app()] }).addSharedContainer(u(undefined)), 'props', /spec\.containers\[1\]: Required value/],
  ['a mount path that is not a string', (c) => new SharedVolumePod(c, 'p', { containers: [{ ...app(), mountPath: u(5) }] }), 'mount-path', /mountPath: Invalid value: 5: must be a string/],
  ['a shared container without mountPath', (c) => new SharedVolumePod(c, 'p', { containers: [u({ image: 'busybox:1.36.1', securityContext: { user: 1000 } })] }), 'mount-path', /mountPath: Required value/],
  ['mount without options', (c) => { const p = new SharedVolumePod(c, 'p', { containers: [app()] }); p.sharedVolume.mount(p.containers[0], u(undefined)); }, 'props', /Required value/],
  ['mount of something that is not a container', (c) => { const p = new SharedVolumePod(c, 'p', { containers: [app()] }); p.sharedVolume.mount(u({ name: 'x' }), { mountPath: '/x' }); }, 'props', /must be a kplus\.Container/],
  ['a volume name that is not a string', (c) => new SharedVolumePod(c, 'p', { volumeName: u(5), containers: [app()] }), 'volume-name', /Invalid value: 5: must be a string/],
  ['a volume name cdk8s-plus would cut to 63 characters', (c) => new SharedVolumePod(c, 'p', { volumeName: 'v'.repeat(64), containers: [app()] }), 'volume-name', /must be no more than 63 characters/],
  ['props that are not an object', (c) => SharedVolume.addTo(deployment(c), u('shared')), 'props', /props: Invalid value "shared": must be an object/],
  ['a native sidecar that is not a container', (c) => NativeSidecars.of(new kplus.Job(c, 'j', { containers: [{ image: 'busybox:1.36.1', securityContext: { user: 1000 } }] })).add(u(undefined)), 'props', /initContainers: Invalid value undefined: must be a kplus\.Container/],
];

describe.each(withScope)('%s', (_name, build, rule, message) => {
  test('is a PodPatternError naming the construct, the field and the fix', () => {
    const chart = Testing.chart();
    let error: unknown;
    try {
      build(chart);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PodPatternError);
    expect(error).not.toBeInstanceOf(TypeError);
    const e = error as PodPatternError;
    expect(e.rule).toBe(rule);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/^test\/(p|d|j): .*\. Fix: .+\. \[/);
  });
});

test.each([
  ['SharedVolume.addTo', () => SharedVolume.addTo(u(undefined))],
  ['InitChain.addTo', () => InitChain.addTo(u(null))],
  ['NativeSidecars.of', () => NativeSidecars.of(u({}))],
  ['PodChecks.of', () => PodChecks.of(u('pod'))],
  ['MetricsAdapter.addTo', () => MetricsAdapter.addTo(u(undefined), { exporter: MetricsExporter.redis() })],
  ['ImageFiles.addTo', () => ImageFiles.addTo(u(null), u({}))],
])('%s without a workload says which entry point needs one', (entryPoint, call) => {
  expect(call).toThrow(new RegExp(`^${entryPoint.replace('.', '\\.')}: workload: Invalid value .*: must be a cdk8s-plus workload\\. Fix: pass a kplus\\.Pod`));
  expect(call).not.toThrow(TypeError);
});

test('null props on the Pod-shaped entry points are "no props"', () => {
  const chart = Testing.chart();
  const pod = new SharedVolumePod(chart, 'p', u(null));
  pod.addSharedContainer(app());
  new InitChainPod(chart, 'q', u(null)).addContainer({ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } });
  expect(Testing.synth(chart).map((d) => d.kind)).toEqual(['Pod', 'Pod']);
});

describe('a cdk8s-plus object of another major or copy', () => {
  // Classes carry jsii's type information as cdk8s-plus's own classes do: { fqn, version }.
  const objectOf = (fqn: string, version: string, name = 'x') => {
    class Foreign { public readonly name = name; }
    (Foreign as any)[Symbol.for('jsii.rtti')] = { fqn, version };
    return new Foreign() as any;
  };
  const ownPkg = `cdk8s-plus-${CDK8S_PLUS_MAJOR}`;
  const own = (kplus.Deployment as any)[Symbol.for('jsii.rtti')].version as string;
  const entryPoint = CDK8S_PLUS_MAJOR === 27 ? 'cdk8s-pod-patterns' : `cdk8s-pod-patterns/plus-${CDK8S_PLUS_MAJOR}`;
  const otherMajor = CDK8S_PLUS_MAJOR === 33 ? 31 : 33;

  test('a workload of another supported major is refused with both packages and the entry point to import', () => {
    expect(() => LogSidecar.addTo(objectOf(`cdk8s-plus-${otherMajor}.Deployment`, '2.4.1'), { destination: LogDestination.stdout() }))
      .toThrow(`LogSidecar.addTo: workload: Invalid value a Deployment from cdk8s-plus-${otherMajor} 2.4.1; the entry point '${entryPoint}' `
        + `is built on ${ownPkg} (${own} loaded). Fix: import the patterns from 'cdk8s-pod-patterns/plus-${otherMajor}', `
        + `the entry point built on cdk8s-plus-${otherMajor}.`);
  });

  test('a workload of an unsupported major is refused with the majors there are', () => {
    expect(() => InitChain.addTo(objectOf('cdk8s-plus-26.Deployment', '2.22.0')))
      .toThrow(/Invalid value a Deployment from cdk8s-plus-26 2\.22\.0; .* Fix: write the app with one of cdk8s-plus-27 to cdk8s-plus-34 /);
  });

  test('a workload from a second copy of the same major is refused with both versions and how to keep one copy', () => {
    expect(() => SharedVolume.addTo(objectOf(`${ownPkg}.Deployment`, '2.0.1')))
      .toThrow(`SharedVolume.addTo: workload: Invalid value a Deployment from another copy of ${ownPkg} (2.0.1), not the one '${entryPoint}' uses (${own}). `
        + `Fix: install one copy: ${ownPkg} is a peer dependency`);
  });

  test.each([
    ['a shared volume', (c: Chart) => SharedVolume.addTo(deployment(c), { volume: objectOf(`cdk8s-plus-${otherMajor}.Volume`, '2.4.1') }), 'volume'],
    ['a log volume', (c: Chart) => LogSidecar.addTo(deployment(c), { destination: LogDestination.stdout(), logVolume: objectOf(`cdk8s-plus-${otherMajor}.Volume`, '2.4.1') }), 'logVolume'],
    ['an app container', (c: Chart) => LogSidecar.addTo(deployment(c), { destination: LogDestination.stdout(), appContainers: [objectOf(`cdk8s-plus-${otherMajor}.Container`, '2.4.1')] }), 'appContainers'],
    ['a native sidecar', (c: Chart) => NativeSidecars.of(deployment(c)).add(objectOf(`cdk8s-plus-${otherMajor}.Container`, '2.4.1')), 'spec.template.spec.initContainers'],
    ['a secret (a subclass inherits its base class\'s type information)', (c: Chart) => {
      class ImportedSecret extends (objectOf(`cdk8s-plus-${otherMajor}.Resource`, '2.4.1').constructor) {}
      const secret = new ImportedSecret() as any;
      const web = new kplus.Deployment(c, 'd', { containers: [{ name: 'app', image: 'nginx:1.27.0', portNumber: 8080, securityContext: { user: 1000 } }] });
      return ProxySidecar.addTo(web, { tlsSecret: secret, appPort: 8080 });
    }, 'tlsSecret'],
    ['a secret of a log destination', (c: Chart) => LogSidecar.addTo(deployment(c), {
      destination: LogDestination.elasticsearch({
        host: 'es.example.com', index: 'app-logs', basicAuth: { username: 'shipper', passwordSecret: objectOf(`cdk8s-plus-${otherMajor}.Secret`, '2.4.1', 'creds') },
      }),
    }), 'passwordSecret'],
  ])('%s of another major is a PodPatternError naming both packages and the entry point', (_name, build, field) => {
    const chart = Testing.chart();
    let error: any;
    try {
      build(chart);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PodPatternError);
    expect(error.message).toContain(`${field}: Invalid value a `);
    expect(error.message).toContain(`from cdk8s-plus-${otherMajor} 2.4.1; the entry point '${entryPoint}' is built on ${ownPkg}`);
    expect(error.message).toContain(`Fix: import the patterns from 'cdk8s-pod-patterns/plus-${otherMajor}'`);
  });

  test('the objects of the entry point\'s own cdk8s-plus pass', () => {
    const chart = Testing.chart();
    const d = deployment(chart);
    const volume = kplus.Volume.fromEmptyDir(chart, 'v', 'shared');
    expect(SharedVolume.addTo(d, { volume }).volume).toBe(volume);
  });
});

describe('one app, one entry point', () => {
  test('a pattern of a second entry point in the same app is refused, naming both', () => {
    const chart = Testing.chart();
    SharedVolume.addTo(deployment(chart));
    // What the other entry point records on the app when it applies its first pattern (one-entry-point.ts).
    const other = Testing.app();
    Object.defineProperty(other, Symbol.for('cdk8s-pod-patterns.entry-point'), {
      value: { entryPoint: 'cdk8s-pod-patterns/plus-99', pkg: 'cdk8s-plus-99', path: 'c/web' },
    });
    const d = deployment(new Chart(other, 'c2'));
    expect(() => SharedVolume.addTo(d)).toThrow(/^c2\/d: workload: Invalid value a workload for the entry point '.*' \(cdk8s-plus-\d+\) in an app that already uses 'cdk8s-pod-patterns\/plus-99' \(cdk8s-plus-99, first at c\/web\); SharedVolume\.addTo cannot mix them\. Fix: write every workload of the app with one cdk8s-plus major/);
  });

  test('one entry point may serve any number of charts of one app', () => {
    const app = Testing.app();
    SharedVolume.addTo(deployment(new Chart(app, 'a')));
    expect(() => SharedVolume.addTo(deployment(new Chart(app, 'b')))).not.toThrow();
  });
});
