import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { InitChain, LogDestination, LogSidecar, MetricsAdapter, MetricsExporter, PodChecks, ProxySidecar, useRuntimeDefaultSeccomp } from '../../src';

/**
 * The patterns' state (the checks, the init chain, what a pattern remembers for the ones applied after it,
 * `workload-marks.ts`) is kept beside the workload, not as constructs in its tree: the tree holds what the
 * user and the rendered objects put there.
 */
describe('pattern state kept beside the workload', () => {
  const app: kplus.ContainerProps = { name: 'app', image: 'registry.example.com/app:1.0', ports: [{ number: 8080 }], securityContext: { user: 1000 } };

  test('patterns add no constructs for their state (checks, chain, marks), so the ids they used are the user\'s', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app] });
    useRuntimeDefaultSeccomp(web);
    const chain = InitChain.addTo(web, { steps: [{ name: 'migrate', image: 'registry.example.com/migrate:1.0', securityContext: { user: 1000 } }] });
    LogSidecar.addTo(web, { destination: LogDestination.stdout() });
    ProxySidecar.addTo(web, { appPort: 8080, tlsSecret: kplus.Secret.fromSecretName(chart, 'tls', 'web-tls') });
    MetricsAdapter.addTo(web, { exporter: MetricsExporter.custom({ image: 'registry.example.com/exporter:1.0', metricsPort: 9100, targetPort: 8080 }) });
    expect(InitChain.addTo(web)).toBe(chain);
    expect(PodChecks.of(web)).toBe(PodChecks.of(web));
    for (const id of ['PodPatternsChecks', 'InitChain', 'RuntimeDefaultSeccomp', 'LogShipper-log-shipper', 'NetworkSidecar-tls-proxy', 'MetricsAdapter-exporter']) {
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

  test('a log sidecar added after network sidecars mounts its log volume into the app alone, not the proxy or the exporter', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app] });
    ProxySidecar.addTo(web, { appPort: 8080, tlsSecret: kplus.Secret.fromSecretName(chart, 'tls', 'web-tls') });
    MetricsAdapter.addTo(web, { exporter: MetricsExporter.custom({ image: 'registry.example.com/exporter:1.0', metricsPort: 9100, targetPort: 8080 }) });
    const logs = LogSidecar.addTo(web, { destination: LogDestination.stdout() });
    expect(logs.appContainers.map((c) => c.name)).toEqual(['app']);
    const containers = Testing.synth(chart).find((d) => d.kind === 'Deployment').spec.template.spec.containers;
    const mounting = containers.filter((c: any) => (c.volumeMounts ?? []).some((m: any) => m.name === 'app-logs')).map((c: any) => c.name);
    expect(mounting).toEqual(['app', 'log-shipper']);
  });

  test('an adapter or a proxy added after a log sidecar never takes the shipper for the app', () => {
    const chart = Testing.chart();
    // An app that declares no port: the patterns cannot tell it by the port, only by what is not a sidecar.
    const web = new kplus.Deployment(chart, 'web', { containers: [{ ...app, ports: [] }] });
    LogSidecar.addTo(web, { destination: LogDestination.stdout() });
    const exporter = MetricsExporter.custom({ image: 'registry.example.com/exporter:1.0', metricsPort: 9100, targetPort: 8080 });
    expect(() => MetricsAdapter.addTo(web, { exporter })).toThrow(/\(declared ports: "app": none\)/);
    const tlsSecret = kplus.Secret.fromSecretName(chart, 'tls', 'web-tls');
    expect(() => ProxySidecar.addTo(web, { appPort: 8080, tlsSecret })).toThrow(/\(declared ports: "app": none\)/);
  });

});
