import { checkManifest } from '../../../src/checks/engine';
import { container, cronJob, deployment, pod } from '../../_support/raw-pods';
import { warningsOf } from './_support';

const app = container('report', { command: ['sh', '-c', 'run-report'] });
const shipper = (extra: Record<string, unknown> = {}) => container('log-shipper', { image: 'fluent/fluent-bit:3.2.10', ...extra });
const job = (spec: Record<string, unknown>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'report' }, spec: { template: { spec: { restartPolicy: 'Never', ...spec } } } });
const sidecarWarnings = (manifest: any) => checkManifest(manifest, { podSecurity: 'privileged' })
  .filter((f) => f.rule === 'sidecar-never-exits').map((f) => `${f.path}: ${f.message}`);

describe('a log shipper among the app containers of a pod meant to finish', () => {
  test.each([
    ['a Job', job({ containers: [app, shipper()] }), 'spec.template.spec.containers[1].image: log shipper "log-shipper" runs as an app container, and it never exits on its own, so this Job never completes'],
    ['a CronJob', cronJob({ containers: [app, shipper()] }), 'spec.jobTemplate.spec.template.spec.containers[1].image: log shipper "log-shipper" runs as an app container, and it never exits on its own, so this CronJob never completes'],
    ['a Pod with restartPolicy Never', pod({ restartPolicy: 'Never', containers: [app, shipper()] }), 'spec.containers[1].image: log shipper "log-shipper" runs as an app container, and it never exits on its own, so this Pod (restartPolicy Never) never completes'],
  ])('is reported on %s', (_name, manifest, expected) => {
    expect(sidecarWarnings(manifest)).toEqual([expected]);
  });

  test.each([
    ['a Deployment, whose pods are not meant to finish', deployment({ containers: [app, shipper()] })],
    ['a Pod with restartPolicy Always', pod({ containers: [app, shipper()] })],
    ['a native sidecar (init container with restartPolicy Always)', job({ initContainers: [shipper({ restartPolicy: 'Always' })], containers: [app] })],
    ['a shipper started from a shell, which may stop it (shutdown marker)', job({ containers: [app, shipper({ image: 'fluent/fluent-bit:3.2.10-debug', command: ['/bin/sh', '-c', 'wait-for-marker'] })] })],
    ['a Job whose only container is the shipper', job({ containers: [shipper()] })],
    ['an app image that is not a log shipper', job({ containers: [app, container('helper', { image: 'busybox:1.36.1' })] })],
  ])('is not reported on %s', (_name, manifest) => {
    expect(sidecarWarnings(manifest)).toEqual([]);
  });

  test('is a warning: the API server accepts the pod', () => {
    expect(warningsOf({ restartPolicy: 'Never', containers: [app, shipper()] }, { ownerKind: 'Job' })).toContain('sidecar-never-exits spec.containers[1].image');
  });
});
