import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkManifest, checkManifests, PodChecks, PodPatternError } from '../../src';
import { ACCEPT_ANNOTATION, ACCEPT_REASON_ANNOTATION } from '../../src/checks/accept';
import { container, deployment, pod } from '../_support/raw-pods';

/** A pod with an unused volume (warning volume-unused) and an untagged image (image-tag). */
const withUnusedVolume = (annotations?: Record<string, unknown>) => ({
  ...pod({ containers: [container('a', { image: 'registry.example.com/app' })], volumes: [{ name: 'scratch', emptyDir: {} }] }),
  metadata: { name: 'pod', ...(annotations ? { annotations } : {}) },
});
const summary = (findings: any[]) => findings.map((f) => `${f.severity} ${f.rule}`).sort();

describe('the cdk8s-pod-patterns/accept annotation', () => {
  test('turns the findings of the listed rules into accepted ones, with the reason', () => {
    const plain = checkManifest(withUnusedVolume(), { podSecurity: 'baseline' });
    expect(summary(plain)).toEqual(['warning image-tag', 'warning volume-unused']);
    const findings = checkManifest(withUnusedVolume({
      [ACCEPT_ANNOTATION]: 'volume-unused, image-tag', [ACCEPT_REASON_ANNOTATION]: 'a debug container mounts it',
    }), { podSecurity: 'baseline' });
    expect(summary(findings)).toEqual(['accepted image-tag', 'accepted volume-unused']);
    expect(findings.every((f) => f.acceptedBecause === 'a debug container mounts it')).toBe(true);
  });

  test('can accept a library error (image-tag at restricted) but nothing the cluster refuses', () => {
    const accepted = checkManifest(withUnusedVolume({ [ACCEPT_ANNOTATION]: 'image-tag,volume-unused', [ACCEPT_REASON_ANNOTATION]: 'r' }));
    expect(accepted.filter((f) => f.rule === 'image-tag').map((f) => f.severity)).toEqual(['accepted']);
    const refused = checkManifest({ ...pod({ containers: [container('a', { ports: [{ containerPort: 0 }] })] }),
      metadata: { name: 'p', annotations: { [ACCEPT_ANNOTATION]: 'port-protocol,pod-security-run-as-user', [ACCEPT_REASON_ANNOTATION]: 'r' } } });
    const problems = refused.filter((f) => f.rule === 'accept-annotation');
    expect(problems.map((f) => f.message)).toEqual([
      'Invalid value: "port-protocol" is refused by the API server; accepting it would not make the pod work',
      'Invalid value: "pod-security-run-as-user" is a Pod Security check; declare the level the pod needs instead',
    ]);
    // Nothing is accepted while the annotation is wrong.
    expect(refused.some((f) => f.severity === 'accepted')).toBe(false);
  });

  test.each([
    ['without a reason', { [ACCEPT_ANNOTATION]: 'volume-unused' }, 'Required value: accepting a finding needs the reason'],
    ['with a blank reason', { [ACCEPT_ANNOTATION]: 'volume-unused', [ACCEPT_REASON_ANNOTATION]: '  ' }, 'Required value: accepting a finding needs the reason'],
    ['with an unknown rule', { [ACCEPT_ANNOTATION]: 'volume-unsued', [ACCEPT_REASON_ANNOTATION]: 'r' }, '"volume-unsued" is not a rule id of cdk8s-pod-patterns'],
    ['with no rule', { [ACCEPT_ANNOTATION]: ' , ', [ACCEPT_REASON_ANNOTATION]: 'r' }, 'Required value: no rule id is listed'],
    ['with a list that is not a string', { [ACCEPT_ANNOTATION]: ['volume-unused'], [ACCEPT_REASON_ANNOTATION]: 'r' }, 'must be a string of rule ids'],
  ])('is an error %s, and accepts nothing', (_name, annotations, message) => {
    const findings = checkManifest(withUnusedVolume(annotations), { podSecurity: 'baseline' });
    expect(findings.filter((f) => f.rule === 'accept-annotation').map((f) => `${f.severity} ${f.message}`))
      .toEqual([expect.stringContaining(message)]);
    expect(findings.find((f) => f.rule === 'volume-unused')?.severity).toBe('warning');
  });

  test('warns about an accepted rule that reports nothing', () => {
    const findings = checkManifest(withUnusedVolume({ [ACCEPT_ANNOTATION]: 'volume-unused,sidecar-never-exits', [ACCEPT_REASON_ANNOTATION]: 'r' }),
      { podSecurity: 'baseline' });
    expect(findings.filter((f) => f.rule === 'accept-unused').map((f) => f.message))
      .toEqual(['accepts "sidecar-never-exits", which reports nothing for this pod']);
  });

  test('is read from a workload\'s pod template', () => {
    const d = deployment({ containers: [container('a')], volumes: [{ name: 'scratch', emptyDir: {} }] });
    d.spec.template.metadata.annotations = { [ACCEPT_ANNOTATION]: 'volume-unused', [ACCEPT_REASON_ANNOTATION]: 'r' };
    expect(summary(checkManifest(d, { podSecurity: 'baseline' }))).toEqual(['accepted volume-unused']);
  });
});

