import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { InitChain, InitChainPod, LogDestination, LogSidecar, NativeSidecars, PodChecks, PodPatternError, SharedVolume, SharedVolumePod } from '../../src';

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

describe('a workload of another cdk8s-plus', () => {
  // Classes carry jsii's type information as cdk8s-plus's own classes do: { fqn, version }.
  const workloadOf = (fqn: string, version: string) => {
    class Deployment {}
    (Deployment as any)[Symbol.for('jsii.rtti')] = { fqn, version };
    return new Deployment() as any;
  };
  const own = (require('cdk8s-plus-27/package.json') as { version: string }).version;

  test('from another major is refused with both packages and the one to use', () => {
    expect(() => LogSidecar.addTo(workloadOf('cdk8s-plus-33.Deployment', '2.4.1'), { destination: LogDestination.stdout() }))
      .toThrow(`LogSidecar.addTo: workload: Invalid value a Deployment from cdk8s-plus-33 2.4.1; this library is built on cdk8s-plus-27 (${own} loaded). `
        + 'Fix: write the workload with cdk8s-plus-27');
  });

  test('from a second copy of cdk8s-plus-27 is refused with both versions and how to keep one copy', () => {
    expect(() => SharedVolume.addTo(workloadOf('cdk8s-plus-27.Deployment', '2.9.1')))
      .toThrow(`SharedVolume.addTo: workload: Invalid value a Deployment from another copy of cdk8s-plus-27 (2.9.1), not the one this library uses (${own}). `
        + 'Fix: install one copy: cdk8s-plus-27 is a peer dependency');
  });
});
