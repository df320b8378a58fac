import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { InitChain, InitChainPod, SharedVolume } from '../../src';
import { expectSchemaValid } from '../_support/schema';
import { onlyPodSpec } from '../_support/synth';

const step = (name: string) => ({ name, image: 'busybox:1.36.1', securityContext: { user: 1000 }, command: ['sh', '-c', `echo ${name}`] });

describe('InitChainPod', () => {
  test('emits the steps in the order of the code, before the app containers', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', {
      steps: [step('first'), step('second')],
      containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }],
    });
    pod.addStep(step('third'));

    const spec = onlyPodSpec(chart);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['first', 'second', 'third']);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app']);
    expect(pod.initChain.steps.map((s) => s.name)).toEqual(['first', 'second', 'third']);
    expectSchemaValid(Testing.synth(chart));
  });

  test('steps and app containers share a volume mounted in both', () => {
    const chart = Testing.chart();
    const handoff = kplus.Volume.fromEmptyDir(chart, 'handoff', 'handoff');
    new InitChainPod(chart, 'pod', {
      steps: [{ ...step('fill'), volumeMounts: [{ volume: handoff, path: '/out' }] }],
      containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 }, volumeMounts: [{ volume: handoff, path: '/in', readOnly: true }] }],
    });

    const spec = onlyPodSpec(chart);
    expect(spec.volumes).toEqual([{ name: 'handoff', emptyDir: {} }]);
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'handoff', mountPath: '/out' }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'handoff', mountPath: '/in', readOnly: true }]);
  });

  test('composes with SharedVolume, which mounts the volume into a step', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { steps: [step('fill')] });
    const shared = SharedVolume.addTo(pod, { volumeName: 'site', containers: [{ name: 'web', image: 'nginx:1.25.3', securityContext: { user: 1000 }, mountPath: '/usr/share/nginx/html' }] });
    shared.mount(pod.initChain.steps[0], { mountPath: '/site' });

    const spec = onlyPodSpec(chart);
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'site', mountPath: '/site' }]);
    expect(spec.volumes).toEqual([{ name: 'site', emptyDir: {} }]);
  });
});

describe('InitChainPod keeps its chain whole', () => {
  test('an init container added with the inherited addInitContainer is a step of the chain', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { steps: [step('first')], containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const added = pod.addInitContainer(step('second'));
    expect(pod.initChain.steps).toEqual([pod.initChain.steps[0], added]);
    expect(pod.initChain.steps.map((s) => s.name)).toEqual(['first', 'second']);
  });

  test('and gets the chain\'s checks, which refuse a probed step', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    expect(() => pod.addInitContainer({ ...step('probed'), portNumber: 8080 })).toThrow(/\[init-container-fields\]/);
  });

  test.each(['initSteps', 'initContainers'])('refuses the prop %s with the name to use', (prop) => {
    expect(() => new InitChainPod(Testing.chart(), 'pod', { [prop]: [step('a')] } as any))
      .toThrow(`test: ${prop}: Unknown prop "${prop}": an InitChainPod takes its init containers as "steps"`);
  });
});

describe('InitChain errors', () => {
  test('fails at synth when the chain has no app container, naming the construct and the steps', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    new InitChainPod(chart, 'lonely', { steps: [step('a'), step('b')] });
    expect(() => app.synth()).toThrow(/chart\/lonely.*spec\.containers: Required value: the init chain \(a -> b\)/s);
  });

  test.each([
    ['readiness', 'readinessProbe'],
    ['liveness', 'livenessProbe'],
    ['startup', 'startupProbe'],
  ] as const)('fails when a step carries a %s probe', (prop, field) => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { containers: [{ image: 'x:1' }] });
    expect(() => pod.addStep({ ...step('probed'), [prop]: kplus.Probe.fromCommand(['true']) }))
      .toThrow(`test/pod: spec.initContainers[0].${field}: Forbidden: may not be set for init containers`);
  });

  test('fails when a step carries a lifecycle hook', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { containers: [{ image: 'x:1' }] });
    expect(() => pod.addStep({ ...step('hooked'), lifecycle: { postStart: kplus.Handler.fromCommand(['true']) } }))
      .toThrow('spec.initContainers[0].lifecycle: Forbidden');
  });

  test('fails when a step has portNumber, which would give it a startup probe', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { containers: [{ image: 'x:1' }] });
    expect(() => pod.addStep({ ...step('server'), portNumber: 8080 }))
      .toThrow(/spec\.initContainers\[0\]\.startupProbe: .*Fix: declare the port with "ports: \[\{ number \}\]"/);
  });

  test('fails when a step reuses the name of an app container', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { containers: [{ name: 'app', image: 'x:1' }] });
    expect(() => pod.addStep(step('app'))).toThrow('spec.initContainers[0].name: Duplicate value: "app" (also spec.containers[0])');
  });

  test('fails on an invalid step name', () => {
    const chart = Testing.chart();
    const pod = new InitChainPod(chart, 'pod', { containers: [{ image: 'x:1' }] });
    expect(() => pod.addStep(step('Step.One'))).toThrow('spec.initContainers[0].name: Invalid value: "Step.One"');
  });
});

describe('InitChain on other workloads', () => {
  test('a second addTo extends the one chain of a workload', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [{ name: 'app', image: 'x:1' }] });
    const first = InitChain.addTo(job, { steps: [step('migrate')] });
    const second = InitChain.addTo(job, { steps: [step('seed')] });

    expect(second).toBe(first);
    const docs = Testing.synth(chart);
    expect(docs[0].spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['migrate', 'seed']);
    expectSchemaValid(docs);
  });

  test('reports template field paths on a CronJob', () => {
    const chart = Testing.chart();
    const cron = new kplus.CronJob(chart, 'cron', { schedule: Cron.daily(), containers: [{ image: 'x:1' }] });
    expect(() => InitChain.addTo(cron, { steps: [{ ...step('x'), portNumber: 1 }] }))
      .toThrow('spec.jobTemplate.spec.template.spec.initContainers[0].startupProbe');
  });
});
