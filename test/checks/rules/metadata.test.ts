import { checkManifest } from '../../../src/checks/engine';
import { container, cronJob, deployment, pod } from '../../_support/raw-pods';

const spec = () => ({ securityContext: { runAsUser: 1000 }, containers: [container('a')] });
const findingsOf = (manifest: any) => checkManifest(manifest, { podSecurity: 'privileged', podSecurityDeclared: false }).map((f) => `${f.severity} ${f.rule} ${f.path}`);
// A Job is batch/v1, and the API server generates its selector.
const workload = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata: { name, ...extra },
  spec: {
    ...(kind === 'Job' ? {} : { selector: { matchLabels: { app: 'x' } } }),
    template: { metadata: { labels: { app: 'x' } }, spec: { ...spec(), restartPolicy: kind === 'Job' ? 'Never' : undefined } },
  },
});

describe('object names', () => {
  test.each(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'])('a %s name must be a DNS subdomain', (kind) => {
    expect(findingsOf(workload(kind, 'Web_App'))).toEqual(['error object-name metadata.name']);
    expect(findingsOf(workload(kind, 'web.app-1'))).toEqual(kind === 'StatefulSet' ? ['error workload-spec metadata.name'] : []);
  });

  test('a workload without name or generateName is reported, one with generateName is not', () => {
    expect(findingsOf({ ...workload('Deployment', ''), metadata: {} })).toEqual(['error object-name metadata.name']);
    expect(findingsOf({ ...workload('Deployment', ''), metadata: { generateName: 'web-' } })).toEqual([]);
  });

  test('a PodTemplate name must be a DNS subdomain', () => {
    const template = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'Tmpl' }, template: { spec: spec() } };
    expect(findingsOf(template)).toEqual(['error object-name metadata.name']);
  });

  test('a Job name has at most 63 characters, a CronJob name at most 52', () => {
    expect(findingsOf(workload('Job', 'j'.repeat(63)))).toEqual([]);
    expect(findingsOf(workload('Job', 'j'.repeat(64)))).toEqual(['error object-name metadata.name']);
    expect(findingsOf(cronJob(spec(), 'c'.repeat(52)))).toEqual([]);
    const [finding] = checkManifest(cronJob(spec(), 'c'.repeat(53)), { podSecurity: 'privileged', podSecurityDeclared: false });
    expect(`${finding.rule} ${finding.path}`).toBe('object-name metadata.name');
    expect(finding.message).toContain('must be no more than 52 characters');
  });

  test('a Deployment name may be long (253)', () => {
    expect(findingsOf(workload('Deployment', 'd'.repeat(253)))).toEqual([]);
  });
});

describe('labels and annotations', () => {
  test.each([
    ['a key with two slashes', { 'a/b/c': 'x' }, 'error labels metadata.labels[a/b/c]'],
    ['a key with an empty prefix', { '/app': 'x' }, 'error labels metadata.labels[/app]'],
    ['a key with an upper-case prefix', { 'Example.com/app': 'x' }, 'error labels metadata.labels[Example.com/app]'],
    ['a key name of 64 characters', { ['k'.repeat(64)]: 'x' }, `error labels metadata.labels[${'k'.repeat(64)}]`],
    ['a value of 64 characters', { app: 'v'.repeat(64) }, 'error labels metadata.labels[app]'],
    ['a value ending in a dash', { app: 'web-' }, 'error labels metadata.labels[app]'],
    ['a value with a slash', { app: 'a/b' }, 'error labels metadata.labels[app]'],
    ['a number as value', { version: 1 }, 'error labels metadata.labels[version]'],
  ])('reports %s', (_name, labels, expected) => {
    const p = pod(spec());
    p.metadata.labels = labels;
    expect(findingsOf(p)).toEqual([expected]);
  });

  test('accepts empty values, prefixes, dots, underscores and mixed case', () => {
    const p = pod(spec());
    p.metadata.labels = { 'app.kubernetes.io/name': 'My_App.v1', 'tier': '', 'K': 'V', ['a'.repeat(63)]: 'b'.repeat(63) };
    p.metadata.annotations = { 'Example.COM/Owner': 'anything at all: { "json": true }', 'note': '' };
    expect(findingsOf(p)).toEqual([]);
  });

  test('checks the pod template and a CronJob\'s job template with their paths', () => {
    const d = deployment(spec());
    d.spec.template.metadata.labels = { app: 'bad value' };
    // The selector (app: web) no longer selects the template either: the API server says both.
    expect(findingsOf(d)).toEqual(['error labels spec.template.metadata.labels[app]', 'error workload-spec spec.template.metadata.labels']);
    const c = cronJob(spec());
    c.spec.jobTemplate.metadata = { annotations: { 'a b': 'x' } };
    c.spec.jobTemplate.spec.template.metadata = { labels: { '-x': 'y' } };
    expect(findingsOf(c)).toEqual(['error annotations spec.jobTemplate.metadata.annotations[a b]', 'error labels spec.jobTemplate.spec.template.metadata.labels[-x]']);
  });

  test('annotations together hold at most 256 KiB', () => {
    const p = pod(spec());
    p.metadata.annotations = { big: 'x'.repeat(256 * 1024 - 3) };
    expect(findingsOf(p)).toEqual([]);
    p.metadata.annotations = { big: 'x'.repeat(256 * 1024 - 2) };
    expect(findingsOf(p)).toEqual(['error annotations metadata.annotations']);
    // Bytes, not characters: "é" is two bytes in UTF-8.
    p.metadata.annotations = { big: 'é'.repeat(128 * 1024) };
    expect(findingsOf(p)).toEqual(['error annotations metadata.annotations']);
  });

  test('never throws on untyped metadata', () => {
    for (const metadata of [5, 'x', null, { name: 5, labels: 'x', annotations: [1] }, { name: 'a', labels: { a: {} }, annotations: { b: null } }]) {
      expect(() => checkManifest({ ...workload('Deployment', 'a'), metadata })).not.toThrow();
      expect(() => checkManifest({ ...deployment(spec()), spec: { template: { metadata, spec: spec() } } })).not.toThrow();
    }
  });
});

describe('metadata edge cases the API server accepts', () => {
  test('null label and annotation values (decoded as "")', () => {
    const doc = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { tier: null }, annotations: { note: null } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36.1' }] } };
    expect(checkManifest(doc, { podSecurity: 'privileged' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('a Job name over 63 characters with manualSelector, which adds no job-name label', () => {
    const job = (manualSelector: boolean) => ({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j'.repeat(70) },
      spec: { manualSelector, selector: { matchLabels: { app: 'j' } }, template: { metadata: { labels: { app: 'j' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'busybox:1.36.1' }] } } },
    });
    const nameErrors = (doc: any) => checkManifest(doc, { podSecurity: 'privileged' }).filter((f) => f.rule === 'object-name').map((f) => f.path);
    expect(nameErrors(job(true))).toEqual([]);
    expect(nameErrors(job(false))).toEqual(['metadata.name']);
  });
});
