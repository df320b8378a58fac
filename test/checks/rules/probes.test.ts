import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

const withProbe = (probe: string, spec: unknown) => ({ containers: [container('a', { [probe]: spec })] });
const withHook = (hook: unknown, extra: Record<string, unknown> = {}) => ({ ...extra, containers: [container('a', { lifecycle: { preStop: hook } })] });

describe('probes', () => {
  test.each([
    [{ livenessProbe: {} }, 'probe spec.containers[0].livenessProbe'],
    [{ readinessProbe: { exec: { command: ['x'] }, httpGet: { port: 80 } } }, 'probe spec.containers[0].readinessProbe'],
    [{ readinessProbe: { exec: { command: ['x'] }, terminationGracePeriodSeconds: 5 } }, 'probe spec.containers[0].readinessProbe.terminationGracePeriodSeconds'],
    [{ livenessProbe: { exec: { command: ['x'] }, successThreshold: 2 } }, 'probe spec.containers[0].livenessProbe.successThreshold'],
    [{ livenessProbe: { exec: { command: ['x'] }, periodSeconds: -1 } }, 'probe spec.containers[0].livenessProbe.periodSeconds'],
    [{ livenessProbe: { exec: { command: ['x'] }, terminationGracePeriodSeconds: 0 } }, 'probe spec.containers[0].livenessProbe.terminationGracePeriodSeconds'],
    [{ startupProbe: { exec: { command: ['x'] }, terminationGracePeriodSeconds: -5 } }, 'probe spec.containers[0].startupProbe.terminationGracePeriodSeconds'],
    [{ livenessProbe: { tcpSocket: { port: 0 } } }, 'probe spec.containers[0].livenessProbe.tcpSocket.port'],
    [{ livenessProbe: { tcpSocket: {} } }, 'probe spec.containers[0].livenessProbe.tcpSocket.port'],
    [{ livenessProbe: { tcpSocket: { port: 70000 } } }, 'probe spec.containers[0].livenessProbe.tcpSocket.port'],
    [{ readinessProbe: { httpGet: { path: '/', port: '8080' } } }, 'probe spec.containers[0].readinessProbe.httpGet.port'],
    [{ readinessProbe: { httpGet: { path: '/', port: 'HTTP' } } }, 'probe spec.containers[0].readinessProbe.httpGet.port'],
    [{ readinessProbe: { httpGet: { path: '/', port: 'web--port' } } }, 'probe spec.containers[0].readinessProbe.httpGet.port'],
    [{ readinessProbe: { httpGet: { path: '/', port: 'a-very-long-port-name' } } }, 'probe spec.containers[0].readinessProbe.httpGet.port'],
    [{ readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'FTP' } } }, 'probe spec.containers[0].readinessProbe.httpGet.scheme'],
    [{ startupProbe: { grpc: { port: 0 } } }, 'probe spec.containers[0].startupProbe.grpc.port'],
    [{ startupProbe: { grpc: { port: 'grpc' } } }, 'probe spec.containers[0].startupProbe.grpc.port'],
  ])('reports %j', (fields, expected) => {
    expect(errorsOf({ containers: [container('a', fields)] })).toEqual([expected]);
  });

  test('says what is wrong with a port name in the API server\'s words', () => {
    const [finding] = checkPodSpec(withProbe('readinessProbe', { httpGet: { port: '8080' } }), { podSecurity: 'privileged' }).filter((f) => f.severity === 'error');
    expect(finding.message).toBe('Invalid value: "8080": must contain at least one letter (a-z)');
  });

  test('accepts port names and numbers at the edges, and what defaulting fills in', () => {
    const spec = {
      containers: [container('a', {
        ports: [{ containerPort: 8080, name: 'h-2' }],
        livenessProbe: { tcpSocket: { port: 65535 }, successThreshold: 0, periodSeconds: 0, timeoutSeconds: 0, terminationGracePeriodSeconds: 1 },
        readinessProbe: { httpGet: { port: 'h-2', scheme: 'HTTPS' } },
        startupProbe: { grpc: { port: 1 }, failureThreshold: 0 },
      })],
    };
    expect(errorsOf(spec)).toEqual([]);
    expect(errorsOf({ containers: [container('a', { ports: [{ containerPort: 80, name: 'abcdefghijklmno' }], readinessProbe: { httpGet: { port: 'abcdefghijklmno' } } })] }))
      .toEqual([]);
  });

  // pkg/kubelet/prober/prober.go extractPort and pkg/kubelet/lifecycle/handlers.go resolvePort look the name
  // up in the container's own ports (findPortByName); the API server takes any valid name.
  test('a probe or hook on a port name the container does not declare is refused: the kubelet cannot resolve it', () => {
    const spec = { containers: [container('a', { ports: [{ containerPort: 8080, name: 'http' }], readinessProbe: { httpGet: { port: 'metrics' } },
      lifecycle: { preStop: { tcpSocket: { port: 'admin' } } } })] };
    expect(errorsOf(spec)).toEqual(['probe-port-unknown spec.containers[0].readinessProbe.httpGet.port', 'probe-port-unknown spec.containers[0].lifecycle.preStop.tcpSocket.port']);
    const [finding] = checkPodSpec(spec).filter((f) => f.rule === 'probe-port-unknown');
    expect(finding.message).toBe('container "a" has no port named "metrics" (its ports: "http"): the kubelet cannot resolve it, so every probe or hook call fails');
  });

  // findPortByName matches names only; the prober then dials TCP (kube-linter tests/checks/liveness-port.yml, "udp").
  test('a probe on a named port declared UDP is a warning: the kubelet calls it over TCP', () => {
    const spec = { containers: [container('a', { ports: [{ containerPort: 9999, name: 'udp', protocol: 'UDP' }, { containerPort: 8080, name: 'http' }],
      livenessProbe: { tcpSocket: { port: 'udp' } }, readinessProbe: { httpGet: { port: 'http' } } })] };
    expect(errorsOf(spec)).toEqual([]);
    expect(warningsOf(spec).filter((w) => w.startsWith('probe-port'))).toEqual(['probe-port-protocol spec.containers[0].livenessProbe.tcpSocket.port']);
  });

  test('never throws on untyped probes and actions', () => {
    for (const probe of ['x', 5, null, [], { httpGet: 'x' }, { tcpSocket: { port: {} } }, { grpc: 5 }, { exec: null }]) {
      expect(() => checkPodSpec(withProbe('livenessProbe', probe))).not.toThrow();
      expect(() => checkPodSpec(withHook(probe))).not.toThrow();
    }
  });
});

