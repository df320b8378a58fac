import { Chart, Cron, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Ambassador, checkManifest, ProxySidecar, ProxySidecarPod, SidecarMode } from '../../../src';
import { NGINX_IMAGE } from '../../../src/patterns/network-sidecar/_nginx-sidecar';

const app = (port = 8080): kplus.ContainerProps => ({ name: 'app', image: 'registry.example.com/app:1.0', ports: [{ number: port }], securityContext: { user: 1000 } });
const tlsSecret = (c: Chart) => kplus.Secret.fromSecretName(c, 'tls', 'web-tls');

function deployment(chart: Chart, containers: kplus.ContainerProps[] = [app()]): kplus.Deployment {
  return new kplus.Deployment(chart, 'web', { containers });
}

const spec = (docs: any[], kind = 'Deployment') => {
  const doc = docs.find((d) => d.kind === kind);
  return kind === 'Pod' ? doc.spec : doc.spec.template.spec;
};

describe('ProxySidecar', () => {
  test('adds the pinned unprivileged nginx on the named port, restricted, with its config and TLS Secret mounted', () => {
    const chart = Testing.chart();
    ProxySidecar.addTo(deployment(chart), { appPort: 8080, tlsSecret: tlsSecret(chart) });
    const docs = Testing.synth(chart);
    const proxy = spec(docs).containers[1];
    expect(proxy).toMatchObject({
      name: 'tls-proxy', image: NGINX_IMAGE, ports: [{ containerPort: 8443, name: 'https' }],
      securityContext: { runAsUser: 101, runAsGroup: 101, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      readinessProbe: { httpGet: { path: '/', port: 8443, scheme: 'HTTPS' } },
      lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
    });
    expect(NGINX_IMAGE).toMatch(/:\d+\.\d+\.\d+-alpine$/);
    expect(spec(docs).volumes).toEqual(expect.arrayContaining([
      { name: 'tls-proxy-tls', secret: { secretName: 'web-tls', items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] } },
      { name: 'tls-proxy-tmp', emptyDir: {} },
    ]));
    const configMap = docs.find((d) => d.kind === 'ConfigMap');
    expect(configMap.immutable).toBe(true);
    expect(configMap.metadata.name).toMatch(/-tls-proxy-[0-9a-f]{10}$/);
    expect(configMap.data['nginx.conf']).toContain('    server 127.0.0.1:8080;\n');
    // A plain Deployment lacks restricted's seccomp profile (the pattern Pods set it): checked at baseline here.
    for (const doc of docs) expect(checkManifest(doc, { podSecurity: 'baseline' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('as a native sidecar: first among the init containers, with a startup probe, and no preStop (it stops after the app)', () => {
    const chart = Testing.chart();
    ProxySidecar.addTo(deployment(chart), { appPort: 8080, tlsSecret: tlsSecret(chart), mode: SidecarMode.NATIVE });
    const s = spec(Testing.synth(chart));
    expect(s.initContainers[0]).toMatchObject({ name: 'tls-proxy', restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 8443 } } });
    expect(s.initContainers[0].lifecycle).toBeUndefined();
  });

  test('tells the app the port clients use (publicPort), redirects to it, and never writes a 0 (unlimited) body size', () => {
    const chart = Testing.chart();
    ProxySidecar.addTo(deployment(chart), {
      appPort: 8080, tlsSecret: tlsSecret(chart), redirectPort: 8081, publicPort: 9443, maxBodySize: Size.kibibytes(0.25),
    });
    const conf = Testing.synth(chart).find((d) => d.kind === 'ConfigMap').data['nginx.conf'];
    expect(conf).toContain('proxy_set_header X-Forwarded-Port 9443;');
    expect(conf).toContain('return 301 https://$host:9443$request_uri;');
    expect(conf).toContain('client_max_body_size 1k;');
  });

  test('exposeViaService targets the proxy\'s port, never the app\'s', () => {
    const chart = Testing.chart();
    const proxy = ProxySidecar.addTo(deployment(chart), { appPort: 8080, tlsSecret: tlsSecret(chart), redirectPort: 8081 });
    proxy.exposeViaService(chart, 'svc', { name: 'web' });
    const service = Testing.synth(chart).find((d) => d.kind === 'Service');
    expect(service.spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 8443 }, { name: 'http', port: 80, targetPort: 8081 }]);
  });

  test('ProxySidecarPod: the Pod-shaped entry point', () => {
    const chart = Testing.chart();
    const pod = new ProxySidecarPod(chart, 'pod', { containers: [app()], appPort: 8080, tlsSecret: tlsSecret(chart) });
    expect(pod.sidecar.name).toBe('tls-proxy');
    const docs = Testing.synth(chart);
    expect(spec(docs, 'Pod').containers.map((c: any) => c.name)).toEqual(['app', 'tls-proxy']);
    // A pattern Pod is restricted by default, the proxy included.
    for (const doc of docs) expect(checkManifest(doc).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test.each([
    ['an app port no container declares', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 9000, tlsSecret: tlsSecret(c) }),
      'test/web: appPort: no app container declares port 9000 (declared ports: "app": 8080). Fix: declare the port the app listens on'],
    ['a port below 1024', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 8080, tlsSecret: tlsSecret(c), port: 443 }),
      'test/web: port: Invalid value 443: the proxy runs as uid 101 without capabilities'],
    ['the app\'s own port', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 8080, tlsSecret: tlsSecret(c), port: 8080 }),
      'port 8080/TCP is also declared by container "app"'],
    ['a port out of range', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 8080, tlsSecret: tlsSecret(c), port: 70000 }),
      'test/web: port: Invalid value 70000: must be an integer from 1 to 65535'],
    ['an invalid Secret name', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 8080, tlsSecret: kplus.Secret.fromSecretName(c, 's', 'Web TLS') }),
      'test/web: tlsSecret: Invalid Secret name "Web TLS"'],
    ['no Secret (untyped)', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 8080 } as any), 'test/web: tlsSecret: Required value: the TLS Secret is missing'],
    ['a classic proxy on a Job', (c: Chart) => ProxySidecar.addTo(new kplus.Job(c, 'web', { containers: [app()] }), { appPort: 8080, tlsSecret: tlsSecret(c) }),
      'a classic TLS proxy never exits, so this Job would never complete. Fix: choose mode: SidecarMode.NATIVE'],
    ['the shutdown marker', (c: Chart) => ProxySidecar.addTo(new kplus.CronJob(c, 'web', { schedule: Cron.daily(), containers: [app()] }),
      { appPort: 8080, tlsSecret: tlsSecret(c), mode: SidecarMode.shutdownMarker() }), 'test/web: mode: Unsupported value: SidecarMode.shutdownMarker()'],
    ['a redirect port equal to the TLS port', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 8080, tlsSecret: tlsSecret(c), redirectPort: 8443 }),
      'test/web: redirectPort: Duplicate value 8443: port is 8443 too'],
    ['an invalid sidecar name', (c: Chart) => ProxySidecar.addTo(deployment(c), { appPort: 8080, tlsSecret: tlsSecret(c), sidecarName: 'TLS' }), 'test/web: spec.template.spec.containers[1].name: Invalid value: "TLS"'],
  ])('refuses %s, naming the construct, the field and the fix', (_what, build, message) => {
    const chart = Testing.chart();
    let error: unknown;
    try {
      build(chart);
      Testing.synth(chart);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain('Fix:');
  });
});

