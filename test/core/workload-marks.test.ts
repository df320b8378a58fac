import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { LogDestination, LogSidecar, MetricsAdapter, MetricsExporter, ProxySidecar, useRuntimeDefaultSeccomp } from '../../src';

/**
 * What the patterns remember about a workload for the patterns applied after it is kept beside the
 * workload (`workload-marks.ts`), not as constructs in its tree: the tree holds what the user and the
 * rendered objects put there.
 */
describe('marks kept beside the workload', () => {
  const app: kplus.ContainerProps = { name: 'app', image: 'registry.example.com/app:1.0', ports: [{ number: 8080 }], securityContext: { user: 1000 } };

  test('patterns add no marker constructs, so the ids they used are the user\'s', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app] });
    useRuntimeDefaultSeccomp(web);
    LogSidecar.addTo(web, { destination: LogDestination.stdout() });
    ProxySidecar.addTo(web, { appPort: 8080, tlsSecret: kplus.Secret.fromSecretName(chart, 'tls', 'web-tls') });
    MetricsAdapter.addTo(web, { exporter: MetricsExporter.custom({ image: 'registry.example.com/exporter:1.0', metricsPort: 9100, targetPort: 8080 }) });
    for (const id of ['RuntimeDefaultSeccomp', 'LogShipper-log-shipper', 'NetworkSidecar-tls-proxy', 'MetricsAdapter-exporter']) {
      expect(() => new Construct(web, id)).not.toThrow();
    }
    expect(Testing.synth(chart).find((d) => d.kind === 'Deployment').spec.template.spec.containers.map((c: any) => c.name))
      .toEqual(['app', 'log-shipper', 'tls-proxy', 'exporter']);
  });

  test('what they remember still steers the next pattern: a second log sidecar does not take the first shipper for the app', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app] });
    LogSidecar.addTo(web, { destination: LogDestination.stdout() });
    const second = LogSidecar.addTo(web, { destination: LogDestination.stdout(), sidecarName: 'shipper-2', logVolumeName: 'logs-2', logDirectory: '/var/log/two' });
    expect(second.appContainers.map((c) => c.name)).toEqual(['app']);
  });
});
