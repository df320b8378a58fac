import { checkManifest } from '../../../src/checks/engine';
import { parseIndexes } from '../../../src/checks/rules/job-policies';
import { container } from '../../_support/raw-pods';

/**
 * Jobs and CronJobs (src/checks/rules/job-spec.ts), beyond the workload conformance corpus: the fields whose
 * gates came on after they appeared (kube_features.go at 1.35: JobBackoffLimitPerIndex and
 * JobPodReplacementPolicy beta on 1.29, JobSuccessPolicy 1.31, JobManagedBy 1.32), a Job named by
 * generateName, and the index-list parser of batch validation.go (validateIndexesFormat, parseIndexInterval).
 */
const job = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'migrate' }) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata,
  spec: { template: { spec: { restartPolicy: 'Never', containers: [container('a')] } }, ...spec },
});
const findingsOf = (manifest: unknown, kubernetesMinor: number) => checkManifest(manifest, { kubernetesMinor })
  .filter((f) => ['workload-spec', 'unknown-field', 'field-needs-newer-kubernetes'].includes(f.rule)).map((f) => `${f.severity} ${f.rule} ${f.path}`);

test('managedBy: unknown before 1.30, dropped at 1.30-1.31 (and not judged), judged from 1.32', () => {
  const bad = job({ managedBy: 'not a domain path' });
  expect(findingsOf(bad, 29)).toEqual(['error unknown-field spec.managedBy']);
  expect(findingsOf(bad, 31)).toEqual(['warning field-needs-newer-kubernetes spec.managedBy']);
  expect(findingsOf(bad, 32)).toEqual(['error workload-spec spec.managedBy']);
  expect(findingsOf(job({ managedBy: 'kueue.x-k8s.io/multikueue' }), 32)).toEqual([]);
});

test('a successPolicy is dropped at 1.30 and judged from 1.31', () => {
  const policy = job({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '0-5' }] } });
  expect(findingsOf(policy, 30)).toEqual(['warning field-needs-newer-kubernetes spec.successPolicy']);
  expect(findingsOf(policy, 31)).toEqual(['error workload-spec spec.successPolicy.rules[0].succeededIndexes']);
});

test('a Job named by generateName: a selector on its name is not judged, one on its uid is', () => {
  const named = { generateName: 'migrate-' };
  expect(findingsOf(job({ selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'migrate-x7' } } }, named), 35)).toEqual([]);
  expect(findingsOf(job({ selector: { matchLabels: { 'controller-uid': '1a2b' } } }, named), 35)).toEqual(['error workload-spec spec.selector']);
});

test('the CronJob\'s job template is judged as a Job, under its own path', () => {
  const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { podReplacementPolicy: 'Sometimes',
      template: { spec: { restartPolicy: 'Never', containers: [container('a')] } } } } } };
  expect(findingsOf(cron, 35)).toEqual(['error workload-spec spec.jobTemplate.spec.podReplacementPolicy']);
});

test.each([
  ['', 10, 0], ['0', 10, 1], ['0-2,5', 10, 4], ['1,3-5,7', 10, 5], ['+3', 10, 1],
  ['0,1-3, 5', 10, 'cannot convert string to integer for index: " 5"'],
  ['10', 10, 'too large index: "10"'],
  ['3,1', 10, 'non-increasing order, previous: 3, current: 1'],
  ['3-1', 10, 'non-increasing order, previous: 3, current: 1'],
  ['1-3-5', 10, 'the fragment "1-3-5" violates the requirement that an index interval can have at most two parts separated by \'-\''],
  ['-1', 10, 'cannot convert string to integer for index: ""'],
])('parseIndexes(%j, %i) is %j, as parseIndexInterval says', (value, completions, expected) => {
  expect(parseIndexes(value, completions)).toEqual(expected);
});
