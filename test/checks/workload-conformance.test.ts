import { checkManifest } from '../../src/checks/engine';
import { WORKLOAD_CASES, WorkloadCase } from '../fixtures/conformance/workload-cases';

/**
 * The workload conformance corpus (test/fixtures/conformance/workload-cases.ts): Deployments, ReplicaSets,
 * StatefulSets, DaemonSets, Jobs and CronJobs after the table cases of kubernetes/kubernetes
 * pkg/apis/apps/validation and pkg/apis/batch/validation validation_test.go, each valid or invalid for the
 * reason its upstream case names. A valid object raises no error; an invalid one raises at least one.
 */
const errors = (c: WorkloadCase) => checkManifest(c.object, { podSecurity: 'privileged', kubernetesMinor: c.minor })
  .filter((f) => f.severity === 'error');

test('the corpus covers every workload kind, with upstream cases both ways', () => {
  expect(new Set(WORKLOAD_CASES.map((c) => c.object.kind))).toEqual(new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']));
  expect(WORKLOAD_CASES.filter((c) => !c.valid && /^Test\w+/.test(c.source)).length).toBeGreaterThanOrEqual(100);
  expect(WORKLOAD_CASES.filter((c) => c.valid && /^Test\w+/.test(c.source)).length).toBeGreaterThanOrEqual(50);
});

test('no valid workload raises an error', () => {
  const wrong = WORKLOAD_CASES.filter((c) => c.valid)
    .flatMap((c) => errors(c).map((f) => `${c.source}: ${f.rule} ${f.path}: ${f.message}`));
  expect(wrong).toEqual([]);
});

test('every invalid workload raises an error', () => {
  expect(WORKLOAD_CASES.filter((c) => !c.valid && errors(c).length === 0).map((c) => c.source)).toEqual([]);
});
