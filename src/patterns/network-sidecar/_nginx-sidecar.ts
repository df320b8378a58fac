import { Size } from 'cdk8s';
import { kplus } from '../../core/cdk8s-plus';
import { withRestrictedCapabilities } from '../../core/restricted-defaults';
import { assertNoPortClash } from '../_container-rules';
import { attachSidecar, configMapOf, nextSidecarField } from '../_sidecar';
import { NativeSidecarProbes } from '../native-sidecars';
import { SidecarMode } from '../sidecar-mode';
import { NGINX_RUNTIME_DIRECTORY } from './_nginx';

/**
 * The unprivileged official nginx image (nginxinc/nginx-unprivileged): nginx built with the http, ssl and
 * stream modules, running as uid 101. Pinned; the generated configurations use only directives that this
 * nginx and Debian's 1.22 (which the tests run) both accept.
 */
export const NGINX_IMAGE = 'nginxinc/nginx-unprivileged:1.28.0-alpine';

/** The image's user (and group), numeric so that Kubernetes can verify runAsNonRoot. */
export const NGINX_UID = 101;

/** Where the generated nginx.conf is mounted. */
export const NGINX_CONFIG_DIRECTORY = '/etc/nginx/pod-patterns';

/** What an nginx sidecar is made of: its configuration, ports, extra volumes and probes. */
export interface NginxSidecarSpec {
  readonly name: string;
  /** The pattern, for the fix of a second sidecar of the same name (`ProxySidecar`). */
  readonly pattern: string;
  readonly image: string;
  readonly mode: SidecarMode;
  readonly config: string;
  readonly ports: kplus.ContainerPort[];
  readonly volumeMounts?: kplus.VolumeMount[];
  readonly probes: NativeSidecarProbes;
  readonly resources?: kplus.ContainerResources;
  /** For a classic sidecar: seconds its preStop hook waits, so it keeps serving while the app stops. */
  readonly drainSeconds: number;
}

/**
 * Adds an nginx sidecar: the configuration in a content-named ConfigMap, an emptyDir at /tmp for what nginx
 * writes (the root filesystem is read-only), the image's user, no capabilities. nginx is started directly
 * (not through the image's entrypoint, whose scripts rewrite files under /etc/nginx), in the foreground.
 */
export function addNginxSidecar(workload: kplus.AbstractPod, spec: NginxSidecarSpec): kplus.Container {
  const field = nextSidecarField(workload, spec.mode, spec.name,
    `give each ${spec.pattern} on one workload its own sidecarName (e.g. "${spec.name}-2")`);
  const configMap = configMapOf(workload, `${spec.name}-config-map`, `${workload.name}-${spec.name}`, { 'nginx.conf': spec.config });
  const config = kplus.Volume.fromConfigMap(workload, `${spec.name}-config`, configMap, { name: `${spec.name}-config` });
  const tmp = kplus.Volume.fromEmptyDir(workload, `${spec.name}-tmp`, `${spec.name}-tmp`);
  const props = withRestrictedCapabilities({
    name: spec.name,
    image: spec.image,
    command: ['nginx', '-e', 'stderr', '-c', `${NGINX_CONFIG_DIRECTORY}/nginx.conf`, '-g', 'daemon off;'],
    ports: spec.ports,
    securityContext: { user: NGINX_UID, group: NGINX_UID, ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    resources: spec.resources ?? {
      cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
    },
    volumeMounts: [
      { volume: config, path: NGINX_CONFIG_DIRECTORY, readOnly: true },
      { volume: tmp, path: NGINX_RUNTIME_DIRECTORY },
      ...(spec.volumeMounts ?? []),
    ],
    // A classic sidecar gets SIGTERM with the app; waiting first keeps it serving while the app drains.
    // (A native sidecar is stopped only after the app has exited.) `sleep` is the image's busybox.
    lifecycle: spec.mode.kind === 'classic' && spec.drainSeconds > 0
      ? { preStop: kplus.Handler.fromCommand(['sleep', String(spec.drainSeconds)]) } : undefined,
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
  });
  assertNoPortClash(workload, field, new kplus.Container(props));
  return attachSidecar(workload, spec.mode, props, spec.probes);
}
