import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KUBERNETES_TARGET_CONTEXT, LogDestination, LogSidecar, PodChecks, SharedVolume, SharedVolumePod, SidecarMode } from '../../src';
import { POD_SECURITY_ANNOTATION } from '../../src/checks/engine';

describe('PodChecks', () => {
  test('fails app.synth() with every error of a workload, each with the construct path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ name: 'a', image: 'x:1', portNumber: 80 }, { name: 'a', image: 'x:1', portNumber: 80 }] });
    PodChecks.of(deployment);
    expect(() => app.synth()).toThrow(/\[chart\/web\] error container-name-unique spec\.template\.spec\.containers\[1\]\.name[\s\S]*\[chart\/web\] error port-conflict/);
  });

  test('is registered once per workload', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ image: 'x:1' }] });
    expect(PodChecks.of(pod)).toBe(PodChecks.of(pod));
    // No level declared: none enforced, as by the plugin and the check command.
    expect(PodChecks.of(pod).podSecurity).toBe('privileged');
  });

  test('the last requirePodSecurity wins, in the checks and in the annotation the plugin reads', () => {
    const chart = Testing.chart();
    // A pattern Pod meets restricted; it declares baseline first, then restricted.
    const pod = new SharedVolumePod(chart, 'pod', { podSecurity: 'baseline', securityContext: { user: 1000 }, containers: [{ name: 'a', image: 'x:1', mountPath: '/d' }] });
    PodChecks.of(pod).requirePodSecurity('restricted');
    expect(PodChecks.of(pod).podSecurity).toBe('restricted');
    expect(Testing.synth(chart)[0].metadata.annotations?.[POD_SECURITY_ANNOTATION]).toBeUndefined();
    PodChecks.of(pod).requirePodSecurity('privileged');
    expect(Testing.synth(chart)[0].metadata.annotations[POD_SECURITY_ANNOTATION]).toBe('privileged');
  });

  test('the level a workload is checked at does not depend on the order patterns and PodChecks are applied', () => {
    const levels = (first: 'pattern' | 'checks') => {
      const chart = Testing.chart();
      const d = new kplus.Deployment(chart, 'd', { containers: [{ name: 'a', image: 'x:1' }] });
      const steps = [() => SharedVolume.addTo(d), () => PodChecks.of(d)];
      if (first === 'checks') steps.reverse();
      steps.forEach((step) => step());
      return PodChecks.of(d).podSecurity;
    };
    expect(levels('pattern')).toBe('privileged');
    expect(levels('checks')).toBe('privileged');
  });

  test('records a lowered level in the pod annotation, and keeps restricted out of the YAML', () => {
    const chart = Testing.chart();
    const low = new SharedVolumePod(chart, 'low', { podSecurity: 'baseline', containers: [{ name: 'a', image: 'x:1', mountPath: '/d' }] });
    new SharedVolumePod(chart, 'high', { containers: [{ name: 'a', image: 'x:1', mountPath: '/d' }] });
    const [lowDoc, highDoc] = Testing.synth(chart);
    expect(low.checks.podSecurity).toBe('baseline');
    expect(lowDoc.metadata.annotations).toEqual({ [POD_SECURITY_ANNOTATION]: 'baseline' });
    expect(highDoc.metadata.annotations).toBeUndefined();
  });

  test('writes warnings to stderr once, without failing the synthesis', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1' }], volumes: [kplus.Volume.fromEmptyDir(chart, 'v', 'idle')] });
    PodChecks.of(pod);
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      Testing.synth(chart);
      Testing.synth(chart);
      const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('volume-unused'));
      expect(lines).toEqual(['[cdk8s-pod-patterns] test/pod: warning volume-unused spec.volumes[0]: volume "idle" is declared but no container mounts it. Fix: mount it in the container that needs it, or remove it.\n']);
    } finally {
      write.mockRestore();
    }
  });

  test('writes nothing for an accepted finding: the decision is in the pod, and the plugin lists it', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1' }], volumes: [kplus.Volume.fromEmptyDir(chart, 'v', 'idle')] });
    PodChecks.of(pod).accept('volume-unused', 'a debug container mounts it');
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      Testing.synth(chart);
      expect(write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('volume-unused'))).toEqual([]);
      expect(PodChecks.of(pod).findings().filter((f) => f.rule === 'volume-unused').map((f) => f.severity)).toEqual(['accepted']);
    } finally {
      write.mockRestore();
    }
  });

  test('findings() runs the engine on demand', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ name: 'a', image: 'x:1', ports: [{ number: 70000 }], securityContext: { user: 1000 } }] });
    expect(PodChecks.of(pod).findings().map((f) => f.rule)).toEqual(['container-port']);
  });

  describe('the app\'s Kubernetes target (context ' + KUBERNETES_TARGET_CONTEXT + ')', () => {
    const jobWithNativeSidecar = (target?: unknown) => {
      const app = Testing.app();
      if (target !== undefined) app.node.setContext(KUBERNETES_TARGET_CONTEXT, target);
      const chart = new Chart(app, 'chart');
      const job = new kplus.Job(chart, 'job', { securityContext: { user: 1000 }, containers: [{ name: 'app', image: 'busybox:1.36.1' }] });
      LogSidecar.addTo(job, { destination: LogDestination.stdout(), mode: SidecarMode.NATIVE });
      return app;
    };

    test('a native sidecar on an app that targets 1.27 fails synthesis, saying it needs 1.29', () => {
      expect(() => jobWithNativeSidecar(27).synth()).toThrow(/\[chart\/job\] error [\s\S]*1\.29/);
    });

    test('the error names the sidecar, the context to raise and the mode to change', () => {
      expect(() => Testing.synth(jobWithNativeSidecar(28).charts[0])).toThrow('[chart/job] error min-kubernetes-version '
        + 'spec.template.metadata.annotations[cdk8s-pod-patterns/min-kubernetes-version]: the pod needs Kubernetes 1.29 for its native sidecars '
        + '("log-shipper") but the target is 1.28. Fix: raise the app\'s target to 1.29 or later (app.node.setContext(KUBERNETES_TARGET_CONTEXT, 29)), '
        + 'or add the sidecar "log-shipper" in another mode than SidecarMode.NATIVE');
    });

    test('the same app synthesizes when it targets 1.29, as "1.29" or when it declares no target', () => {
      for (const target of [29, '1.29', undefined]) {
        const app = jobWithNativeSidecar(target);
        expect(() => Testing.synth(app.charts[0])).not.toThrow();
      }
    });

    test('a target that is not a version is refused with the context key', () => {
      expect(() => Testing.synth(jobWithNativeSidecar('latest').charts[0])).toThrow(/context cdk8s-pod-patterns:kubernetesMinor: Invalid value "latest"/);
    });
  });
});

test.each(['', ' ', '1.', 'v1.29'])('a Kubernetes target of %j is refused, not read as 1.0', (target) => {
  const app = Testing.app();
  app.node.setContext(KUBERNETES_TARGET_CONTEXT, target);
  const chart = new Chart(app, 'chart');
  new SharedVolumePod(chart, 'pod', { securityContext: { user: 1000 }, containers: [{ name: 'a', image: 'busybox:1.36.1', mountPath: '/d' }] });
  expect(() => Testing.synth(chart)).toThrow(`context cdk8s-pod-patterns:kubernetesMinor: Invalid value ${JSON.stringify(target)}`);
});
