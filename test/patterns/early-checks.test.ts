import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { InitChainPod, PodPatternError, SharedVolumePod } from '../../src';
import { checkPodSpec } from '../../src/checks/engine';

/**
 * The constructs' early checks and the check engine judge a name, a mount path or a port with the same
 * function: for the same mistake, the PodPatternError and the engine's finding have the same rule, message
 * and fix (the error names the field the construct was given, the finding the manifest path).
 */
function earlyError(build: (chart: Construct) => void): PodPatternError {
  try {
    build(Testing.chart());
  } catch (error) {
    if (error instanceof PodPatternError) return error;
    throw error;
  }
  throw new Error('no PodPatternError');
}

function engineFinding(spec: unknown, rule: string) {
  const findings = checkPodSpec(spec, { podSecurity: 'privileged', podSecurityDeclared: false }).filter((f) => f.rule === rule);
  expect(findings).toHaveLength(1);
  return findings[0];
}

const app = (name: string, extra: object = {}) => ({ name, image: 'x:1', ...extra });

test.each<[string, (chart: Construct) => void, unknown, string, string]>([
  ['an invalid container name',
    (c) => new SharedVolumePod(c, 'p', { containers: [{ ...app('Bad_Name'), mountPath: '/a' }] }),
    { containers: [app('Bad_Name')] }, 'container-name', 'spec.containers[0].name'],
  ['two containers with one name',
    (c) => new SharedVolumePod(c, 'p', { containers: [{ ...app('app'), mountPath: '/a' }, { ...app('app'), mountPath: '/b' }] }),
    { containers: [app('app'), app('app')] }, 'container-name-unique', 'spec.containers[1].name'],
  ['an invalid step name',
    (c) => new InitChainPod(c, 'p', { containers: [app('app')] }).addStep(app('Step.One')),
    { initContainers: [app('Step.One')], containers: [app('app')] }, 'container-name', 'spec.initContainers[0].name'],
  ['an empty mount path',
    (c) => new SharedVolumePod(c, 'p', { containers: [{ ...app('a'), mountPath: '' }] }),
    { containers: [app('a', { volumeMounts: [{ name: 'shared-data', mountPath: '' }] })], volumes: [{ name: 'shared-data', emptyDir: {} }] },
    'mount-path', 'spec.containers[0].volumeMounts[0].mountPath'],
  ['one mount path twice',
    (c) => new SharedVolumePod(c, 'p', { containers: [{ ...app('a'), mountPath: '/data', volumeMounts: [{ volume: kplus.Volume.fromEmptyDir(c, 'o', 'other'), path: '/data' }] }] }),
    { containers: [app('a', { volumeMounts: [{ name: 'other', mountPath: '/data' }, { name: 'shared-data', mountPath: '/data' }] })], volumes: [{ name: 'other', emptyDir: {} }, { name: 'shared-data', emptyDir: {} }] },
    'mount-path-unique', 'spec.containers[0].volumeMounts[1].mountPath'],
  ['a port out of range',
    (c) => new SharedVolumePod(c, 'p', { containers: [{ ...app('a'), mountPath: '/a', ports: [{ number: 70000 }] }] }),
    { containers: [app('a', { ports: [{ containerPort: 70000 }] })] }, 'container-port', 'spec.containers[0].ports[0].containerPort'],
  ['two containers on one port',
    (c) => new SharedVolumePod(c, 'p', { containers: [{ ...app('a'), mountPath: '/a', portNumber: 80 }, { ...app('b'), mountPath: '/b', portNumber: 80 }] }),
    { containers: [app('a', { ports: [{ containerPort: 80 }] }), app('b', { ports: [{ containerPort: 80 }] })] }, 'port-conflict', 'spec.containers[1].ports[0].containerPort'],
  ['a shared volume named like another volume',
    (c) => new SharedVolumePod(c, 'p', { volumes: [kplus.Volume.fromEmptyDir(c, 'v', 'shared-data')] }),
    { containers: [app('a')], volumes: [{ name: 'shared-data', emptyDir: {} }, { name: 'shared-data', emptyDir: {} }] }, 'volume-name-unique', 'spec.volumes[1].name'],
])('%s: the early error says what the engine says', (_what, build, spec, rule, path) => {
  const error = earlyError(build);
  const finding = engineFinding(spec, rule);
  expect(finding.path).toBe(path);
  expect({ rule: error.rule, problem: error.problem, fix: error.fix }).toEqual({ rule: finding.rule, problem: finding.message, fix: finding.fix });
});
