import { container } from '../../_support/raw-pods';
import { errorsOf, warningsOf } from './_support';

const ports = (...list: any[]) => container('a', { ports: list });

describe('ports', () => {
  test('allows one port on TCP and UDP, and the same port in an init container', () => {
    expect(errorsOf({
      initContainers: [container('init', { ports: [{ containerPort: 53 }] })],
      containers: [container('tcp', { ports: [{ containerPort: 53 }] }), container('udp', { ports: [{ containerPort: 53, protocol: 'UDP' }] })],
    })).toEqual([]);
  });
  test.each([
    [{ containerPort: 0 }, 'container-port spec.containers[0].ports[0].containerPort'],
    [{ containerPort: '80' }, 'container-port spec.containers[0].ports[0].containerPort'],
    [{ containerPort: 80, hostPort: -1 }, 'host-port spec.containers[0].ports[0].hostPort'],
    [{ containerPort: 80, protocol: 'HTTP' }, 'port-protocol spec.containers[0].ports[0].protocol'],
    [{ containerPort: 80, name: 'web--port' }, 'port-name spec.containers[0].ports[0].name'],
  ])('reports the port %j', (port, expected) => {
    expect(errorsOf({ containers: [ports(port)] })).toEqual([expected]);
  });
  test('reports a port name used twice in one container', () => {
    expect(errorsOf({ containers: [ports({ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' })] })).toEqual(['port-name-unique spec.containers[0].ports[1].name']);
  });
  test('reports a hostPort used twice by running containers, but not by two init containers', () => {
    expect(errorsOf({ containers: [container('a', { ports: [{ containerPort: 80, hostPort: 80 }] }), container('b', { ports: [{ containerPort: 81, hostPort: 80 }] })] }))
      .toEqual(['host-port-conflict spec.containers[1].ports[0].hostPort']);
    expect(errorsOf({ initContainers: [container('i', { ports: [{ containerPort: 80, hostPort: 80 }] }), container('j', { ports: [{ containerPort: 80, hostPort: 80 }] })], containers: [container('a')] }))
      .toEqual([]);
  });
  test('with hostNetwork, a hostPort must equal its containerPort', () => {
    expect(errorsOf({ hostNetwork: true, containers: [ports({ containerPort: 80, hostPort: 8080 })] })).toEqual(['host-network-ports spec.containers[0].ports[0].containerPort']);
  });
  test('a native sidecar shares the network namespace with the app containers', () => {
    expect(errorsOf({ initContainers: [container('proxy', { restartPolicy: 'Always', ports: [{ containerPort: 8080 }] })], containers: [ports({ containerPort: 8080 })] }, { kubernetesMinor: 29 }))
      .toEqual(['port-conflict spec.containers[0].ports[0].containerPort']);
  });
  test('warns when two running containers use one port name, a native sidecar included', () => {
    const spec = (sidecarPort: any) => ({
      securityContext: { runAsUser: 1000 },
      initContainers: [container('proxy', { restartPolicy: 'Always', ports: [sidecarPort] })],
      containers: [container('a', { ports: [{ containerPort: 8080, name: 'http' }] }), container('b', { ports: [{ containerPort: 8081, name: 'http' }] })],
    });
    expect(warningsOf(spec({ containerPort: 9090, name: 'http' }), { kubernetesMinor: 29 })).toEqual([
      'port-name-duplicate-across-containers spec.containers[0].ports[0].name',
      'port-name-duplicate-across-containers spec.containers[1].ports[0].name',
    ]);
    expect(errorsOf(spec({ containerPort: 9090, name: 'http' }), { kubernetesMinor: 29 })).toEqual([]);
  });
  test('does not warn for distinct names, or for a name shared with an ordinary init container', () => {
    expect(warningsOf({
      securityContext: { runAsUser: 1000 },
      initContainers: [container('init', { ports: [{ containerPort: 80, name: 'http' }] })],
      containers: [container('a', { ports: [{ containerPort: 8080, name: 'http' }] }), container('b', { ports: [{ containerPort: 8081, name: 'metrics' }] })],
    })).toEqual([]);
  });
});
