import fc from 'fast-check';
import { checkManifest, checkManifests, formatFinding, MIN_KUBERNETES_ANNOTATION, POD_SECURITY_ANNOTATION, checkPodSpec } from '../../src/checks/engine';
import { container, cronJob, deployment, pod, restrictedContext } from '../_support/raw-pods';
import { TEN_MISTAKES } from '../_support/ten-mistakes';

const errors = (manifest: any, options = {}) => checkManifest(manifest, options).filter((f) => f.severity === 'error');
const rulesAt = (manifest: any, options = {}) => errors(manifest, options).map((f) => `${f.rule} ${f.path}`);

describe('the ten mistakes of issue 4, in raw manifests', () => {
  test.each(TEN_MISTAKES)('rejects %s', (_name, manifest, expected) => {
    expect(rulesAt(manifest)).toContain(expected);
  });
});

describe('checkManifest', () => {
  test('finds the pod template of workloads and reports paths inside it', () => {
    const findings = rulesAt(deployment({ containers: [container('a', { ports: [{ containerPort: 0 }] })] }));
    expect(findings).toEqual(['container-port spec.template.spec.containers[0].ports[0].containerPort']);
    const cron = rulesAt(cronJob({ containers: [container('A')] }));
    expect(cron).toEqual(['container-name spec.jobTemplate.spec.template.spec.containers[0].name']);
  });

  test('ignores kinds without a pod', () => {
    expect(checkManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} })).toEqual([]);
    expect(checkManifest('not an object')).toEqual([]);
  });

  test('without a chosen level enforces none and warns of what baseline forbids, as a namespace without Pod Security labels takes the pod', () => {
    const hostPathPod = pod({ containers: [container('a', { volumeMounts: [{ name: 'h', mountPath: '/h' }] })], volumes: [{ name: 'h', hostPath: { path: '/data' } }] });
    expect(rulesAt(hostPathPod)).toEqual([]);
    const warning = checkManifest(hostPathPod).find((f) => f.rule === 'pod-security-host-path-volumes');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toBe('violates PodSecurity "baseline:v1.35": hostPath volumes (volume "h") '
      + '(a warning: no Pod Security level is chosen; a namespace that enforces baseline refuses the pod)');
    // What only restricted forbids is not reported unless restricted is chosen.
    expect(checkManifest(hostPathPod).filter((f) => f.rule.startsWith('pod-security-') && f.rule !== 'pod-security-host-path-volumes')).toEqual([]);
  });

  test('a chosen level makes its violations errors that name the choice', () => {
    const hostPathPod = pod({ containers: [container('a', { volumeMounts: [{ name: 'h', mountPath: '/h' }] })], volumes: [{ name: 'h', hostPath: { path: '/data' } }] });
    const [error] = errors(hostPathPod, { podSecurity: 'baseline', podSecuritySource: '--pod-security baseline' });
    expect(error.message).toBe('violates PodSecurity "baseline:v1.35": hostPath volumes (volume "h") (policy: the "baseline" level, chosen by --pod-security baseline)');
    hostPathPod.metadata.annotations = { [POD_SECURITY_ANNOTATION]: 'baseline' };
    expect(errors(hostPathPod)[0].message).toContain(`(policy: the "baseline" level, chosen by the pod's ${POD_SECURITY_ANNOTATION} annotation)`);
  });

  test('takes the level a pod must meet from its annotation, and says which level it meets', () => {
    const hostPathPod = pod({ containers: [container('a', { volumeMounts: [{ name: 'h', mountPath: '/h' }] })], volumes: [{ name: 'h', hostPath: { path: '/data' } }] });
    expect(rulesAt(hostPathPod, { podSecurity: 'baseline' })).toContain('pod-security-host-path-volumes spec.volumes[0].hostPath');
    hostPathPod.metadata.annotations = { [POD_SECURITY_ANNOTATION]: 'privileged' };
    expect(rulesAt(hostPathPod)).toEqual([]);
    const level = checkManifest(hostPathPod).find((f) => f.rule === 'pod-security-level');
    // The declared level is the pod's recorded decision: accepted, with the reason, never a warning.
    expect(level?.severity).toBe('accepted');
    expect(level?.acceptedBecause).toBe('the pod declares the "privileged" level');
    expect(level?.message).toContain('meets "privileged"; baseline fails on: hostPath volumes (volume "h")');
  });

  test('rejects an unknown level in the annotation', () => {
    const p = pod({ containers: [container('a')] });
    p.metadata.annotations = { [POD_SECURITY_ANNOTATION]: 'lenient' };
    expect(rulesAt(p)).toContain(`pod-security-annotation metadata.annotations[${POD_SECURITY_ANNOTATION}]`);
  });

  describe('the Kubernetes version', () => {
    const sidecarSpec = () => ({ initContainers: [container('shipper', { restartPolicy: 'Always' })], containers: [container('a')] });
    const annotated = (needs: string) => {
      const d = deployment(sidecarSpec());
      d.spec.template.metadata.annotations = { [MIN_KUBERNETES_ANNOTATION]: needs };
      return d;
    };
    const annotation = `spec.template.metadata.annotations[${MIN_KUBERNETES_ANNOTATION}]`;

    test('without a target, a pod is checked for the version its annotation asks for', () => {
      expect(rulesAt(annotated('1.29'))).toEqual([]);
      // The default target, 1.35, has native sidecars; a 1.28 target does not.
      expect(rulesAt(deployment(sidecarSpec()))).toEqual([]);
      expect(rulesAt(deployment(sidecarSpec()), { kubernetesMinor: 28 })).toEqual(['native-sidecar-version spec.template.spec.initContainers[0].restartPolicy']);
    });

    test.each(['1.40', `1.${'9'.repeat(400)}`])('a pod that asks for %s, beyond the newest minor known, is checked for 1.37 with a warning, never a throw', (needs) => {
      for (const options of [{}, { kubernetesMinor: 35 }]) {
        const findings = checkManifest(annotated(needs), options);
        expect(findings.find((f) => f.rule === 'min-kubernetes-unknown')).toMatchObject({ severity: 'warning', path: annotation });
      }
      expect(rulesAt(annotated(needs))).toEqual([]);
      expect(rulesAt(annotated(needs), { kubernetesMinor: 35 })).toEqual([`min-kubernetes-version ${annotation}`]);
    });

    test('a target below what the pod needs is an error, and the rules run for the target', () => {
      // One cause, one error: the annotation's error, not a second one for the sidecar it stands for.
      expect(rulesAt(annotated('1.29'), { kubernetesMinor: 27 })).toEqual([`min-kubernetes-version ${annotation}`]);
      const finding = errors(annotated('1.29'), { kubernetesMinor: 27 })[0];
      expect(finding.message).toBe('the pod needs Kubernetes 1.29 for its native sidecars ("shipper") but the target is 1.27');
      expect(finding.fix).toBe('raise the target to 1.29 or later (kubernetesMinor), or remove what needs the newer version '
        + '(make the native sidecars regular containers: drop their restartPolicy: Always)');
      // The check command names its own option.
      expect(errors(annotated('1.29'), { kubernetesMinor: 27, kubernetesMinorSource: '--kubernetes 1.<minor>' })[0].fix)
        .toMatch(/^raise the target to 1\.29 or later \(--kubernetes 1\.<minor>\)/);
    });

    test('a native sidecar below 1.29 in a pod that runs to completion is not told to become a classic sidecar', () => {
      const fixOf = (doc: any) => errors(doc, { kubernetesMinor: 28 }).find((f) => f.rule === 'native-sidecar-version')!.fix;
      expect(fixOf(cronJob(sidecarSpec()))).toBe('target Kubernetes 1.29+ (kubernetesMinor: 29), or, for this pod that runs to completion, '
        + 'a sidecar that exits when the app is done (SidecarMode.shutdownMarker())');
      expect(fixOf(deployment(sidecarSpec()))).toBe('target Kubernetes 1.29+ (kubernetesMinor: 29), or run the sidecar as a classic app container');
    });

    test('a target at or above what the pod needs is fine', () => {
      expect(rulesAt(annotated('1.29'), { kubernetesMinor: 29 })).toEqual([]);
      expect(rulesAt(annotated('1.29'), { kubernetesMinor: 33 })).toEqual([]);
    });

    test.each([26, 38, 29.5])('a target of %p, outside 1.27 to 1.37, is refused with the range', (minor) => {
      expect(() => checkManifest(pod({ containers: [container('a')] }), { kubernetesMinor: minor }))
        .toThrow(/kubernetesMinor: .*(supported targets are 1\.27 to 1\.37|as an integer)/);
    });

    test('a malformed annotation is reported, and needs nothing', () => {
      expect(rulesAt(annotated('v1.29'), { kubernetesMinor: 27 })).toEqual([
        `min-kubernetes-annotation ${annotation}`,
        'native-sidecar-version spec.template.spec.initContainers[0].restartPolicy',
      ]);
    });
  });

  test('checkManifests returns only the manifests with findings, with their kind and name', () => {
    const result = checkManifests([pod({ securityContext: { runAsUser: 1000 }, containers: [container('a')] }, 'good'), pod({ containers: [container('a', { image: '' })] }, 'bad')]);
    expect(result.map((r) => [r.index, r.kind, r.name])).toEqual([[1, 'Pod', 'bad']]);
  });

  test('formats a finding as one line with its fix', () => {
    const [finding] = errors(pod({ containers: [container('a', { image: '' })] }));
    expect(formatFinding(finding)).toBe('error image spec.containers[0].image: Required value. Fix: name the image, pinned to a version (e.g. "nginx:1.25.3").');
  });

  test('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (spec, metadata) => {
      checkPodSpec(spec);
      checkManifest({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
      checkManifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { template: { metadata, spec } } });
    }), { numRuns: 200 }); // the hostile-input suite covers the rest
  });

  test('never throws on pod specs of the right shape with random values', () => {
    // Small objects: a field that gets an object where it wants a string is what matters, not how deep it goes
    // (fast-check's default objects made generating the records 80% of this test's time).
    const smallObject = fc.object({ maxDepth: 2, maxKeys: 4 });
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), smallObject);
    const randomContainer = fc.record({
      name: value, image: value, ports: fc.array(fc.record({ containerPort: value, hostPort: value, protocol: value, name: value })),
      volumeMounts: fc.array(fc.record({ name: value, mountPath: value, subPath: value, readOnly: value })),
      env: fc.array(fc.record({ name: value, value, valueFrom: value })),
      resources: fc.record({ requests: fc.dictionary(fc.string(), value), limits: fc.dictionary(fc.string(), value) }),
      securityContext: fc.record({ runAsUser: value, privileged: value, capabilities: value, seccompProfile: value }), restartPolicy: value,
      livenessProbe: value, lifecycle: value, envFrom: value,
      readinessProbe: fc.record({
        httpGet: fc.record({ port: value, scheme: value }), tcpSocket: fc.record({ port: value }), grpc: fc.record({ port: value }),
        terminationGracePeriodSeconds: value,
      }, { requiredKeys: [] }),
      startupProbe: fc.record({ grpc: value, periodSeconds: value }, { requiredKeys: [] }),
    }, { requiredKeys: [] });
    const items = fc.array(fc.record({ key: value, path: value, mode: value }, { requiredKeys: [] }), { maxLength: 3 });
    const fileSource = fc.record({ name: value, secretName: value, items: fc.oneof(items, value), defaultMode: value }, { requiredKeys: [] });
    const projectedSource = fc.record({ secret: fileSource, configMap: fileSource, downwardAPI: fileSource }, { requiredKeys: [] });
    const randomVolume = fc.record({
      name: value, hostPath: value, emptyDir: fc.oneof(value, fc.record({ sizeLimit: value, medium: value })),
      configMap: fileSource, secret: fileSource, downwardAPI: fileSource,
      projected: fc.record({ defaultMode: value, sources: fc.oneof(value, fc.array(projectedSource, { maxLength: 3 })) }),
    }, { requiredKeys: ['name'] });
    fc.assert(fc.property(
      fc.array(randomContainer, { maxLength: 4 }),
      fc.array(randomContainer, { maxLength: 3 }),
      fc.array(randomVolume, { maxLength: 4 }),
      (containers, initContainers, volumes) => {
        checkPodSpec({ containers, initContainers, volumes, securityContext: restrictedContext, hostNetwork: true });
      },
      // 100 runs: generating these records is the cost; test/checks/hostile-input.test.ts mutates real pods by the thousand.
    ), { numRuns: 100 });
  });
});