describe('lifecycle hooks', () => {
  test('reports a hook without handler and one with two', () => {
    expect(errorsOf(withHook({}))).toEqual(['lifecycle spec.containers[0].lifecycle.preStop']);
    expect(errorsOf(withHook({ exec: { command: ['x'] }, tcpSocket: { port: 80 } }))).toEqual(['lifecycle spec.containers[0].lifecycle.preStop']);
  });

  test('reports a grpc action, which only probes have, once', () => {
    expect(errorsOf(withHook({ grpc: { port: 9090 } }))).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.grpc']);
    expect(errorsOf(withHook({ grpc: { port: 9090 }, exec: { command: ['x'] } }))).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.grpc']);
  });

  test('reports hook ports like probe ports', () => {
    expect(errorsOf(withHook({ httpGet: { path: '/quit', port: 'Admin' } }))).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.httpGet.port']);
  });

  test('the sleep action needs Kubernetes 1.30, and the message names the versions', () => {
    const spec = withHook({ sleep: { seconds: 5 } });
    expect(errorsOf(spec, { kubernetesMinor: 27 })).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.sleep']);
    expect(errorsOf(spec, { kubernetesMinor: 29 })).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.sleep']);
    const [finding] = checkPodSpec(spec, { podSecurity: 'privileged', kubernetesMinor: 27 }).filter((f) => f.severity === 'error');
    expect(finding.message).toContain('needs Kubernetes 1.30 or later');
    expect(finding.message).toContain('this pod targets 1.27');
    expect(errorsOf(spec, { kubernetesMinor: 30 })).toEqual([]);
  });

  test('from 1.30, a sleep lasts more than 0 seconds and at most the grace period', () => {
    expect(errorsOf(withHook({ sleep: { seconds: 30 } }), { kubernetesMinor: 30 })).toEqual([]);
    expect(errorsOf(withHook({ sleep: { seconds: 31 } }), { kubernetesMinor: 30 })).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.sleep.seconds']);
    expect(errorsOf(withHook({ sleep: { seconds: 60 } }, { terminationGracePeriodSeconds: 60 }), { kubernetesMinor: 30 })).toEqual([]);
    expect(errorsOf(withHook({ sleep: { seconds: 0 } }), { kubernetesMinor: 30 })).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.sleep.seconds']);
    expect(errorsOf(withHook({ sleep: { seconds: 0 } }), { kubernetesMinor: 33 })).toEqual([]);
    expect(errorsOf(withHook({ sleep: {} }), { kubernetesMinor: 30 })).toEqual(['lifecycle spec.containers[0].lifecycle.preStop.sleep.seconds']);
  });
});

describe('null fields, which the API server decodes as not set', () => {
  test('are not reported on probes or on init containers', () => {
    expect(errorsOf({
      initContainers: [container('init', { lifecycle: null, livenessProbe: null })],
      containers: [container('a', { livenessProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: null, periodSeconds: null }, readinessProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: null } })],
    })).toEqual([]);
  });
});

describe('handlers (TestValidateHandler)', () => {
  const probe = (handler: Record<string, unknown>) => ({ containers: [container('a', { readinessProbe: handler })] });
  test.each([
    ['exec [echo]', { exec: { command: ['echo'] } }],
    ['a Host header', { httpGet: { path: '/', port: 1, httpHeaders: [{ name: 'Host', value: 'foo.example.com' }] } }],
    ['two X-Forwarded-For headers', { httpGet: { path: '/', port: 1, httpHeaders: [{ name: 'X-Forwarded-For', value: '1.2.3.4' }, { name: 'X-Forwarded-For', value: '5.6.7.8' }] } }],
  ])('accepts %s', (_name, handler) => {
    expect(errorsOf(probe(handler))).toEqual([]);
  });
  test.each([
    ['exec with an empty command', { exec: { command: [] } }, 'probe spec.containers[0].readinessProbe.exec.command'],
    ['a header name with a colon', { httpGet: { path: '/', port: 1, httpHeaders: [{ name: 'Host:', value: 'x' }] } }, 'probe spec.containers[0].readinessProbe.httpGet.httpHeaders'],
    ['a header name with an underscore', { httpGet: { path: '/', port: 1, httpHeaders: [{ name: 'X_Forwarded_For', value: 'x' }] } },
      'probe spec.containers[0].readinessProbe.httpGet.httpHeaders'],
  ])('refuses %s', (_name, handler, expected) => {
    expect(errorsOf(probe(handler))).toEqual([expected]);
  });
  test('an empty exec command in a hook is refused too', () => {
    expect(errorsOf({ containers: [container('a', { lifecycle: { preStop: { exec: { command: [] } } } })] }))
      .toEqual(['lifecycle spec.containers[0].lifecycle.preStop.exec.command']);
  });
});