describe('Ambassador', () => {
  test('listens on 127.0.0.1:<localPort>, gives the app the address, and probes its status endpoint', () => {
    const chart = Testing.chart();
    const amb = Ambassador.addTo(deployment(chart), { remoteHost: 'redis.data.svc.cluster.local', remotePort: 6380, localPort: 6379, envVariable: 'REDIS_ADDR', tls: {} });
    expect(amb.localAddress).toBe('127.0.0.1:6379');
    const docs = Testing.synth(chart);
    const s = spec(docs);
    expect(s.containers[0].env).toEqual([{ name: 'REDIS_ADDR', value: '127.0.0.1:6379' }]);
    expect(s.containers[1]).toMatchObject({ name: 'ambassador', readinessProbe: { httpGet: { path: '/ready', port: 9980 } } });
    const conf = docs.find((d) => d.kind === 'ConfigMap').data['nginx.conf'];
    expect(conf).toContain('    server redis.data.svc.cluster.local:6380;\n');
    expect(conf).toContain('    listen 127.0.0.1:6379;\n');
    expect(conf).toContain('    proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;\n');
    // A plain Deployment lacks restricted's seccomp profile (the pattern Pods set it): checked at baseline here.
    for (const doc of docs) expect(checkManifest(doc, { podSecurity: 'baseline' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('a proxy and an ambassador in one pod: one network namespace, distinct ports', () => {
    const chart = Testing.chart();
    const web = deployment(chart);
    ProxySidecar.addTo(web, { appPort: 8080, tlsSecret: tlsSecret(chart) });
    Ambassador.addTo(web, { remoteHost: 'redis', remotePort: 6379, localPort: 6379 });
    const s = spec(Testing.synth(chart));
    expect(s.containers.map((c: any) => c.name)).toEqual(['app', 'tls-proxy', 'ambassador']);
    // The proxy is not an app container: only the app is given the address.
    expect(s.containers[1].env).toBeUndefined();
    expect(() => {
      const c2 = Testing.chart();
      const w = deployment(c2);
      ProxySidecar.addTo(w, { appPort: 8080, tlsSecret: tlsSecret(c2) });
      Ambassador.addTo(w, { remoteHost: 'redis', remotePort: 6379, localPort: 8443 });
    }).toThrow('port 8443/TCP is also declared by container "tls-proxy"');
  });

  test.each([
    ['a remote URL', { remoteHost: 'redis://cache:6379', remotePort: 6379, localPort: 6379 }, 'remoteHost: must be a bare host name, not a URL'],
    ['a local port below 1024', { remoteHost: 'db', remotePort: 5432, localPort: 543 }, 'localPort: Invalid value 543'],
    ['an invalid variable name', { remoteHost: 'db', remotePort: 5432, localPort: 5432, envVariable: 'DB-ADDR' }, 'envVariable: Invalid value "DB-ADDR": must be a C identifier'],
    ['TLS to an IP address without a server name', { remoteHost: '10.0.0.7', remotePort: 6380, localPort: 6379, tls: {} },
      'tls.serverName: Required value: the remote end is the address 10.0.0.7, and nginx verifies a certificate by DNS name only'],
    ['the status port equal to the local port', { remoteHost: 'db', remotePort: 5432, localPort: 9980 }, 'statusPort: Duplicate value 9980: localPort is 9980 too'],
    ['a CA bundle as a plain object (untyped)', { remoteHost: 'db', remotePort: 5432, localPort: 5432, tls: { ca: { key: 'ca.crt' } } }, 'tls.ca: Required value: the CA bundle Secret is missing'],
  ])('refuses %s', (_what, props, message) => {
    const chart = Testing.chart();
    expect(() => Ambassador.addTo(deployment(chart), props as any)).toThrow(message);
  });
});
