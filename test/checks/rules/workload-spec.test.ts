import { checkManifest } from '../../../src/checks/engine';
import { container, cronJob, deployment } from '../../_support/raw-pods';

/**
 * The workload around the pod, as kubernetes/kubernetes validates it on create: pkg/apis/apps/validation
 * (ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec, their
 * strategies; validation_test.go TestValidateDeployment, TestValidateStatefulSet, TestValidateDaemonSet)
 * and pkg/apis/batch/validation (validateJobSpec, validateGeneratedSelector, ValidateCronJobSpec;
 * TestValidateJob, TestValidateCronJob). Cases of our own, in the shapes of theirs.
 */
const spec = () => ({ securityContext: { runAsUser: 1000 }, containers: [container('a')] });
const errorsOf = (manifest: any, options = {}) => checkManifest(manifest, options).filter((f) => f.severity === 'error')
  .map((f) => `${f.rule} ${f.path}`);
const apps = (kind: string, extra: Record<string, unknown> = {}, selector: unknown = { matchLabels: { app: 'web' } }) => ({
  apiVersion: 'apps/v1', kind, metadata: { name: 'web' },
  spec: { ...(selector === null ? {} : { selector }), template: { metadata: { labels: { app: 'web' } }, spec: spec() }, ...extra },
});
const job = (extra: Record<string, unknown> = {}, labels: Record<string, string> = {}) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' },
  spec: { template: { metadata: { labels }, spec: { ...spec(), restartPolicy: 'Never' } }, ...extra },
});

describe('apps/v1 selectors', () => {
  test.each(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'])('a %s that selects its template is valid', (kind) => {
    expect(errorsOf(apps(kind))).toEqual([]);
  });

  test.each(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'])('a %s without a selector is refused: apps/v1 does not default it', (kind) => {
    const [finding] = checkManifest(apps(kind, {}, null)).filter((f) => f.rule === 'workload-spec');
    expect(finding).toMatchObject({ severity: 'error', path: 'spec.selector', message: 'Required value' });
    expect(finding.fix).toContain('e.g. { matchLabels: { app: web } }');
  });

  test.each(['Deployment', 'StatefulSet', 'DaemonSet'])('a %s with an empty selector is refused', (kind) => {
    const [finding] = checkManifest(apps(kind, {}, {})).filter((f) => f.rule === 'workload-spec');
    expect(finding.message).toBe(`Invalid value: {}: empty selector is invalid for ${kind.toLowerCase()}`);
  });

  test('a selector the template labels do not satisfy is refused, at the labels', () => {
    const d = apps('Deployment', {}, { matchLabels: { app: 'api' } });
    const [finding] = checkManifest(d).filter((f) => f.rule === 'workload-spec');
    expect(finding).toMatchObject({ path: 'spec.template.metadata.labels', message: 'Invalid value: {"app":"web"}: `selector` does not match template `labels`' });
  });

  test('matchExpressions are matched as the API server matches them', () => {
    const select = (expressions: unknown[]) => errorsOf(apps('Deployment', {}, { matchExpressions: expressions }));
    expect(select([{ key: 'app', operator: 'In', values: ['web', 'api'] }])).toEqual([]);
    expect(select([{ key: 'tier', operator: 'DoesNotExist' }])).toEqual([]);
    expect(select([{ key: 'app', operator: 'NotIn', values: ['web'] }])).toEqual(['workload-spec spec.template.metadata.labels']);
    expect(select([{ key: 'tier', operator: 'Exists' }])).toEqual(['workload-spec spec.template.metadata.labels']);
  });
});

