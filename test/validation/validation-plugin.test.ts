import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { PodPatternsValidation } from '../../src';
import { MIN_KUBERNETES_ANNOTATION, POD_SECURITY_ANNOTATION } from '../../src/checks/engine';
import { pod } from '../_support/raw-pods';
import { TEN_MISTAKES } from '../_support/ten-mistakes';

/** Runs the plugin as cdk8s-cli would, over manifests written to files; returns the report. */
async function runPlugin(manifests: any[], props = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
  const file = path.join(dir, 'app.k8s.yaml');
  fs.writeFileSync(file, manifests.map((m) => stringify(m)).join('---\n'));
  const violations: any[] = [];
  const logged: string[] = [];
  let status: string | undefined;
  await new PodPatternsValidation(props).validate({
    manifests: [file],
    parseManifest: (p: string) => parseAllDocuments(fs.readFileSync(p, 'utf-8')).map((d) => d.toJS()),
    report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
    logger: { log: (line: string) => logged.push(line) },
  });
  fs.rmSync(dir, { recursive: true });
  return { status, violations, logged, rules: violations.map((v) => `${v.ruleName} ${v.violatingResources[0].locations[0]}`) };
}

describe('PodPatternsValidation (the cdk8s synth plugin)', () => {
  test.each(TEN_MISTAKES)('fails the synthesis on %s', async (_name, manifest, expected) => {
    const report = await runPlugin([manifest]);
    expect(report.status).toBe('failure');
    expect(report.rules).toContain(expected);
    expect(report.violations[0].fix).not.toBe('');
  });

  test('passes a valid pod; enforces the level chosen in cdk8s.yaml or by the pod, and only warns of baseline without one', async () => {
    const plain = pod({ containers: [{ name: 'a', image: 'nginx:1.25.3' }] });
    expect((await runPlugin([plain])).status).toBe('success');
    const restricted = await runPlugin([plain], { podSecurity: 'restricted' });
    expect(restricted.status).toBe('failure');
    expect(restricted.violations[0].recommendation).toContain('(policy: the "restricted" level, chosen by podSecurity in cdk8s.yaml)');
    const hostPath = pod({ containers: [{ name: 'a', image: 'nginx:1.25.3', volumeMounts: [{ name: 'h', mountPath: '/h' }] }], volumes: [{ name: 'h', hostPath: { path: '/d' } }] });
    const unchosen = await runPlugin([hostPath]);
    expect(unchosen.status).toBe('success');
    expect(unchosen.rules).toEqual(['[warning] pod-security-host-path-volumes spec.volumes[0].hostPath']);
    expect((await runPlugin([hostPath], { podSecurity: 'baseline' })).rules).toContain('pod-security-host-path-volumes spec.volumes[0].hostPath');
    hostPath.metadata.annotations = { [POD_SECURITY_ANNOTATION]: 'privileged' };
    const declared = await runPlugin([hostPath]);
    expect(declared.status).toBe('success');
    expect(declared.rules).toEqual([]);
    expect(declared.logged.join('\n')).toContain('accepted pod-security-level spec.securityContext');
  });

  test('requirePinnedImages makes an unpinned image fail the synthesis, and says so', async () => {
    const latest = pod({ containers: [{ name: 'a', image: 'nginx:latest' }] });
    expect((await runPlugin([latest])).rules).toEqual(['[warning] image-tag spec.containers[0].image']);
    const pinned = await runPlugin([latest], { requirePinnedImages: true });
    expect(pinned.status).toBe('failure');
    expect(pinned.violations[0].recommendation).toContain('(pinned images are required by requirePinnedImages in cdk8s.yaml)');
    expect(() => new PodPatternsValidation({ requirePinnedImages: 'yes' as any })).toThrow(
      'cdk8s.yaml, validations, PodPatternsValidation properties.requirePinnedImages: Invalid value "yes": must be true or false. Fix: write requirePinnedImages: true (no quotes).');
  });

  test('failOnWarnings passes a pod whose findings are all accepted, and lists them once, as plain lines with the reason, not as violations', async () => {
    const withUnused = pod({ containers: [{ name: 'a', image: 'nginx:1.25.3' }], volumes: [{ name: 'scratch', emptyDir: {} }] });
    expect((await runPlugin([withUnused], { failOnWarnings: true })).status).toBe('failure');
    withUnused.metadata.annotations = { 'cdk8s-pod-patterns/accept': 'volume-unused', 'cdk8s-pod-patterns/accept-reason': 'a debug container mounts it' };
    const report = await runPlugin([withUnused], { failOnWarnings: true });
    expect(report.status).toBe('success');
    expect(report.rules).toEqual([]);
    expect(report.logged).toHaveLength(1);
    expect(report.logged[0]).toMatch(/^\[cdk8s-pod-patterns\] app\.k8s\.yaml: Pod \S+: accepted volume-unused spec\.volumes\[0\]: .* Accepted: a debug container mounts it\.$/);
  });

  test('kubernetesMinor is the cluster: a pod annotated as needing a newer one fails, and without it the annotation decides', async () => {
    const sidecarPod = pod({ initContainers: [{ name: 'shipper', image: 'fluent/fluent-bit:3.2.10', restartPolicy: 'Always' }], containers: [{ name: 'a', image: 'nginx:1.25.3' }] });
    sidecarPod.metadata.annotations = { [MIN_KUBERNETES_ANNOTATION]: '1.29' };
    expect((await runPlugin([sidecarPod])).status).toBe('success');
    expect((await runPlugin([sidecarPod], { kubernetesMinor: 29 })).status).toBe('success');
    const old = await runPlugin([sidecarPod], { kubernetesMinor: 27 });
    expect(old.status).toBe('failure');
    // One cause, one error: the annotation's error, not a second one for the sidecar it stands for.
    expect(old.rules).toEqual([`min-kubernetes-version metadata.annotations[${MIN_KUBERNETES_ANNOTATION}]`]);
    expect(old.violations[0].recommendation).toBe('the pod needs Kubernetes 1.29 for its native sidecars ("shipper") but the target is 1.27');
    expect(old.violations[0].fix).toMatch(/^raise the target to 1.29 or later \(kubernetesMinor in cdk8s.yaml\)/);
  });

  test('fails on warnings when asked to', async () => {
    const idle = pod({ containers: [{ name: 'a', image: 'nginx:1.25.3' }], volumes: [{ name: 'idle', emptyDir: {} }] });
    expect((await runPlugin([idle])).status).toBe('success');
    expect((await runPlugin([idle], { failOnWarnings: true })).status).toBe('failure');
  });
});
