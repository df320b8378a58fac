import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  checkManifest, InitChain, InitChainPod, LogDestination, LogSidecar, LogSidecarPod, RootImage, SharedVolume, SharedVolumePod, SidecarMode,
} from '../../src';
import { container, cronJob, deployment, pod } from '../_support/raw-pods';

/**
 * Invalid inputs through the public constructs API. Each must fail before any manifest is emitted, with an
 * error (never a TypeError) that names the rule, the manifest field path and the construct path.
 */
type Case = [string, (chart: Chart) => void, string, string];

const img = 'busybox:1.36.1';
const step = (name: string) => ({ name, image: img, command: ['true'] });
const app = (props: Partial<kplus.ContainerProps> = {}) => ({ name: 'app', image: img, ...props });
const shared = (chart: Chart, containers: any[], props: any = {}) => new SharedVolumePod(chart, 'pod', { containers, ...props });
// busybox runs as root: the pod gives a uid, so that each case fails for its own reason only.
const logPod = (chart: Chart, props: any = {}) => new LogSidecarPod(chart, 'pod', { securityContext: { user: 1000 }, containers: [app()], destination: LogDestination.stdout(), ...props });
const es = (chart: Chart, overrides: any) => logPod(chart, { destination: LogDestination.elasticsearch({ host: 'es', index: 'logs', ...overrides }) });
const mongo = (chart: Chart, overrides: any) => logPod(chart, {
  destination: LogDestination.mongodb({
    image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3', host: 'mongodb', database: 'logs', collection: 'app', ...overrides,
  }),
});