describe('counts and strategies', () => {
  test('replicas, minReadySeconds and revisionHistoryLimit are 0 or more (ValidateNonnegativeField)', () => {
    expect(errorsOf(apps('Deployment', { replicas: -1, minReadySeconds: -5, revisionHistoryLimit: -2 })))
      .toEqual(['workload-spec spec.replicas', 'workload-spec spec.minReadySeconds', 'workload-spec spec.revisionHistoryLimit']);
    expect(errorsOf(apps('Deployment', { replicas: 0, revisionHistoryLimit: 0 }))).toEqual([]);
  });

  test('a Deployment rolling update needs maxUnavailable or maxSurge above 0 (both default to 25%)', () => {
    const rolling = (rollingUpdate: unknown) => errorsOf(apps('Deployment', { strategy: { type: 'RollingUpdate', rollingUpdate } }));
    expect(rolling({ maxUnavailable: 0 })).toEqual([]);
    expect(rolling({ maxUnavailable: 0, maxSurge: 0 })).toEqual(['workload-spec spec.strategy.rollingUpdate.maxUnavailable']);
    expect(rolling({ maxUnavailable: '0%', maxSurge: '0%' })).toEqual(['workload-spec spec.strategy.rollingUpdate.maxUnavailable']);
    expect(rolling({ maxUnavailable: '120%' })).toEqual(['workload-spec spec.strategy.rollingUpdate.maxUnavailable']);
    expect(rolling({ maxSurge: 'half' })).toEqual(['workload-spec spec.strategy.rollingUpdate.maxSurge']);
  });

  test('a Recreate Deployment takes no rollingUpdate, and the strategy type is one of two', () => {
    expect(errorsOf(apps('Deployment', { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })))
      .toEqual(['workload-spec spec.strategy.rollingUpdate']);
    expect(errorsOf(apps('Deployment', { strategy: { type: 'BlueGreen' } }))).toEqual(['workload-spec spec.strategy']);
  });

  test('progressDeadlineSeconds must be greater than minReadySeconds', () => {
    expect(errorsOf(apps('Deployment', { minReadySeconds: 30, progressDeadlineSeconds: 30 }))).toEqual(['workload-spec spec.progressDeadlineSeconds']);
    expect(errorsOf(apps('Deployment', { minReadySeconds: 30, progressDeadlineSeconds: 600 }))).toEqual([]);
  });

  test('a StatefulSet: pod management policy, update strategy, a maxUnavailable that is not 0, retention policy', () => {
    expect(errorsOf(apps('StatefulSet', { podManagementPolicy: 'Sometimes' }))).toEqual(['workload-spec spec.podManagementPolicy']);
    expect(errorsOf(apps('StatefulSet', { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } })))
      .toEqual(['workload-spec spec.updateStrategy.rollingUpdate']);
    expect(errorsOf(apps('StatefulSet', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } })))
      .toEqual(['workload-spec spec.updateStrategy.rollingUpdate.partition']);
    expect(errorsOf(apps('StatefulSet', { updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } })))
      .toEqual(['workload-spec spec.updateStrategy.rollingUpdate.maxUnavailable']);
    // Before 1.35 MaxUnavailableStatefulSet is off by default: the field is dropped (a warning), not judged.
    expect(errorsOf(apps('StatefulSet', { updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } }), { kubernetesMinor: 34 })).toEqual([]);
    expect(errorsOf(apps('StatefulSet', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } })))
      .toEqual(['workload-spec spec.persistentVolumeClaimRetentionPolicy.whenDeleted']);
  });

  test('a DaemonSet rolling update surges only when it takes nothing down (ValidateRollingUpdateDaemonSet)', () => {
    const rolling = (rollingUpdate: unknown) => errorsOf(apps('DaemonSet', { updateStrategy: { type: 'RollingUpdate', rollingUpdate } }));
    expect(rolling({ maxUnavailable: 0, maxSurge: 1 })).toEqual([]);
    expect(rolling({ maxUnavailable: 1, maxSurge: 1 })).toEqual(['workload-spec spec.updateStrategy.rollingUpdate.maxSurge']);
    expect(rolling({ maxUnavailable: 0 })).toEqual(['workload-spec spec.updateStrategy.rollingUpdate.maxUnavailable']);
  });
});

