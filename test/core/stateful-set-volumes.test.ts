import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { stringify, parseAllDocuments } from 'yaml';
import { PodChecks, PodPatternsValidation, SharedVolume } from '../../src';
import { CDK8S_PLUS_MAJOR } from '../_support/cdk8s-plus-major';

/**
 * cdk8s-plus-31 and later render a StatefulSet without its pod volumes when it has no volumeClaimTemplates:
 * `StatefulSet._filterPodSpecVolumes()` in their lib/stateful-set.js returns `undefined` then
 * (cdk8s-team/cdk8s-plus#6735, cdk8s-team/cdk8s#2858). These tests run on every major (npm test on 27,
 * npm run test:majors on 28 to 34) and state each major's own behaviour.
 */
const DROPS_VOLUMES = CDK8S_PLUS_MAJOR >= 31;

function statefulSet(chart: Chart, id = 'db'): kplus.StatefulSet {
  const sts = new kplus.StatefulSet(chart, id, { containers: [{ name: 'db', image: 'redis:7.2.4', portNumber: 6379, securityContext: { user: 999 } }] });
  const cache = kplus.Volume.fromEmptyDir(chart, `${id}-cache`, 'cache');
  sts.containers[0].mount('/cache', cache);
  return sts;
}

const podVolumes = (chart: Chart) => Testing.synth(chart).find((d) => d.kind === 'StatefulSet').spec.template.spec.volumes;

test(`plain cdk8s-plus-${CDK8S_PLUS_MAJOR} ${DROPS_VOLUMES ? 'drops' : 'keeps'} a StatefulSet's pod volumes (the upstream behaviour)`, () => {
  const chart = Testing.chart();
  const sts = statefulSet(chart);
  expect(ApiObject.of(sts).toJson().spec.template.spec.volumes).toEqual(DROPS_VOLUMES ? undefined : [{ name: 'cache', emptyDir: {} }]);
});

test('a StatefulSet the library checks has its pod volumes, on every major', () => {
  const chart = Testing.chart();
  PodChecks.of(statefulSet(chart));
  expect(podVolumes(chart)).toEqual([{ name: 'cache', emptyDir: {} }]);
});

test('a pattern on a StatefulSet keeps both its own volume and the app\'s, in the pod spec\'s order', () => {
  const chart = Testing.chart();
  const sts = statefulSet(chart);
  SharedVolume.addTo(sts, { volumeName: 'exchange' }).mount(sts.containers[0], { mountPath: '/exchange' });
  expect(podVolumes(chart).map((v: any) => v.name)).toEqual(['cache', 'exchange']);
});

test('a restored volume is rendered by the major\'s own L1, as on the majors that keep it', () => {
  const chart = Testing.chart();
  const sts = new kplus.StatefulSet(chart, 'db', { containers: [{ name: 'db', image: 'redis:7.2.4', portNumber: 6379, securityContext: { user: 999 } }] });
  sts.containers[0].mount('/cache', kplus.Volume.fromEmptyDir(chart, 'cache', 'cache', { sizeLimit: require('cdk8s').Size.mebibytes(64), medium: kplus.EmptyDirMedium.MEMORY }));
  PodChecks.of(sts);
  expect(podVolumes(chart)).toEqual([{ name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }]);
});

(DROPS_VOLUMES ? test : test.skip)('a volume that a volumeClaimTemplate provides is not added to the pod (cdk8s-plus-31 and later have the prop)', () => {
  const chart = Testing.chart();
  const sts = statefulSet(chart);
  const claim = kplus.Volume.fromEmptyDir(chart, 'data-volume', 'data');
  sts.containers[0].mount('/data', claim);
  (sts as any).addVolumeClaimTemplate({ name: 'data', storage: require('cdk8s').Size.gibibytes(1) });
  PodChecks.of(sts);
  expect(podVolumes(chart).map((v: any) => v.name)).toEqual(['cache']);
});

test(`the validation plugin ${DROPS_VOLUMES ? 'names the upstream bug and the way out for' : 'passes'} a hand-written StatefulSet`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-plugin-'));
  const chart = Testing.chart();
  statefulSet(chart);
  const file = path.join(dir, 'app.k8s.yaml');
  fs.writeFileSync(file, Testing.synth(chart).map((d) => stringify(d)).join('---\n'));
  const violations: any[] = [];
  let status: string | undefined;
  await new PodPatternsValidation().validate({
    manifests: [file],
    parseManifest: (p: string) => parseAllDocuments(fs.readFileSync(p, 'utf-8')).map((d) => d.toJS()),
    report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
    logger: { log: () => undefined },
  });
  fs.rmSync(dir, { recursive: true });
  const errors = violations.filter((v) => !v.ruleName.startsWith('['));
  if (!DROPS_VOLUMES) {
    expect({ status, errors }).toEqual({ status: 'success', errors: [] });
    return;
  }
  expect(status).toBe('failure');
  expect(errors.map((v) => v.ruleName)).toEqual(['volume-mount-name']);
  expect(errors[0].recommendation).toContain('cdk8s-plus-31 and later drop the pod volumes of a StatefulSet that has no volumeClaimTemplates (cdk8s-team/cdk8s-plus#6735)');
  expect(errors[0].fix).toMatch(/^apply PodChecks\.of\(statefulSet\) or a pattern of cdk8s-pod-patterns to the StatefulSet/);
});
