import { Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { InitChain, InitChainPod, LogDestination, LogSidecar, LogSidecarPod, SharedVolume, SharedVolumePod } from '../../src';
import { MIN_KUBERNETES_ANNOTATION } from '../../src/checks/engine';
import { addExampleCharts } from '../../src/example/app';
import { isCustomResource } from '../_support/schema';
import { unknownFields } from '../_support/strict-schema';

describe('strict schema: no synthesized document carries a field unknown to Kubernetes 1.27', () => {
  test('the example app: native-sidecar documents against 1.33, image volumes against 1.36, everything else against 1.27', () => {
    const app = Testing.app();
    addExampleCharts(app);
    const docs = app.charts.flatMap((chart) => Testing.synth(chart)).filter((doc) => !isCustomResource(doc));
    expect(docs.length).toBeGreaterThanOrEqual(9);
    // A document that needs 1.29 (native sidecars) is held to 1.33's schema, one that needs 1.35 (an image volume) to 1.36's.
    const needs = (doc: any) => {
      const text = JSON.stringify(doc);
      return text.includes(`"${MIN_KUBERNETES_ANNOTATION}":"1.29"`) ? '1.33' : text.includes(`"${MIN_KUBERNETES_ANNOTATION}":"1.35"`) ? '1.36' : '1.27';
    };
    expect(docs.filter((doc) => needs(doc) === '1.33').map((d) => d.metadata.name)).toEqual(['nightly-report']);
    expect(docs.filter((doc) => needs(doc) === '1.36').map((d) => `${d.kind} ${d.metadata.name}`)).toEqual(['Pod javaweb-2-image-volume']);
    expect(docs.flatMap((doc) => unknownFields(doc, needs(doc)).map((f) => `${doc.kind} ${doc.metadata.name}: ${f}`))).toEqual([]);
    // And against 1.36, the newest schema obtainable offline, for the default target 1.35 and newer clusters.
    expect(docs.flatMap((doc) => unknownFields(doc, '1.36').map((f) => `${doc.kind} ${doc.metadata.name}: ${f}`))).toEqual([]);
  });

  test('every pattern, as a pod and on each workload kind', () => {
    const chart = Testing.chart();
    const app = { name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 } };
    new SharedVolumePod(chart, 'shared', { shareProcessNamespace: true, containers: [{ ...app, mountPath: '/d' }] });
    new InitChainPod(chart, 'chain', { steps: [{ name: 'step', image: 'busybox:1.36.1', securityContext: { user: 1000 } }], containers: [app] });
    new LogSidecarPod(chart, 'logs', { containers: [app], destination: LogDestination.elasticsearch({ host: 'es', index: 'i', tls: {} }) });
    const deployment = new kplus.Deployment(chart, 'deploy', { containers: [app] });
    SharedVolume.addTo(deployment, { shareProcessNamespace: true });
    LogSidecar.addTo(deployment, { destination: LogDestination.stdout() });
    InitChain.addTo(new kplus.CronJob(chart, 'cron', { schedule: Cron.daily(), containers: [app] }), { steps: [{ name: 'step', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    InitChain.addTo(new kplus.Job(chart, 'job', { containers: [app] }), { steps: [{ name: 'step', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const docs = Testing.synth(chart);
    expect(docs.flatMap((doc) => unknownFields(doc).map((f) => `${doc.kind} ${doc.metadata.name}: ${f}`))).toEqual([]);
  });

  test('the strict check does find unknown fields', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labelz: {} }, spec: { initContainers: [{ name: 's', image: 'x:1', restartPolicy: 'Always' }], containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 80, hostport: 1 }] }] } };
    expect(unknownFields(pod, '1.27')).toEqual(['metadata.labelz', 'spec.initContainers[0].restartPolicy', 'spec.containers[0].ports[0].hostport']);
    expect(unknownFields(pod, '1.33')).toEqual(['metadata.labelz', 'spec.containers[0].ports[0].hostport']);
    expect(unknownFields(pod, '1.36')).toEqual(['metadata.labelz', 'spec.containers[0].ports[0].hostport']);
  });

  test('the 1.36 schema knows the newer fields (image volumes, pod resources, stop signals, restart rules) that 1.33 does not all know', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {
      resources: { limits: { cpu: '1' } },
      volumes: [{ name: 'v', image: { reference: 'r/data:1' } }],
      containers: [{ name: 'a', image: 'x:1', restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }],
        lifecycle: { stopSignal: 'SIGUSR1' } }],
    } };
    expect(unknownFields(pod, '1.36')).toEqual([]);
    expect(unknownFields(pod, '1.27')).toEqual(expect.arrayContaining(['spec.resources', 'spec.volumes[0].image', 'spec.containers[0].lifecycle.stopSignal']));
  });
});
