import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LogDestination, LogSidecar, NativeSidecars, PodChecks, SidecarMode } from '../../src';
import { MIN_KUBERNETES_ANNOTATION } from '../../src/checks/engine';
import { CDK8S_PLUS_MAJOR } from '../_support/cdk8s-plus-major';
import { unknownFields } from '../_support/strict-schema';

describe('NativeSidecars', () => {
  function jobWithSidecar() {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    job.addInitContainer({ name: 'migrate', image: 'busybox:1.36.1', securityContext: { user: 1000 } });
    const proxy = job.addInitContainer({ name: 'proxy', image: 'envoyproxy/envoy:v1.29.1' });
    NativeSidecars.of(job).add(proxy);
    return { chart, job };
  }

  test('emits restartPolicy: Always on the sidecar, which the 1.27 L1 would otherwise filter away', () => {
    const { chart } = jobWithSidecar();
    const spec = Testing.synth(chart)[0].spec.template.spec;
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['proxy', 'Always'], ['migrate', undefined]]);
  });

  // cdk8s-plus-27's L1 (Kubernetes 1.27) has no restartPolicy on a container and filters it away after the
  // patches are applied; the L1 of cdk8s-plus-28 and later has the field, so the patch survives there.
  test('a JSON patch alone is lost on cdk8s-plus-27 and kept on later majors: the reason for the mechanism', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }], initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.1' }] });
    require('cdk8s').ApiObject.of(pod).addJsonPatch(require('cdk8s').JsonPatch.add('/spec/initContainers/0/restartPolicy', 'Always'));
    expect(Testing.synth(chart)[0].spec.initContainers[0].restartPolicy).toBe(CDK8S_PLUS_MAJOR === 27 ? undefined : 'Always');
  });

  test('declares Kubernetes 1.29 in the pod annotation and in the checks', () => {
    const { chart, job } = jobWithSidecar();
    expect(PodChecks.of(job).kubernetesMinor).toBe(29);
    expect(Testing.synth(chart)[0].spec.template.metadata.annotations).toEqual({ [MIN_KUBERNETES_ANNOTATION]: '1.29' });
  });

  test('the manifest is strictly valid against Kubernetes 1.33, and only the sidecar field is unknown to 1.27', () => {
    const { chart } = jobWithSidecar();
    const [doc] = Testing.synth(chart);
    expect(unknownFields(doc, '1.33')).toEqual([]);
    expect(unknownFields(doc, '1.27')).toEqual(['spec.template.spec.initContainers[0].restartPolicy']);
  });

  test('refuses a container that is not an init container of the workload', () => {
    const chart = Testing.chart();
    const pod = new kplus.Pod(chart, 'pod', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    expect(() => NativeSidecars.of(pod).add(pod.containers[0])).toThrow('test/pod: spec.initContainers: container "app" is not an init container of this workload');
  });
});

describe('native sidecar probes', () => {
  test('reach the YAML on the sidecar, which cdk8s-plus-27 refuses on init containers, and pass the checks', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const proxy = job.addInitContainer({ name: 'proxy', image: 'envoyproxy/envoy:v1.29.1' });
    NativeSidecars.of(job).add(proxy, { startup: kplus.Probe.fromTcpSocket({ port: 9901 }), readiness: kplus.Probe.fromHttpGet('/ready', { port: 9901 }) });
    const [doc] = Testing.synth(chart);
    const sidecar = doc.spec.template.spec.initContainers[0];
    expect(sidecar.startupProbe).toMatchObject({ tcpSocket: { port: 9901 } });
    expect(sidecar.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 9901 } });
    expect(unknownFields(doc, '1.33')).toEqual([]);
    expect(PodChecks.of(job).findings().filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('on a sidecar with a port number, a probe without a port probes that port', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const proxy = job.addInitContainer({ name: 'proxy', image: 'envoyproxy/envoy:v1.29.1', portNumber: 9000, ports: [{ number: 9901, name: 'admin' }] });
    NativeSidecars.of(job).add(proxy, { readiness: kplus.Probe.fromTcpSocket() });
    const sidecar = Testing.synth(chart)[0].spec.template.spec.initContainers[0];
    expect(sidecar.readinessProbe).toMatchObject({ tcpSocket: { port: 9000 } });
    expect(sidecar.ports.map((p: any) => p.containerPort)).toEqual([9000, 9901]);
  });
});

describe('a native sidecar of a pattern, in the major\'s own terms', () => {
  // cdk8s-plus-28 added ContainerRestartPolicy (lib/container.d.ts) and lets addInitContainer take probes
  // on such a container (lib/pod.js, isSidecarContainer); 27 has neither, so the manifest carries both.
  test(`reads restartPolicy ${CDK8S_PLUS_MAJOR >= 28 ? 'Always on the container itself' : 'from the manifest only'}, and the YAML is the same`, () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [{ name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const shipper = LogSidecar.addTo(job, { destination: LogDestination.stdout(), mode: SidecarMode.NATIVE });
    expect((shipper.sidecar as { restartPolicy?: string }).restartPolicy).toBe(CDK8S_PLUS_MAJOR >= 28 ? 'Always' : undefined);
    const [init] = Testing.synth(chart)[0].spec.template.spec.initContainers;
    expect(init).toMatchObject({ name: shipper.sidecar.name, restartPolicy: 'Always' });
  });
});
