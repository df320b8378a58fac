import { container } from '../../_support/raw-pods';
import { warningsOf } from './_support';

// The Kubernetes docs' init containers ("Init Containers", myapp-pod) wait on the namespace file:
//   until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do ...
const waitsOnNamespace = ['sh', '-c',
  'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do sleep 2; done'];
const rule = 'service-account-token-not-mounted';

describe('the service-account token directory', () => {
  test('read by an init step of a pod without the token is a warning at the field that reads it', () => {
    const spec = { automountServiceAccountToken: false, initContainers: [container('init-myservice', { command: waitsOnNamespace })],
      containers: [container('app')] };
    expect(warningsOf(spec).filter((w) => w.startsWith(rule))).toEqual([`${rule} spec.initContainers[0].command[2]`]);
  });

  test('read by a probe command under /run, the same directory, is a warning too', () => {
    const probe = { exec: { command: ['cat', '/run/secrets/kubernetes.io/serviceaccount/token'] } };
    const spec = { automountServiceAccountToken: false, containers: [container('app', { readinessProbe: probe })] };
    expect(warningsOf(spec).filter((w) => w.startsWith(rule))).toEqual([`${rule} spec.containers[0].readinessProbe.exec.command[1]`]);
  });

  test.each([
    ['the token is mounted (the API server default)', {}],
    ['the token is mounted explicitly', { automountServiceAccountToken: true }],
  ])('is fine when %s', (_what, pod) => {
    expect(warningsOf({ ...pod, containers: [container('app', { args: waitsOnNamespace })] }).filter((w) => w.startsWith(rule))).toEqual([]);
  });

  test('is fine when the container mounts a volume of its own there', () => {
    const spec = { automountServiceAccountToken: false, volumes: [{ name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
      containers: [container('app', { args: waitsOnNamespace, volumeMounts: [{ name: 'token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] })] };
    expect(warningsOf(spec).filter((w) => w.startsWith(rule))).toEqual([]);
  });

  test('does not match a longer directory name', () => {
    const spec = { automountServiceAccountToken: false, containers: [container('app', { args: ['ls', '/var/run/secrets/kubernetes.io/serviceaccounts-old'] })] };
    expect(warningsOf(spec).filter((w) => w.startsWith(rule))).toEqual([]);
  });
});