const CASES: Case[] = [
  // The ten mistakes of issue 4.
  ['a duplicate container name', (c) => shared(c, [{ image: img, mountPath: '/a' }, { image: img, mountPath: '/b' }]), 'container-name-unique', 'spec.containers[1].name'],
  ['one name on an init and an app container', (c) => new InitChainPod(c, 'pod', { steps: [step('app')], containers: [app()] }), 'container-name-unique', 'spec.initContainers[0].name'],
  ['an invalid container name', (c) => shared(c, [{ name: 'Bad_Name', image: img, mountPath: '/a' }]), 'container-name', 'spec.containers[0].name'],
  ['an invalid pod name', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a' }], { metadata: { name: 'Bad_Pod' } }), 'pod-name', 'metadata.name'],
  ['an empty image', (c) => shared(c, [{ name: 'a', image: '', mountPath: '/a' }]), 'image', 'spec.containers[0].image'],
  ['an empty mount path', (c) => shared(c, [{ name: 'a', image: img, mountPath: '' }]), 'mount-path', 'spec.containers[0].volumeMounts[0].mountPath'],
  ['one mount path twice in a container', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/d', volumeMounts: [{ volume: kplus.Volume.fromEmptyDir(c, 'v', 'other'), path: '/d' }] }]), 'mount-path-unique', 'spec.containers[0].volumeMounts[1].mountPath'],
  ['two containers on port 80', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', portNumber: 80 }, { name: 'b', image: img, mountPath: '/b', portNumber: 80 }]), 'port-conflict', 'spec.containers[1].ports[0].containerPort'],
  ['containerPort 70000', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', ports: [{ number: 70000 }] }]), 'container-port', 'spec.containers[0].ports[0].containerPort'],
  // Ports and the shared network namespace.
  ['hostPort 70000', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', ports: [{ number: 80, hostPort: 70000 }] }]), 'host-port', 'spec.containers[0].ports[0].hostPort'],
  ['one hostPort in two containers', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', ports: [{ number: 80, hostPort: 8080 }] }, { name: 'b', image: img, mountPath: '/b', ports: [{ number: 81, hostPort: 8080 }] }], { podSecurity: 'privileged' }), 'host-port-conflict', 'spec.containers[1].ports[0].hostPort'],
  ['a port name longer than 15 characters', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', ports: [{ number: 80, name: 'a-very-long-port-name' }] }]), 'port-name', 'spec.containers[0].ports[0].name'],
  ['an upper-case port name', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', ports: [{ number: 80, name: 'HTTP' }] }]), 'port-name', 'spec.containers[0].ports[0].name'],
  ['a port name without letters', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', ports: [{ number: 80, name: '8080' }] }]), 'port-name', 'spec.containers[0].ports[0].name'],
  ['a plain addContainer clashing on a port', (c) => { const p = shared(c, [{ name: 'a', image: img, mountPath: '/a', portNumber: 8080 }]); p.addContainer({ name: 'b', image: img, portNumber: 8080 }); }, 'port-conflict', 'spec.containers[1].ports[0].containerPort'],
  ['a plain addContainer with a taken name', (c) => { const p = shared(c, [{ name: 'a', image: img, mountPath: '/a' }]); p.addContainer({ name: 'a', image: img }); }, 'container-name-unique', 'spec.containers[1].name'],
  // Init steps.
  ['an init step with a readiness probe', (c) => new InitChainPod(c, 'pod', { steps: [{ ...step('s'), readiness: kplus.Probe.fromCommand(['true']) }], containers: [app()] }), 'init-container-fields', 'spec.initContainers[0].readinessProbe'],
  ['an init step with a liveness probe', (c) => new InitChainPod(c, 'pod', { steps: [{ ...step('s'), liveness: kplus.Probe.fromCommand(['true']) }], containers: [app()] }), 'init-container-fields', 'spec.initContainers[0].livenessProbe'],
  ['an init step with a startup probe', (c) => new InitChainPod(c, 'pod', { steps: [{ ...step('s'), startup: kplus.Probe.fromCommand(['true']) }], containers: [app()] }), 'init-container-fields', 'spec.initContainers[0].startupProbe'],
  ['an init step with a lifecycle hook', (c) => new InitChainPod(c, 'pod', { steps: [{ ...step('s'), lifecycle: { preStop: kplus.Handler.fromCommand(['true']) } }], containers: [app()] }), 'init-container-fields', 'spec.initContainers[0].lifecycle'],
  ['an init step with portNumber', (c) => new InitChainPod(c, 'pod', { steps: [{ ...step('s'), portNumber: 80 }], containers: [app()] }), 'init-container-fields', 'spec.initContainers[0].startupProbe'],
  ['an init step with an invalid name', (c) => new InitChainPod(c, 'pod', { steps: [step('Step.One')], containers: [app()] }), 'container-name', 'spec.initContainers[0].name'],
  ['an init chain without app container', (c) => new InitChainPod(c, 'pod', { steps: [step('s')] }), 'containers-required', 'spec.containers'],
  ['an init step mounting two volumes at one path', (c) => new InitChainPod(c, 'pod', { steps: [{ ...step('s'), volumeMounts: [{ volume: kplus.Volume.fromEmptyDir(c, 'v', 'a'), path: '/w' }, { volume: kplus.Volume.fromEmptyDir(c, 'w', 'b'), path: '/w' }] }], containers: [app()] }), 'mount-path-unique', 'spec.initContainers[0].volumeMounts[1].mountPath'],
  ['a Job with restartPolicy Always', (c) => InitChain.addTo(new kplus.Job(c, 'pod', { containers: [app()], restartPolicy: kplus.RestartPolicy.ALWAYS }), { steps: [step('s')] }), 'restart-policy', 'spec.template.spec.restartPolicy'],
  // Volumes.
  ['an invalid shared volume name', (c) => shared(c, [], { volumeName: 'Bad_Vol' }), 'volume-name', 'spec.volumes.name'],
  ['a shared volume name taken by another volume', (c) => shared(c, [], { volumes: [kplus.Volume.fromEmptyDir(c, 'v', 'shared-data')] }), 'volume-name-unique', 'spec.volumes.name'],
  ['the same shared volume name twice', (c) => { const pod = new kplus.Pod(c, 'pod', { containers: [app()] }); SharedVolume.addTo(pod); SharedVolume.addTo(pod); }, 'volume-name-unique', 'spec.volumes.name'],
  ['an absolute subPath', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', volumeMounts: [{ volume: kplus.Volume.fromEmptyDir(c, 'v', 'other'), path: '/b', subPath: '/abs' }] }]), 'sub-path', 'spec.containers[0].volumeMounts[0].subPath'],
  ['a subPath escaping the volume', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', volumeMounts: [{ volume: kplus.Volume.fromEmptyDir(c, 'v', 'other'), path: '/b', subPath: '../etc' }] }]), 'sub-path', 'spec.containers[0].volumeMounts[0].subPath'],
  // Containers.
  ['an image with surrounding whitespace', (c) => shared(c, [{ name: 'a', image: ' nginx:1.25.3', mountPath: '/a' }]), 'image', 'spec.containers[0].image'],
  // From 1.32 (the default target is 1.35) a name may start with a digit or hold a space; "=" and control characters stay invalid.
  ['an environment variable name with "="', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', envVariables: { 'A=B': kplus.EnvValue.fromValue('x') } }]), 'env-name', 'spec.containers[0].env[0].name'],
  ['an environment variable name with a tab', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', envVariables: { 'MY\tVAR': kplus.EnvValue.fromValue('x') } }]), 'env-name', 'spec.containers[0].env[0].name'],
  ['a CPU request above its limit', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(1) } } }]), 'resource-request-above-limit', 'spec.containers[0].resources.requests'],
  ['a memory request above its limit', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', resources: { memory: { request: require('cdk8s').Size.gibibytes(2), limit: require('cdk8s').Size.mebibytes(512) } } }]), 'resource-request-above-limit', 'spec.containers[0].resources.requests'],
  ['a liveness probe with successThreshold 2', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', liveness: kplus.Probe.fromCommand(['true'], { successThreshold: 2 }) }]), 'probe', 'spec.containers[0].livenessProbe.successThreshold'],
  ['a Deployment with restartPolicy Never', (c) => SharedVolume.addTo(new kplus.Deployment(c, 'pod', { containers: [app()], restartPolicy: kplus.RestartPolicy.NEVER })), 'restart-policy', 'spec.template.spec.restartPolicy'],
  // Pod Security Standards.
  ['a hostPath volume in a restricted pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a' }], { volume: kplus.Volume.fromHostPath(c, 'h', 'host', { path: '/data' }) }), 'pod-security-host-path-volumes', 'spec.volumes[0].hostPath'],
  ['a hostPath volume in a baseline pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a' }], { podSecurity: 'baseline', volume: kplus.Volume.fromHostPath(c, 'h', 'host', { path: '/data' }) }), 'pod-security-host-path-volumes', 'spec.volumes[0].hostPath'],
  ['a privileged container', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', securityContext: { privileged: true, allowPrivilegeEscalation: true } }]), 'pod-security-privileged', 'spec.containers[0].securityContext.privileged'],
  ['a root container in a restricted pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', securityContext: RootImage.containerSecurityContext() }]), 'pod-security-run-as-non-root', 'spec.containers[0].securityContext.runAsNonRoot'],
  ['runAsUser 0 in a restricted pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', securityContext: { user: 0 } }]), 'pod-security-run-as-user', 'spec.containers[0].securityContext.runAsUser'],
  ['an added SYS_ADMIN capability in a baseline pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', securityContext: { capabilities: { add: [kplus.Capability.SYS_ADMIN] } } }], { podSecurity: 'baseline' }), 'pod-security-capabilities-baseline', 'spec.containers[0].securityContext.capabilities.add'],
  ['hostNetwork in a baseline pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a' }], { podSecurity: 'baseline', hostNetwork: true }), 'pod-security-host-namespaces', 'spec.hostNetwork'],
  ['a hostPort in a baseline pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', ports: [{ number: 80, hostPort: 8080 }] }], { podSecurity: 'baseline' }), 'pod-security-host-ports', 'spec.containers[0].ports[0].hostPort'],
  ['privilege escalation in a restricted pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', securityContext: { allowPrivilegeEscalation: true } }]), 'pod-security-allow-privilege-escalation', 'spec.containers[0].securityContext.allowPrivilegeEscalation'],
  ['kept capabilities in a restricted pod', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a', securityContext: { capabilities: { add: [kplus.Capability.NET_RAW] } } }]), 'pod-security-capabilities-restricted', 'spec.containers[0].securityContext.capabilities.drop'],
  ['an unknown podSecurity level', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/a' }], { podSecurity: 'strict' }), 'pod-security', 'podSecurity'],
  // Log sidecars.
  ['a relative log directory', (c) => logPod(c, { logDirectory: 'var/log' }), 'log-directory', 'logDirectory'],
  ['the root directory as log directory', (c) => logPod(c, { logDirectory: '/' }), 'log-directory', 'logDirectory'],
  ['a file pattern with a directory', (c) => logPod(c, { filePattern: 'logs/*.log' }), 'log-file-pattern', 'filePattern'],
  ['a log sidecar without app container', (c) => logPod(c, { containers: [] }), 'containers-required', 'spec.containers'],
  ['a log sidecar without destination', (c) => logPod(c, { destination: undefined }), 'log-destination', 'destination'],
  ['a log sidecar named like the app', (c) => logPod(c, { sidecarName: 'app' }), 'container-name-unique', 'spec.containers[1].name'],
  ['a log directory the app does not mount', (c) => { const v = kplus.Volume.fromEmptyDir(c, 'v', 'logs'); LogSidecar.addTo(new kplus.Pod(c, 'pod', { containers: [app({ volumeMounts: [{ volume: v, path: '/data/logs' }] })] }), { destination: LogDestination.stdout(), logVolume: v }); }, 'log-directory', 'logDirectory'],
  ['a classic log sidecar on a Job', (c) => LogSidecar.addTo(new kplus.Job(c, 'pod', { containers: [app()] }), { destination: LogDestination.stdout() }), 'sidecar-on-job', 'spec.template.spec.containers'],
  ['an Elasticsearch host with an underscore', (c) => es(c, { host: 'es_host' }), 'destination-host', 'destination(elasticsearch).host'],
  ['an Elasticsearch URL as host', (c) => es(c, { host: 'https://es:9200' }), 'destination-host', 'destination(elasticsearch).host'],
  ['an Elasticsearch host with credentials', (c) => es(c, { host: 'elastic:changeme@es' }), 'destination-host', 'destination(elasticsearch).host'],
  ['Elasticsearch port 0', (c) => es(c, { port: 0 }), 'destination-port', 'destination(elasticsearch).port'],
  ['Elasticsearch port 65536', (c) => es(c, { port: 65536 }), 'destination-port', 'destination(elasticsearch).port'],
  ['an empty Elasticsearch index', (c) => es(c, { index: '' }), 'destination-index', 'destination(elasticsearch).index'],
  ['an upper-case Elasticsearch index', (c) => es(c, { index: 'Logs' }), 'destination-index', 'destination(elasticsearch).index'],
  ['an Elasticsearch password as a literal', (c) => es(c, { basicAuth: { username: 'u', password: 'changeme' } }), 'literal-secret', 'destination(elasticsearch.basicAuth).password'],
  ['a MongoDB destination without image', (c) => mongo(c, { image: undefined }), 'destination-image', 'destination(mongodb).image'],
  ['the official Fluentd image for MongoDB', (c) => mongo(c, { image: 'fluent/fluentd:v1.16.11-debian-1.0' }), 'destination-image', 'destination(mongodb).image'],
  ['an empty MongoDB collection', (c) => mongo(c, { collection: '' }), 'destination-collection', 'destination(mongodb).collection'],
  ['a MongoDB connection string without a database', (c) => mongo(c, { host: undefined, database: undefined, connectionString: { secret: kplus.Secret.fromSecretName(c, 's', 'uri'), key: 'uri' } }), 'destination-database', 'destination(mongodb).database'],
  ['a MongoDB destination without host or connection string', (c) => mongo(c, { host: undefined }), 'destination-host', 'destination(mongodb).host'],
  ['MongoDB port 70000', (c) => mongo(c, { port: 70000 }), 'destination-port', 'destination(mongodb).port'],
  ['a MongoDB password as a literal', (c) => mongo(c, { auth: { username: 'u', password: 'changeme' } }), 'literal-secret', 'destination(mongodb).auth.password'],
  ['the root directory as a custom shipper state directory', (c) => logPod(c, { destination: LogDestination.custom({ image: 'r/s:1', stateDirectories: ['/'], securityContext: { user: 10001 } }) }), 'destination-state-directories', 'destination.stateDirectories'],
  ['a relative custom shipper config directory', (c) => logPod(c, { destination: LogDestination.custom({ image: 'r/s:1', configFiles: { a: 'b' }, configDirectory: 'etc', securityContext: { user: 10001 } }) }), 'destination-config-directory', 'destination.configDirectory'],
  ['a second log sidecar with the default sidecar name', (c) => { const pod = logPod(c); LogSidecar.addTo(pod, { destination: LogDestination.stdout(), logDirectory: '/other' }); }, 'container-name-unique', 'spec.containers[2].name'],
  ['a shared volume whose volumeName differs from the volume given', (c) => shared(c, [{ name: 'a', image: img, mountPath: '/d' }], { volumeName: 'data', volume: kplus.Volume.fromEmptyDir(c, 'v', 'other') }), 'shared-volume-name', 'volumeName'],
  ['a second log sidecar reusing the log volume name', (c) => { const pod = logPod(c); LogSidecar.addTo(pod, { destination: LogDestination.stdout(), sidecarName: 'second', logDirectory: '/other' }); }, 'volume-name-unique', 'spec.volumes.name'],
  ['a shutdown marker that matches the log pattern', (c) => LogSidecar.addTo(new kplus.Job(c, 'pod', { containers: [app()] }), { destination: LogDestination.stdout(), mode: SidecarMode.shutdownMarker({ markerFile: 'done.log' }) }), 'sidecar-mode', 'mode.markerFile'],
  // Inputs that only untyped (JavaScript) callers can give must fail as clearly as the others.
  ['a shared container without mount path (untyped)', (c) => shared(c, [{ name: 'a', image: img } as any]), 'mount-path', 'spec.containers[0].volumeMounts[0].mountPath'],
  ['an init step without name (untyped)', (c) => new InitChainPod(c, 'pod', { steps: [{ image: img } as any], containers: [app()] }), 'container-name', 'spec.initContainers[0].name'],
  ['LogSidecar.addTo without props (untyped)', (c) => LogSidecar.addTo(new kplus.Pod(c, 'pod', { containers: [app()] }), undefined as any), 'log-destination', 'destination'],
  ['a MongoDB auth without password (untyped)', (c) => mongo(c, { auth: { username: 'u' } }), 'destination-auth', 'destination(mongodb).auth.password'],
  ['a SidecarMode look-alike on a Job (untyped)', (c) => LogSidecar.addTo(new kplus.Job(c, 'pod', { containers: [app()] }), { destination: LogDestination.stdout(), mode: { kind: 'native' } as any }), 'sidecar-mode', 'mode'],
  ['a SidecarMode given as a string (untyped)', (c) => logPod(c, { mode: 'native' }), 'sidecar-mode', 'mode'],
  ['a shutdown-marker sidecar on a Job without deadline', (c) => LogSidecar.addTo(new kplus.Job(c, 'pod', { containers: [app()] }), { destination: LogDestination.stdout(), mode: SidecarMode.shutdownMarker() }), 'shutdown-marker-deadline', 'spec.activeDeadlineSeconds'],
  ['a shutdown-marker sidecar on a restartPolicy Never pod without deadline', (c) => logPod(c, { restartPolicy: kplus.RestartPolicy.NEVER, mode: SidecarMode.shutdownMarker() }), 'shutdown-marker-deadline', 'spec.activeDeadlineSeconds'],
  ['a classic log sidecar on a restartPolicy Never pod', (c) => logPod(c, { restartPolicy: kplus.RestartPolicy.NEVER }), 'sidecar-on-job', 'spec.containers'],
  ['a classic log sidecar on a restartPolicy OnFailure pod', (c) => LogSidecar.addTo(new kplus.Pod(c, 'pod', { containers: [app()], restartPolicy: kplus.RestartPolicy.ON_FAILURE }), { destination: LogDestination.stdout() }), 'sidecar-on-job', 'spec.containers'],
  ['an Elasticsearch user name with a newline', (c) => es(c, { basicAuth: { username: 'a\nb', passwordSecret: kplus.Secret.fromSecretName(c, 's', 'es') } }), 'log-destination-value', 'destination(elasticsearch).basicAuth.username'],
  ['an Elasticsearch user name with a trailing space', (c) => es(c, { basicAuth: { username: 'shipper ', passwordSecret: kplus.Secret.fromSecretName(c, 's', 'es') } }), 'log-destination-value', 'destination(elasticsearch).basicAuth.username'],
  ['an Elasticsearch index with ${', (c) => es(c, { index: 'logs-${pod}' }), 'log-destination-value', 'destination(elasticsearch).index'],
  ['a MongoDB collection with a newline', (c) => mongo(c, { collection: 'a\nb' }), 'log-destination-value', 'destination(mongodb).collection'],
  ['a MongoDB collection with Ruby interpolation', (c) => mongo(c, { collection: 'a#{1}' }), 'log-destination-value', 'destination(mongodb).collection'],
  ['a MongoDB database with a newline', (c) => mongo(c, { database: 'a\nb' }), 'log-destination-value', 'destination(mongodb).database'],
  ['a MongoDB user name with a newline', (c) => mongo(c, { auth: { username: 'a\nb', password: { secret: kplus.Secret.fromSecretName(c, 's', 'm'), key: 'pw' } } }), 'log-destination-value', 'destination(mongodb).auth.username'],
  ['a MongoDB authSource with a newline', (c) => mongo(c, { auth: { username: 'u', password: { secret: kplus.Secret.fromSecretName(c, 's', 'm'), key: 'pw' }, authSource: 'a\nb' } }), 'log-destination-value', 'destination(mongodb).auth.authSource'],
  ['a log file pattern with a comma', (c) => logPod(c, { filePattern: '*.log,*.txt' }), 'log-file-pattern', 'filePattern'],
  ['a log directory with a wildcard', (c) => logPod(c, { logDirectory: '/var/log/*' }), 'log-directory', 'logDirectory'],
  ['an Elasticsearch password key with a slash', (c) => es(c, { basicAuth: { username: 'u', passwordSecret: kplus.Secret.fromSecretName(c, 's', 'es'), passwordKey: 'a/b' } }), 'destination-basicauth', 'destination(elasticsearch).basicAuth.passwordKey'],
  ['an empty Elasticsearch password key', (c) => es(c, { basicAuth: { username: 'u', passwordSecret: kplus.Secret.fromSecretName(c, 's', 'es'), passwordKey: '' } }), 'destination-basicauth', 'destination(elasticsearch).basicAuth.passwordKey'],
  ['an Elasticsearch password Secret with an invalid name', (c) => es(c, { basicAuth: { username: 'u', passwordSecret: kplus.Secret.fromSecretName(c, 's', 'ES_Creds') } }), 'destination-basicauth', 'destination(elasticsearch).basicAuth.passwordSecret'],
  ['an empty MongoDB password key', (c) => mongo(c, { auth: { username: 'u', password: { secret: kplus.Secret.fromSecretName(c, 's', 'm'), key: '' } } }), 'destination-auth', 'destination(mongodb).auth.password.key'],
  ['a MongoDB connection string key with a slash', (c) => mongo(c, { host: undefined, connectionString: { secret: kplus.Secret.fromSecretName(c, 's', 'uri'), key: 'a/b' } }), 'destination-connectionstring', 'destination(mongodb).connectionString.key'],
  ['a MongoDB connection string Secret with an invalid name', (c) => mongo(c, { host: undefined, connectionString: { secret: kplus.Secret.fromSecretName(c, 's', 'Mongo'), key: 'uri' } }), 'destination-connectionstring', 'destination(mongodb).connectionString.secret'],
  ['a custom config file name with a slash', (c) => logPod(c, { destination: LogDestination.custom({ image: 'r/s:1', configFiles: { 'a/b': 'x' } }) }), 'destination-configfiles', 'destination(custom).configFiles'],
  ['an empty custom config file name', (c) => logPod(c, { destination: LogDestination.custom({ image: 'r/s:1', configFiles: { '': 'x' } }) }), 'destination-configfiles', 'destination(custom).configFiles'],
  ['Elasticsearch basic auth without password Secret (untyped)', (c) => es(c, { basicAuth: { username: 'u' } }), 'destination-basicauth', 'destination(elasticsearch).basicAuth.passwordSecret'],
  ['a MongoDB connection string without Secret (untyped)', (c) => mongo(c, { host: undefined, connectionString: { key: 'uri' } }), 'destination-connectionstring', 'destination(mongodb).connectionString.secret'],
  ['a LogSidecarPod without props (untyped)', (c) => new (LogSidecarPod as any)(c, 'pod'), 'log-destination', 'destination'],
  ['LogDestination.elasticsearch without props (untyped)', (c) => logPod(c, { destination: LogDestination.elasticsearch(undefined as any) }), 'log-destination', 'destination(elasticsearch)'],
  ['LogDestination.mongodb without props (untyped)', (c) => logPod(c, { destination: LogDestination.mongodb(undefined as any) }), 'log-destination', 'destination(mongodb)'],
  ['LogDestination.custom without props (untyped)', (c) => logPod(c, { destination: LogDestination.custom(undefined as any) }), 'log-destination', 'destination(custom)'],
  ['a null app container in a LogSidecarPod (untyped)', (c) => logPod(c, { containers: [null] }), 'container-props', 'spec.containers[0]'],
  ['a log sidecar name too long for its volume names', (c) => logPod(c, { sidecarName: 's'.repeat(57) }), 'volume-name', 'sidecarName'],
  ['a log directory with a ".." segment', (c) => logPod(c, { logDirectory: '/var/log/../app' }), 'log-directory', 'logDirectory'],
  ['the Fluent Bit directory as log directory', (c) => logPod(c, { logDirectory: '/fluent-bit' }), 'log-directory', 'logDirectory'],
  ['a log directory inside the Fluent Bit configuration', (c) => logPod(c, { logDirectory: '/fluent-bit/etc' }), 'log-directory', 'logDirectory'],
  ['the Fluentd configuration directory as log directory', (c) => logPod(c, { logDirectory: '/fluentd/etc', destination: LogDestination.mongodb({ image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3', host: 'mongodb', database: 'logs', collection: 'app' }) }), 'log-directory', 'logDirectory'],
  ['a log directory that hides /usr/bin', (c) => logPod(c, { logDirectory: '/usr' }), 'log-directory', 'logDirectory'],
  ['an Elasticsearch CA with verify: false', (c) => es(c, { tls: { verify: false, ca: require('../../src').CaBundle.fromSecret(kplus.Secret.fromSecretName(c, 'ca', 'es-ca')) } }), 'destination-tls', 'destination(elasticsearch).tls.ca'],
  ['an Elasticsearch CA without TLS (untyped)', (c) => es(c, { ca: require('../../src').CaBundle.fromSecret(kplus.Secret.fromSecretName(c, 'ca', 'es-ca')) }), 'destination-tls', 'destination(elasticsearch).ca'],
  ['an Elasticsearch CA key with a slash', (c) => es(c, { tls: { ca: require('../../src').CaBundle.fromSecret(kplus.Secret.fromSecretName(c, 'ca', 'es-ca'), 'certs/ca.crt') } }), 'destination-tls', 'destination(elasticsearch).tls.ca.key'],
  ['an Elasticsearch CA Secret with an invalid name', (c) => es(c, { tls: { ca: require('../../src').CaBundle.fromSecret(kplus.Secret.fromSecretName(c, 'ca', 'ES_CA')) } }), 'destination-tls', 'destination(elasticsearch).tls.ca'],
  ['an Elasticsearch CA ConfigMap with an invalid name', (c) => es(c, { tls: { ca: require('../../src').CaBundle.fromConfigMap(kplus.ConfigMap.fromConfigMapName(c, 'ca', 'Root_CA')) } }), 'destination-tls', 'destination(elasticsearch).tls.ca'],
  ['an Elasticsearch CA as a plain object (untyped)', (c) => es(c, { tls: { ca: { secret: kplus.Secret.fromSecretName(c, 'ca', 'es-ca'), key: 'ca.crt' } } }), 'destination-tls', 'destination(elasticsearch).tls.ca'],
  ['a log volume named like the Elasticsearch CA volume', (c) => logPod(c, { logVolumeName: 'log-shipper-ca', destination: LogDestination.elasticsearch({ host: 'es', index: 'logs', tls: { ca: require('../../src').CaBundle.fromSecret(kplus.Secret.fromSecretName(c, 'ca', 'es-ca')) } }) }), 'volume-name-unique', 'spec.volumes.name'],
];

describe('bad input through the constructs', () => {
  test('the corpus holds at least 60 distinct invalid inputs', () => {
    expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  test.each(CASES)('rejects %s', (_name, build, rule, path) => {
    const chart = Testing.chart();
    let emitted: unknown[] | undefined;
    let error: unknown;
    try {
      build(chart);
      emitted = Testing.synth(chart);
    } catch (err) {
      error = err;
    }
    expect(emitted).toBeUndefined();
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    const message = (error as Error).message;
    expect(message).toContain(rule);
    expect(message).toContain(path);
    expect(message).toContain('test/pod');
    expect(message).toContain('Fix:');
  });
});

/**
 * Invalid raw manifests, as the `cdk8s synth` plugin and `checkManifests` see them: each must give its
 * finding (`severity rule path`), and the engine must not throw on them.
 */
type RawCase = [string, unknown, string];

const RAW_CASES: RawCase[] = [
  ['runAsNonRoot false on a restricted pod whose containers set true', { ...pod({ securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('a')] }), metadata: { name: 'p', annotations: { 'cdk8s-pod-patterns/pod-security': 'restricted' } } }, 'error pod-security-run-as-non-root spec.securityContext.runAsNonRoot'],
  ['runAsNonRoot without runAsUser on nginx', pod({ containers: [{ name: 'web', image: 'nginx:1.25.3', securityContext: { runAsNonRoot: true } }] }), 'error run-as-non-root-image-user spec.containers[0].securityContext.runAsUser'],
  ['a CPU request a nano-unit above its limit', pod({ containers: [container('a', { resources: { requests: { cpu: '100000001n' }, limits: { cpu: '0.1' } } })] }), 'error resource-request-above-limit spec.containers[0].resources.requests'],
  ['a probe port name without letters', pod({ containers: [container('a', { readinessProbe: { httpGet: { path: '/', port: '8080' } } })] }), 'error probe spec.containers[0].readinessProbe.httpGet.port'],
  ['a gRPC probe on port 0', pod({ containers: [container('a', { startupProbe: { grpc: { port: 0 } } })] }), 'error probe spec.containers[0].startupProbe.grpc.port'],
  ['a liveness probe grace period of 0', pod({ containers: [container('a', { livenessProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: 0 } })] }), 'error probe spec.containers[0].livenessProbe.terminationGracePeriodSeconds'],
  ['a grpc preStop hook', pod({ containers: [container('a', { lifecycle: { preStop: { grpc: { port: 9090 } } } })] }), 'error lifecycle spec.containers[0].lifecycle.preStop.grpc'],
  ['a sleep preStop hook on Kubernetes 1.27', pod({ containers: [container('a', { lifecycle: { preStop: { sleep: { seconds: 5 } } } })] }), 'error lifecycle spec.containers[0].lifecycle.preStop.sleep'],
  ['one port name in two containers', deployment({ containers: [container('a', { ports: [{ containerPort: 80, name: 'http' }] }), container('b', { ports: [{ containerPort: 81, name: 'http' }] })] }), 'warning port-name-duplicate-across-containers spec.template.spec.containers[1].ports[0].name'],
  ['a secretKeyRef without name', pod({ containers: [container('a', { env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { key: 'password' } } }] })] }), 'error env-value-from spec.containers[0].env[0].valueFrom.secretKeyRef.name'],
  ['a configMapKeyRef key with a slash', pod({ containers: [container('a', { env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app', key: 'log/level' } } }] })] }), 'error env-value-from spec.containers[0].env[0].valueFrom.configMapKeyRef.key'],
  ['an envFrom without source', pod({ containers: [container('a', { envFrom: [{ prefix: 'APP_' }] })] }), 'error env-from spec.containers[0].envFrom[0]'],
  ['an envFrom prefix starting with a digit', pod({ containers: [container('a', { envFrom: [{ prefix: '1_', configMapRef: { name: 'app' } }] })] }), 'error env-from spec.containers[0].envFrom[0].prefix'],
  ['a ConfigMap item with an absolute path', pod({ containers: [container('a', { volumeMounts: [{ name: 'c', mountPath: '/c' }] })], volumes: [{ name: 'c', configMap: { name: 'app', items: [{ key: 'k', path: '/etc/k' }] } }] }), 'error volume-items spec.volumes[0].configMap.items[0].path'],
  ['a Secret item escaping the volume', pod({ containers: [container('a', { volumeMounts: [{ name: 's', mountPath: '/s' }] })], volumes: [{ name: 's', secret: { secretName: 'db', items: [{ key: 'k', path: '../k' }] } }] }), 'error volume-items spec.volumes[0].secret.items[0].path'],
  ['a Secret item mode of 0o1000', pod({ containers: [container('a', { volumeMounts: [{ name: 's', mountPath: '/s' }] })], volumes: [{ name: 's', secret: { secretName: 'db', items: [{ key: 'k', path: 'k', mode: 512 }] } }] }), 'error volume-items spec.volumes[0].secret.items[0].mode'],
  ['two projected files on one path', pod({ serviceAccountName: 'x', containers: [container('a', { volumeMounts: [{ name: 'p', mountPath: '/p' }] })], volumes: [{ name: 'p', projected: { sources: [{ secret: { name: 's', items: [{ key: 'k', path: 'k' }] } }, { configMap: { name: 'c', items: [{ key: 'k', path: 'k' }] } }] } }] }), 'error volume-items spec.volumes[0].projected.sources[1].configMap.items[0].path'],
  ['a Deployment name with an underscore', deployment({ containers: [container('a')] }, 'web_app'), 'error object-name metadata.name'],
  ['a CronJob name of 53 characters', cronJob({ containers: [container('a')] }, 'c'.repeat(53)), 'error object-name metadata.name'],
  ['a pod template label value with a space', (() => { const d = deployment({ containers: [container('a')] }); d.spec.template.metadata.labels.tier = 'front end'; return d; })(), 'error labels spec.template.metadata.labels[tier]'],
  ['an annotation key with a space', { ...pod({ containers: [container('a')] }), metadata: { name: 'p', annotations: { 'owner team': 'x' } } }, 'error annotations metadata.annotations[owner team]'],
  ['an unconfined AppArmor profile on a baseline Deployment pod template', (() => { const d = deployment({ containers: [container('a')] }); d.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined', 'cdk8s-pod-patterns/pod-security': 'baseline' }; return d; })(), 'error pod-security-app-armor-profile spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]'],
  ['an unconfined AppArmor profile where no level is chosen', (() => { const d = deployment({ containers: [container('a')] }); d.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' }; return d; })(), 'warning pod-security-app-armor-profile spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]'],
  ['an emptyDir sizeLimit that is not a quantity', pod({ containers: [container('a', { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] })], volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '500MB' } }] }), 'error empty-dir-size-limit spec.volumes[0].emptyDir.sizeLimit'],
  ['a negative emptyDir sizeLimit', pod({ containers: [container('a', { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] })], volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '-1Gi' } }] }), 'error empty-dir-size-limit spec.volumes[0].emptyDir.sizeLimit'],
  ['a GPU request without a limit', pod({ containers: [container('a', { resources: { requests: { 'nvidia.com/gpu': 1 } } })] }), 'error resource-non-overcommitable spec.containers[0].resources.limits'],
  ['hugepages without cpu or memory', pod({ containers: [container('a', { resources: { limits: { 'hugepages-2Mi': '64Mi' } } })] }), 'error resource-hugepages spec.containers[0].resources'],
  ['an unprefixed resource name that is not standard', deployment({ containers: [container('a', { resources: { limits: { gpu: 1 } } })] }), 'error resource-name spec.template.spec.containers[0].resources.limits[gpu]'],
  ['a Localhost seccomp profile without a file', pod({ containers: [container('a', { securityContext: { seccompProfile: { type: 'Localhost' } } })] }), 'error seccomp-profile spec.containers[0].securityContext.seccompProfile.localhostProfile'],
  ['a duplicate sysctl', pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'net.ipv4.tcp_syncookies', value: '0' }] }, containers: [container('a')] }), 'error sysctls spec.securityContext.sysctls[1].name'],
  ['a nameserver given as a host name', pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['dns.example.com'] }, containers: [container('a')] }), 'error dns-config spec.dnsConfig.nameservers[0]'],
  ['a block device on an emptyDir', pod({ containers: [container('a', { volumeDevices: [{ name: 'scratch', devicePath: '/dev/xvda' }] })], volumes: [{ name: 'scratch', emptyDir: {} }] }), 'error volume-device spec.containers[0].volumeDevices[0].name'],
  ['ephemeral containers in a Pod being created', pod({ containers: [container('a')], ephemeralContainers: [container('debug')] }), 'error ephemeral-containers spec.ephemeralContainers'],
  ['a pod that needs a newer Kubernetes than the target', { ...pod({ containers: [container('a')] }), metadata: { name: 'p', annotations: { 'cdk8s-pod-patterns/min-kubernetes-version': '1.30' } } }, 'error min-kubernetes-version metadata.annotations[cdk8s-pod-patterns/min-kubernetes-version]'],
];

describe('bad input in raw manifests', () => {
  test('the raw corpus names each case once', () => {
    expect(new Set(RAW_CASES.map(([name]) => name)).size).toBe(RAW_CASES.length);
  });

  test.each(RAW_CASES)('reports %s', (_name, manifest, expected) => {
    // The target is a 1.27 cluster, as most clusters these constructs are for.
    const findings = checkManifest(manifest, { kubernetesMinor: 27 }).map((f) => `${f.severity} ${f.rule} ${f.path}`);
    expect(findings).toContain(expected);
  });
});