describe('the level given to checkManifests is not a declaration', () => {
  test('no pod-security-level finding for pods that declare nothing', () => {
    const plain = pod({ containers: [{ name: 'a', image: 'nginx:1.25.3' }] });
    expect(checkManifests([plain], { podSecurity: 'privileged' })).toEqual([]);
  });
});

describe('PodChecks.accept', () => {
  const webWithUnusedVolume = () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { securityContext: { user: 1000 }, containers: [{ name: 'a', image: 'registry.example.com/app:1.0' }] });
    web.addVolume(kplus.Volume.fromEmptyDir(chart, 'scratch', 'scratch'));
    return { chart, web };
  };

  test('records the decision in the pod template annotations, and the finding is accepted', () => {
    const { chart, web } = webWithUnusedVolume();
    expect(PodChecks.of(web).findings().find((f) => f.rule === 'volume-unused')?.severity).toBe('warning');
    PodChecks.of(web).accept('volume-unused', 'an ephemeral debug container mounts it');
    const [doc] = Testing.synth(chart);
    expect(doc.spec.template.metadata.annotations).toMatchObject({
      [ACCEPT_ANNOTATION]: 'volume-unused', [ACCEPT_REASON_ANNOTATION]: 'volume-unused: an ephemeral debug container mounts it',
    });
    const finding = checkManifest(doc).find((f) => f.rule === 'volume-unused');
    expect(finding?.severity).toBe('accepted');
    expect(PodChecks.of(web).findings().find((f) => f.rule === 'volume-unused')?.severity).toBe('accepted');
  });

  test('keeps annotations the user wrote before', () => {
    const { chart, web } = webWithUnusedVolume();
    web.podMetadata.addAnnotation(ACCEPT_ANNOTATION, 'image-tag');
    web.podMetadata.addAnnotation(ACCEPT_REASON_ANNOTATION, 'pinned by the deploy tool');
    PodChecks.of(web).accept('volume-unused', 'debug');
    const annotations = Testing.synth(chart)[0].spec.template.metadata.annotations;
    expect(annotations[ACCEPT_ANNOTATION]).toBe('image-tag,volume-unused');
    expect(annotations[ACCEPT_REASON_ANNOTATION]).toBe('pinned by the deploy tool; volume-unused: debug');
  });

  test.each([
    ['an unknown rule', 'volume-unsued', 'r', 'workload/accept(rule): Invalid value: "volume-unsued" is not a rule id'],
    ['an API server rule', 'port-protocol', 'r', 'is refused by the API server'],
    ['a missing reason', 'volume-unused', '', 'accept(reason): Required value: accepting "volume-unused" needs a reason'],
    ['a reason on two lines', 'volume-unused', 'a\nb', 'needs a reason on one line'],
  ])('refuses %s', (_name, rule, reason, message) => {
    const { web } = webWithUnusedVolume();
    expect(() => PodChecks.of(web).accept(rule, reason)).toThrow(PodPatternError);
    expect(() => PodChecks.of(web).accept(rule, reason)).toThrow(message.replace('workload/', ''));
  });
});