describe('Jobs', () => {
  test('the API server generates the selector: one of your own needs manualSelector', () => {
    expect(errorsOf(job())).toEqual([]);
    const own = job({ selector: { matchLabels: { app: 'migrate' } } }, { app: 'migrate' });
    expect(errorsOf(own)).toEqual(['workload-spec spec.selector']);
    expect(checkManifest(own).find((f) => f.rule === 'workload-spec')?.message).toContain('`selector` not auto-generated');
    expect(errorsOf(job({ manualSelector: true, selector: { matchLabels: { app: 'migrate' } } }, { app: 'migrate' }))).toEqual([]);
    expect(errorsOf(job({ manualSelector: true, selector: { matchLabels: { app: 'other' } } }, { app: 'migrate' })))
      .toEqual(['workload-spec spec.template.metadata.labels']);
  });

  test('counts are 0 or more; Indexed needs completions; per-index limits need Indexed', () => {
    expect(errorsOf(job({ parallelism: -1, backoffLimit: -1 }))).toEqual(['workload-spec spec.parallelism', 'workload-spec spec.backoffLimit']);
    expect(errorsOf(job({ completionMode: 'Indexed' }))).toEqual(['workload-spec spec.completions']);
    expect(errorsOf(job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 }))).toEqual([]);
    expect(errorsOf(job({ backoffLimitPerIndex: 1 }))).toEqual(['workload-spec spec.backoffLimitPerIndex']);
    expect(errorsOf(job({ completionMode: 'Sometimes' }))).toEqual(['workload-spec spec.completionMode']);
  });
});

describe('CronJobs', () => {
  const cron = (extra: Record<string, unknown>) => {
    const c = cronJob(spec());
    Object.assign(c.spec, extra);
    return c;
  };

  test('a schedule that does not parse is refused in the parser\'s words, with the fix', () => {
    const [finding] = checkManifest(cron({ schedule: '0 25 * * *' })).filter((f) => f.rule === 'workload-spec');
    expect(finding).toMatchObject({ path: 'spec.schedule', message: 'Invalid value: "0 25 * * *": end of range (25) above maximum (23): 25' });
    expect(errorsOf(cron({ schedule: '' }))).toEqual(['workload-spec spec.schedule']);
  });

  test('a time zone belongs in timeZone, which must be one the tz database knows', () => {
    expect(errorsOf(cron({ schedule: 'TZ=Europe/Berlin 0 3 * * *' }))).toEqual(['workload-spec spec.schedule']);
    expect(errorsOf(cron({ timeZone: 'Europe/Berlin' }))).toEqual([]);
    for (const zone of ['Mars/Olympus_Mons', 'Local', '', '../etc/passwd']) {
      expect(errorsOf(cron({ timeZone: zone }))).toEqual(['workload-spec spec.timeZone']);
    }
  });

  test('policies and limits', () => {
    expect(errorsOf(cron({ concurrencyPolicy: 'Queue', startingDeadlineSeconds: -1, failedJobsHistoryLimit: -1 })))
      .toEqual(['workload-spec spec.concurrencyPolicy', 'workload-spec spec.startingDeadlineSeconds', 'workload-spec spec.failedJobsHistoryLimit']);
  });
});

describe('apiVersion', () => {
  test.each([
    ['extensions/v1beta1', 'Deployment', ' (removed in 1.16)'], ['apps/v1beta2', 'DaemonSet', ' (removed in 1.16)'], ['apps/v1beta1', 'StatefulSet', ' (removed in 1.16)'],
    ['batch/v1beta1', 'CronJob', ' (removed in 1.25)'], ['v1', 'Deployment', ''],
  ])('%s %s is not served: refused with the version to use', (apiVersion, kind, removed) => {
    const doc = kind === 'CronJob' ? cronJob(spec()) : apps(kind);
    doc.apiVersion = apiVersion;
    const [finding] = checkManifest(doc).filter((f) => f.rule === 'api-version');
    expect(finding.message).toBe(`Invalid value: "${apiVersion}": Kubernetes 1.35 does not serve ${kind} in this version${removed}: `
      + `no matches for kind "${kind}" in version "${apiVersion}"`);
    expect(finding.fix).toMatch(new RegExp(`^use apiVersion: ${kind === 'CronJob' ? 'batch' : 'apps'}/v1`));
  });

  test('a missing apiVersion is refused; the served one passes', () => {
    const d = deployment(spec());
    expect(errorsOf(d)).toEqual([]);
    delete d.apiVersion;
    expect(errorsOf(d)).toEqual(['api-version apiVersion']);
  });
});
