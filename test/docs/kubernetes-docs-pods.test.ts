import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  checkManifest, InitChainPod, LogDestination, LogSidecar, NativeSidecars, PodChecks, RootImage, SharedVolume, SharedVolumePod,
} from '../../src';

/**
 * The five pattern pods of the Kubernetes documentation, written with the library as the docs write them
 * (names, images, commands, volumes, init order, sidecar placement). Each either synthesizes into a pod
 * that starts, or fails synthesis with the reason it would not start. Sources (kubernetes/website):
 * - two-containers: tasks/access-application-cluster/communicate-containers-same-pod-shared-volume
 * - myapp-pod: concepts/workloads/pods/init-containers
 * - counter with streaming sidecars, counter with a fluentd agent: concepts/cluster-administration/logging
 * - a Deployment and a Job with native sidecars: concepts/workloads/pods/sidecar-containers
 */

const COUNT_SCRIPT = 'i=0; while true; do echo "$i: $(date)" >> /var/log/1.log; echo "$(date) INFO $i" >> /var/log/2.log; i=$((i+1)); sleep 1; done';
const count = (): kplus.ContainerProps => ({ name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', COUNT_SCRIPT] });

/** The error lines of a failed synthesis, as `rule path` (the reasons it fails). */
function synthErrors(chart: Chart): string[] {
  try {
    Testing.synth(chart);
  } catch (err) {
    return [...(err as Error).message.matchAll(/\] error (\S+) (\S+):/g)].map((m) => `${m[1]} ${m[2]}`);
  }
  throw new Error('synthesis did not fail');
}

describe('two-containers: nginx and debian sharing a volume', () => {
  const write = (chart: Chart, fixed: boolean) => new SharedVolumePod(chart, 'two-containers', {
    metadata: { name: 'two-containers' },
    restartPolicy: kplus.RestartPolicy.NEVER,
    volumeName: 'shared-data',
    ...(fixed ? { podSecurity: 'baseline' as const, securityContext: RootImage.podSecurityContext() } : {}),
    containers: [
      { name: 'nginx-container', image: fixed ? 'nginx:1.25.3' : 'nginx', mountPath: '/usr/share/nginx/html',
        ...(fixed ? { securityContext: RootImage.containerSecurityContext() } : {}) },
      { name: 'debian-container', image: fixed ? 'debian:12.4' : 'debian', mountPath: '/pod-data', command: ['/bin/sh'],
        args: ['-c', 'echo Hello from the debian container > /pod-data/index.html'],
        ...(fixed ? { securityContext: RootImage.containerSecurityContext() } : {}) },
    ],
  });

  test('as written, fails synthesis: both images run as root (that neither is pinned is a warning)', () => {
    const chart = Testing.chart();
    write(chart, false);
    expect(synthErrors(chart)).toEqual(expect.arrayContaining([
      'run-as-non-root-image-user spec.containers[0].securityContext.runAsUser',
      'run-as-non-root-image-user spec.containers[1].securityContext.runAsUser',
    ]));
  });

  test('with pinned images and the visible root opt-out, it synthesizes the docs\' pod', () => {
    const chart = Testing.chart();
    write(chart, true);
    const [pod] = Testing.synth(chart);
    expect(pod.spec.volumes).toEqual([{ name: 'shared-data', emptyDir: {} }]);
    expect(pod.spec.containers.map((c: any) => [c.name, c.volumeMounts[0].mountPath])).toEqual([
      ['nginx-container', '/usr/share/nginx/html'], ['debian-container', '/pod-data'],
    ]);
    expect(checkManifest(pod).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('myapp-pod: two init steps that wait for services', () => {
  const lookup = (service: string) => `until nslookup ${service}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; `
    + `do echo waiting for ${service}; sleep 2; done`;
  const write = (chart: Chart, uid?: number) => new InitChainPod(chart, 'myapp-pod', {
    metadata: { name: 'myapp-pod', labels: { 'app.kubernetes.io/name': 'MyApp' } },
    ...(uid !== undefined ? { securityContext: { user: uid } } : {}),
    steps: [
      { name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', lookup('myservice')] },
      { name: 'init-mydb', image: 'busybox:1.28', command: ['sh', '-c', lookup('mydb')] },
    ],
    containers: [{ name: 'myapp-container', image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
  });

  test('as written, fails synthesis: busybox runs as root under cdk8s-plus\'s runAsNonRoot', () => {
    const chart = Testing.chart();
    write(chart);
    expect(synthErrors(chart)).toEqual([
      'run-as-non-root-image-user spec.initContainers[0].securityContext.runAsUser',
      'run-as-non-root-image-user spec.initContainers[1].securityContext.runAsUser',
      'run-as-non-root-image-user spec.containers[0].securityContext.runAsUser',
    ]);
  });

  test('with a uid, it synthesizes in the docs\' order, and warns that the steps read a token that is not mounted', () => {
    const chart = Testing.chart();
    const pod = write(chart, 1000);
    const [doc] = Testing.synth(chart);
    expect(doc.spec.initContainers.map((c: any) => c.name)).toEqual(['init-myservice', 'init-mydb']);
    const token = PodChecks.of(pod).findings().filter((f) => f.rule === 'service-account-token-not-mounted');
    expect(token.map((f) => `${f.severity} ${f.path}`)).toEqual([
      'warning spec.initContainers[0].command[2]', 'warning spec.initContainers[1].command[2]',
    ]);
  });
});

describe('counter with streaming sidecars: one tail per log file', () => {
  const write = (chart: Chart, uid?: number) => {
    const pod = new kplus.Pod(chart, 'counter', {
      metadata: { name: 'counter' }, ...(uid !== undefined ? { securityContext: { user: uid } } : {}), containers: [count()],
    });
    return LogSidecar.streamEach(pod, { logVolumeName: 'varlog', files: { 'count-log-1': '1.log', 'count-log-2': '2.log' } });
  };

  test('as written, fails synthesis: the counter\'s busybox runs as root', () => {
    const chart = Testing.chart();
    write(chart);
    expect(synthErrors(chart)).toEqual(['run-as-non-root-image-user spec.containers[0].securityContext.runAsUser']);
  });

  test('with a uid, each sidecar follows its own file to its stdout, on one shared volume', () => {
    const chart = Testing.chart();
    write(chart, 1000);
    const [pod] = Testing.synth(chart);
    expect(pod.spec.volumes).toEqual([{ name: 'varlog', emptyDir: {} }]);
    expect(pod.spec.containers.map((c: any) => [c.name, c.command, c.volumeMounts])).toEqual([
      ['count', undefined, [{ name: 'varlog', mountPath: '/var/log' }]],
      ['count-log-1', ['tail', '-n+1', '-F', '/var/log/1.log'], [{ name: 'varlog', mountPath: '/var/log', readOnly: true }]],
      ['count-log-2', ['tail', '-n+1', '-F', '/var/log/2.log'], [{ name: 'varlog', mountPath: '/var/log', readOnly: true }]],
    ]);
    // The sidecars use no file pattern, so none is passed to them.
    expect(pod.spec.containers.flatMap((c: any) => c.env ?? [])).toEqual([]);
    expect(checkManifest(pod, { podSecurity: 'baseline' }).filter((f) => f.severity !== 'accepted')).toEqual([]);
  });
});

describe('counter with a fluentd agent: its ConfigMap and config volume named as in the docs', () => {
  // The docs keep the position files beside the logs (/var/log); the pattern mounts the log volume read-only
  // into shippers, so the agent that starts keeps them in a state directory of its own.
  const fluentdConf = (posDirectory: string) => ['1', '2'].map((n) => `<source>\n  type tail\n  format none\n  path /var/log/${n}.log\n`
    + `  pos_file ${posDirectory}/${n}.log.pos\n  tag count.format${n}\n</source>\n`).join('') + '<match **>\n  type google_cloud\n</match>\n';
  const FLUENTD_CONF = fluentdConf('/var/lib/fluentd');
  const write = (chart: Chart, agentUid?: number) => {
    const pod = new kplus.Pod(chart, 'counter', { metadata: { name: 'counter' }, securityContext: { user: 1000 }, containers: [count()] });
    return LogSidecar.addTo(pod, {
      sidecarName: 'count-agent',
      logVolumeName: 'varlog',
      configMapName: 'fluentd-config',
      configVolumeName: 'config-volume',
      destination: LogDestination.custom({
        image: 'registry.k8s.io/fluentd-gcp:1.30',
        envVariables: { FLUENTD_ARGS: kplus.EnvValue.fromValue('-c /etc/fluentd-config/fluentd.conf') },
        configFiles: { 'fluentd.conf': agentUid === undefined ? fluentdConf('/var/log') : FLUENTD_CONF },
        configDirectory: '/etc/fluentd-config',
        ...(agentUid !== undefined ? { securityContext: { user: agentUid }, stateDirectories: ['/var/lib/fluentd'] } : {}),
      }),
    });
  };

  test('as written, is refused: the agent image runs as root and no uid is given', () => {
    expect(() => write(Testing.chart())).toThrow('destination(custom).securityContext.user: Required value');
  });

  test('with a uid, the ConfigMap and its volume carry the docs\' names', () => {
    const chart = Testing.chart();
    write(chart, 1000);
    const docs = Testing.synth(chart);
    const configMap = docs.find((d) => d.kind === 'ConfigMap');
    expect(configMap.metadata.name).toBe('fluentd-config');
    // A chosen name is kept across changes, so the ConfigMap must stay mutable for kubectl apply.
    expect(configMap.immutable).toBe(false);
    expect(configMap.data).toEqual({ 'fluentd.conf': FLUENTD_CONF });
    const pod = docs.find((d) => d.kind === 'Pod');
    expect(pod.spec.volumes).toEqual(expect.arrayContaining([{ name: 'config-volume', configMap: { name: 'fluentd-config' } }]));
    const agent = pod.spec.containers.find((c: any) => c.name === 'count-agent');
    expect(agent.volumeMounts).toEqual(expect.arrayContaining([{ name: 'config-volume', mountPath: '/etc/fluentd-config', readOnly: true }]));
    expect(agent.env).toEqual(expect.arrayContaining([{ name: 'FLUENTD_ARGS', value: '-c /etc/fluentd-config/fluentd.conf' }]));
  });
});

describe('a Deployment and a Job with a native log-shipping sidecar', () => {
  const write = (chart: Chart, kind: 'Deployment' | 'Job', uid?: number) => {
    const securityContext = uid !== undefined ? { securityContext: { user: uid } } : {};
    const workload = kind === 'Deployment'
      ? new kplus.Deployment(chart, 'myapp', { metadata: { name: 'myapp', labels: { app: 'myapp' } }, replicas: 1, ...securityContext })
      : new kplus.Job(chart, 'myjob', { metadata: { name: 'myjob' }, ...securityContext });
    const script = kind === 'Deployment' ? 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done' : 'echo "logging" > /opt/logs.txt';
    const app = workload.addContainer({ name: kind === 'Deployment' ? 'myapp' : 'myjob', image: 'alpine:latest', command: ['sh', '-c', script] });
    const logshipper = workload.addInitContainer({ name: 'logshipper', image: 'alpine:latest', command: ['sh', '-c', 'tail -F /opt/logs.txt'] });
    NativeSidecars.of(workload).add(logshipper);
    const data = SharedVolume.addTo(workload, { volumeName: 'data' });
    data.mount(app, { mountPath: '/opt' });
    data.mount(logshipper, { mountPath: '/opt' });
    return workload;
  };

  test.each(['Deployment', 'Job'] as const)('as written, the %s fails synthesis: alpine runs as root', (kind) => {
    const chart = Testing.chart();
    write(chart, kind);
    const at = 'spec.template.spec';
    expect(synthErrors(chart)).toEqual([
      `run-as-non-root-image-user ${at}.initContainers[0].securityContext.runAsUser`,
      `run-as-non-root-image-user ${at}.containers[0].securityContext.runAsUser`,
    ]);
  });

  test.each(['Deployment', 'Job'] as const)('with a uid, the %s has its sidecar first, restartable, and warns that latest is not pinned', (kind) => {
    const chart = Testing.chart();
    const workload = write(chart, kind, 1000);
    const [doc] = Testing.synth(chart);
    const spec = doc.spec.template.spec;
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['logshipper', 'Always']]);
    expect(spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
    expect(doc.spec.template.metadata.annotations['cdk8s-pod-patterns/min-kubernetes-version']).toBe('1.29');
    expect(PodChecks.of(workload).findings().map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning image-tag', 'warning image-tag']);
  });
});
