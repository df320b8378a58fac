import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkManifest, ImageFiles, KUBERNETES_TARGET_CONTEXT } from '../../src';
import { patternError } from '../_support/pattern-error';

const tomcat: kplus.ContainerProps = { name: 'tomcat', image: 'registry.example.com/tomcat:9.0', ports: [{ number: 8080 }], securityContext: { user: 1000 } };
const war = (container: kplus.Container) => ({ image: 'registry.example.com/sample:2.0', path: '/sample.war', container, mountPath: '/usr/local/tomcat/webapps/sample.war' });

function chartFor(minor?: number): Chart {
  const app = Testing.app();
  if (minor !== undefined) app.node.setContext(KUBERNETES_TARGET_CONTEXT, minor);
  return new Chart(app as App, 'c');
}

const podSpec = (doc: any) => (doc.kind === 'Pod' ? doc.spec : doc.spec.template.spec);

test('on 1.35 (and by default): an image volume, mounted read-only with the file as subPath, no copy; the pod says it needs 1.35', () => {
  for (const minor of [35, undefined]) {
    const chart = chartFor(minor);
    const deployment = new kplus.Deployment(chart, 'web', { containers: [tomcat] });
    const files = ImageFiles.addTo(deployment, war(deployment.containers[0]));
    expect(files.delivery).toBe('image-volume');
    const doc = Testing.synth(chart).find((d) => d.kind === 'Deployment');
    const spec = podSpec(doc);
    expect(spec.volumes).toEqual([{ name: 'tomcat-files', image: { reference: 'registry.example.com/sample:2.0', pullPolicy: 'IfNotPresent' } }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'tomcat-files', mountPath: '/usr/local/tomcat/webapps/sample.war', subPath: 'sample.war', readOnly: true }]);
    expect(spec.initContainers).toBeUndefined();
    expect(doc.spec.template.metadata.annotations['cdk8s-pod-patterns/min-kubernetes-version']).toBe('1.35');
    expect(checkManifest(doc, { kubernetesMinor: 35 }).filter((f) => f.severity === 'error')).toEqual([]);
    // The same manifest, checked for an older cluster, is refused: by the engine's image-volume rule and the pod's own need.
    expect(checkManifest(doc, { kubernetesMinor: 34 }).filter((f) => f.severity === 'error').map((f) => f.rule).sort())
      .toEqual(['image-volume', 'min-kubernetes-version']);
  }
});

test('below 1.35: an init container of the image copies the file into an emptyDir, which the app mounts at the same path', () => {
  const chart = chartFor(33);
  const pod = new kplus.Pod(chart, 'javaweb', { containers: [tomcat] });
  const files = ImageFiles.addTo(pod, { ...war(pod.containers[0]), volumeName: 'app-volume' });
  expect(files.delivery).toBe('init-copy');
  const spec = podSpec(Testing.synth(chart)[0]);
  expect(spec.volumes).toEqual([{ name: 'app-volume', emptyDir: {} }]);
  expect(spec.initContainers).toMatchObject([{
    name: 'app-volume-copy', image: 'registry.example.com/sample:2.0', imagePullPolicy: 'IfNotPresent',
    command: ['cp', '-R', '/sample.war', '/pod-patterns-files/'], volumeMounts: [{ name: 'app-volume', mountPath: '/pod-patterns-files' }],
  }]);
  expect(spec.containers[0].volumeMounts).toEqual([{ name: 'app-volume', mountPath: '/usr/local/tomcat/webapps/sample.war', subPath: 'sample.war', readOnly: true }]);
  expect(files.copyStep!.name).toBe('app-volume-copy');
  expect(checkManifest(Testing.synth(chart)[0], { kubernetesMinor: 33 }).filter((f) => f.severity === 'error')).toEqual([]);
});

test('the delivery prop overrides the target: an init copy on 1.35, and an image volume below 1.35 is refused naming 1.35', () => {
  const chart = chartFor(35);
  const pod = new kplus.Pod(chart, 'p', { containers: [tomcat] });
  expect(ImageFiles.addTo(pod, { ...war(pod.containers[0]), delivery: 'init-copy' }).delivery).toBe('init-copy');
  const old = new kplus.Pod(chartFor(33), 'p', { containers: [tomcat] });
  const e = patternError(() => ImageFiles.addTo(old, { ...war(old.containers[0]), delivery: 'image-volume' }));
  expect(e).toMatchObject({ rule: 'image-files', field: 'delivery' });
  expect(e.message).toContain('"image-volume" needs Kubernetes 1.35 (the ImageVolume feature gate on by default), and the target is 1.33');
  expect(e.message).toContain('leave delivery out');
});

test('on a StatefulSet, whose pod volumes cdk8s-plus-31 to -34 drop: the image volume is emitted', () => {
  const chart = chartFor(35);
  const statefulSet = new kplus.StatefulSet(chart, 'db', { containers: [tomcat] });
  ImageFiles.addTo(statefulSet, war(statefulSet.containers[0]));
  const spec = podSpec(Testing.synth(chart).find((d) => d.kind === 'StatefulSet'));
  expect(spec.volumes).toEqual([{ name: 'tomcat-files', image: { reference: 'registry.example.com/sample:2.0', pullPolicy: 'IfNotPresent' } }]);
});

test.each([
  ['an image that is no reference', { image: 'Registry/Sample:2.0' }, 'image', 'not an image reference'],
  ['a relative path', { path: 'sample.war' }, 'path', 'must be an absolute path'],
  ['the image root', { path: '/' }, 'path', 'must be an absolute path to a file or directory in the image'],
  ['a path with ..', { path: '/a/../etc/passwd' }, 'path', 'without "." or ".." parts'],
  ['a relative mount path', { mountPath: 'webapps/sample.war' }, 'mountPath', 'must be an absolute path'],
  ['a bad volume name', { volumeName: 'App_Volume' }, 'volumeName', '"App_Volume"'],
  ['an unknown delivery', { delivery: 'copy' }, 'delivery', 'supported values: "image-volume", "init-copy"'],
  ['an unknown pull policy', { pullPolicy: 'Sometimes' }, 'pullPolicy', 'supported values: "Always", "IfNotPresent", "Never"'],
  ['a container of another workload', { container: new kplus.Container({ name: 'x', image: 'x:1' }) }, 'container', 'not a container of this workload'],
])('refuses %s, naming the prop', (_what, override, field, text) => {
  const pod = new kplus.Pod(chartFor(35), 'p', { containers: [tomcat] });
  const e = patternError(() => ImageFiles.addTo(pod, { ...war(pod.containers[0]), ...override } as any));
  expect(e).toMatchObject({ rule: 'image-files', field });
  expect(e.message).toContain(text);
});

test('two deliveries under one volume name are refused; under two names both reach the YAML', () => {
  const chart = chartFor(35);
  const pod = new kplus.Pod(chart, 'p', { containers: [tomcat] });
  ImageFiles.addTo(pod, war(pod.containers[0]));
  expect(patternError(() => ImageFiles.addTo(pod, { ...war(pod.containers[0]), mountPath: '/other' })).message).toContain('Duplicate value "tomcat-files"');
  ImageFiles.addTo(pod, { ...war(pod.containers[0]), path: '/docs', mountPath: '/usr/local/tomcat/webapps/docs', volumeName: 'docs' });
  expect(podSpec(Testing.synth(chart)[0]).volumes.map((v: any) => Object.keys(v).sort().join(','))).toEqual(['image,name', 'image,name']);
});
