import { Size } from 'cdk8s';
import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import { withRestrictedCapabilities } from '../../core/restricted-defaults';
import { assertWorkload } from '../../core/untyped-input';
import { PodChecks } from '../../validation/pod-checks';
import { assertMountPath, containerFieldPath } from '../_container-rules';
import { attachSidecar, configMapOf, nextSidecarField, sidecarsOf } from '../_sidecar';
import { NativeSidecarProbes, NativeSidecars } from '../native-sidecars';
import { SidecarMode } from '../sidecar-mode';
import {
  checkAppContainers, checkAppLogVolume, checkDestination, checkFilePattern, checkHandshake, checkLogDirectory, checkLogDirectoryClear,
  checkLogVolumeName, checkMode, checkModeFitsWorkload, checkShipperDirectories, checkSidecarVolumeNames,
  checkConfigMapName, checkConfigVolumeName, checkNoConfigNames, checkStreamFiles,
} from './_log-sidecar-checks';
import { LogDestination } from './log-destination';
import { ILogDestination, LogShipper, ShipperKeyFile } from './log-shipper';

export interface LogSidecarOptions {
  /** Where the sidecar ships the log files: see `LogDestination`. */
  readonly destination: ILogDestination;
  /**
   * The directory the app writes its log files to, mounted at the same path in the app (read-write) and in
   * the sidecar (read-only). The log volume hides whatever the image had in that directory, so it must not
   * be a system directory or one of the shipper's own, and it must not hold `,`, `%`, `${`, `#{` or wildcards,
   * which the shippers would misread in their tail path.
   * @default '/var/log'
   */
  readonly logDirectory?: string;
  /**
   * File name pattern of the log files inside `logDirectory` (`*` matches any characters).
   * @default '*.log'
   */
  readonly filePattern?: string;
  /**
   * Name of the log volume (an `emptyDir`).
   * @default 'app-logs'
   */
  readonly logVolumeName?: string;
  /**
   * Size limit of the log volume: past it the kubelet evicts the pod, so rotate the files below it.
   * @default - no limit
   */
  readonly logVolumeSizeLimit?: Size;
  /**
   * Name of the sidecar container; its volumes are named `<sidecarName>-config`, `<sidecarName>-state` (and
   * `<sidecarName>-ca` with an Elasticsearch CA bundle), so they must not be the names of other volumes, and
   * it must leave room for those suffixes within 63 characters (56 characters for the Fluent Bit shippers).
   * @default 'log-shipper'
   */
  readonly sidecarName?: string;
  /**
   * The sidecar's requests and limits, as `resources` of ProxySidecar and Ambassador.
   * @default - the destination's small, explicit requests and limits
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * @deprecated use `resources` (the same prop under the name the other sidecars use)
   * @default - the destination's small, explicit requests and limits
   */
  readonly sidecarResources?: kplus.ContainerResources;
  /**
   * How the sidecar runs: classic (an app container), native (an init container with
   * `restartPolicy: Always`, Kubernetes 1.29+), or classic with a shutdown-marker handshake. A Job, a
   * CronJob or a Pod with restartPolicy Never or OnFailure needs native or shutdown-marker: a classic
   * sidecar would keep it from ever completing. With shutdown-marker it also needs an active deadline, in
   * case the app dies before it creates the marker.
   * @default SidecarMode.CLASSIC
   */
  readonly mode?: SidecarMode;
  /**
   * Probes of the sidecar. With `SidecarMode.NATIVE` a startup probe holds the app back until the shipper
   * is started. (The shippers' own health endpoints are off in the generated configurations; an exec or TCP
   * probe of your choice fits here.)
   * @default - none
   */
  readonly sidecarProbes?: NativeSidecarProbes;
  /**
   * Name of the ConfigMap of the shipper's configuration (for destinations that have one), e.g. the docs'
   * `fluentd-config`. A name you choose is kept as the content changes, so the ConfigMap is not immutable
   * (`kubectl apply` updates it in place) and running pods are not rolled when it changes: restart them.
   * @default - `<workload>-<sidecarName>-<hash of the content>`, immutable: a new configuration is a new
   * ConfigMap, and the pods that mount it are rolled
   */
  readonly configMapName?: string;
  /**
   * Name of the volume of that ConfigMap in the pod, e.g. the docs' `config-volume`.
   * @default `<sidecarName>-config`
   */
  readonly configVolumeName?: string;
}

/**
 * Props of `LogSidecar.streamEach`: the files to stream, each by its own sidecar, and where the app writes
 * them. The sidecars share one log volume, created by the first (or `logVolume`).
 */
export interface LogStreamProps extends Omit<LogSidecarProps, 'destination' | 'filePattern' | 'sidecarName' | 'configMapName' | 'configVolumeName'> {
  /**
   * Sidecar name to the file it streams (a name inside `logDirectory`), in the order the sidecars are
   * added, e.g. `{ 'count-log-1': '1.log', 'count-log-2': '2.log' }`.
   */
  readonly files: Record<string, string>;
}

/** Props of `LogSidecar.addTo`: the destination, where the app writes its logs, and the sidecar's mode. */
export interface LogSidecarProps extends LogSidecarOptions {
  /**
   * The app containers that write the log files; the log volume is mounted into each at `logDirectory`.
   * @default - every container of the workload when the pattern is applied, but the sidecars the patterns
   * attached (log shippers, proxies, ambassadors, metrics exporters)
   */
  readonly appContainers?: kplus.Container[];
  /**
   * A volume the app containers already mount at `logDirectory`, to use instead of a new emptyDir.
   * @default - a new emptyDir named `logVolumeName`
   */
  readonly logVolume?: kplus.Volume;
}

/**
 * The log-sidecar pattern on a long-running workload (Pod, Deployment, StatefulSet, DaemonSet): the app
 * writes log files into a volume, and a sidecar reads the same volume and ships the files to a destination.
 */
export class LogSidecar {
  /** Adds a log sidecar to a workload; a second sidecar on one workload needs its own `sidecarName` and `logVolumeName`. */
  public static addTo(workload: kplus.AbstractPod, props: LogSidecarProps): LogSidecar {
    assertWorkload(workload, 'LogSidecar.addTo');
    return new LogSidecar(workload, props ?? ({} as LogSidecarProps));
  }

  /**
   * The docs' streaming sidecars in one call: one sidecar per log file (`LogDestination.tail()`), each
   * printing that file's lines to its own stdout, so `kubectl logs <pod> -c <sidecar>` shows one file.
   */
  public static streamEach(workload: kplus.AbstractPod, props: LogStreamProps): LogSidecar[] {
    assertWorkload(workload, 'LogSidecar.streamEach');
    const entries = checkStreamFiles(workload, props?.files);
    const { files: _files, ...shared } = props;
    const sidecars: LogSidecar[] = [];
    for (const [sidecarName, file] of entries) {
      const logVolume = shared.logVolume ?? sidecars[0]?.logVolume;
      sidecars.push(new LogSidecar(workload, { ...shared, logVolume, destination: LogDestination.tail(), filePattern: file, sidecarName }));
    }
    return sidecars;
  }

  public readonly workload: kplus.AbstractPod;
  public readonly logDirectory: string;
  public readonly filePattern: string;
  public readonly destination: ILogDestination;
  /** The containers that write the log files. */
  public readonly appContainers: kplus.Container[];
  /** The shipper container. */
  public readonly sidecar: kplus.Container;
  public readonly logVolume: kplus.Volume;
  /** The generated shipper configuration, when the destination has one. */
  public readonly configMap?: kplus.ConfigMap;
  public readonly mode: SidecarMode;

  /**
   * Each step checks its input (see `_log-sidecar-checks.ts`) before it builds, in this order: the checks
   * of a later step may rely on what an earlier one built (the shipper is described for the checked log
   * directory, the sidecar's volumes are named after the checked sidecar name).
   */
  private constructor(workload: kplus.AbstractPod, props: LogSidecarProps) {
    this.workload = workload;
    PodChecks.of(workload);
    this.destination = checkDestination(workload, props.destination);
    this.logDirectory = checkLogDirectory(workload, props.logDirectory ?? '/var/log');
    this.filePattern = checkFilePattern(workload, props.filePattern ?? '*.log');
    this.mode = checkMode(workload, props.mode);
    checkModeFitsWorkload(workload, this.mode, this.filePattern);
    // Re-host the workload's manifest before this sidecar creates its ConfigMap, so the workload stays
    // first among its own objects in the YAML (a re-hosted object takes the place of the last child).
    if (this.mode.kind === 'native') NativeSidecars.of(workload);

    const sidecarName = props.sidecarName ?? 'log-shipper';
    nextSidecarField(workload, this.mode, sidecarName, `a second LogSidecar on one workload needs its own names: give it `
      + `sidecarName (e.g. "${sidecarName}-2") and logVolumeName, or ship several files with LogSidecar.streamEach`);

    // Not a sidecar a pattern added (a shipper, a proxy, an exporter): they write no app logs.
    const sidecars = sidecarsOf(workload);
    this.appContainers = props.appContainers ?? workload.containers.filter((c) => !sidecars.includes(c));
    checkAppContainers(workload, this.appContainers);
    if (props.logVolume) checkAppLogVolume(workload, this.appContainers, props.logVolume, this.logDirectory);
    this.logVolume = props.logVolume || this.mountNewLogVolume(props.logVolumeName ?? 'app-logs', props.logVolumeSizeLimit);

    const shipper = this.destination.shipper({ workload, logDirectory: this.logDirectory, filePattern: this.filePattern });
    checkLogDirectoryClear(workload, this.logDirectory, this.destination, shipper);
    this.configMap = this.createConfigMap(sidecarName, shipper, props.configMapName);
    if (!this.configMap) checkNoConfigNames(workload, this.destination, props);
    this.sidecar = this.createSidecar(sidecarName, shipper, sidecarResources(workload, props), props.sidecarProbes ?? {},
      checkConfigVolumeName(workload, props.configVolumeName) ?? `${sidecarName}-config`);
  }

  private mountNewLogVolume(name: string, sizeLimit: Size | undefined): kplus.Volume {
    checkLogVolumeName(this.workload, name);
    const volume = kplus.Volume.fromEmptyDir(this.workload, `log-volume-${name}`, name, { sizeLimit });
    this.appContainers.forEach((app) => {
      const index = this.workload.containers.indexOf(app);
      const field = `${containerFieldPath(this.workload, 'containers', index)}.volumeMounts[${app.mounts.length}]`;
      assertMountPath(this.workload, field, app, this.logDirectory);
      app.mount(this.logDirectory, volume);
    });
    return volume;
  }

  /**
   * The configuration in an immutable ConfigMap named after its content, so pods that mount it are rolled
   * when the configuration changes; or, under the name the user chose, a mutable one.
   */
  private createConfigMap(sidecarName: string, shipper: LogShipper, name: string | undefined): kplus.ConfigMap | undefined {
    const chosen = checkConfigMapName(this.workload, name);
    if (!shipper.configFiles || Object.keys(shipper.configFiles).length === 0) return undefined;
    return configMapOf(this.workload, `${sidecarName}-config-map`, `${this.workload.name}-${sidecarName}`, shipper.configFiles, chosen);
  }

  private createSidecar(
    name: string, shipper: LogShipper, resources: kplus.ContainerResources | undefined, probes: NativeSidecarProbes, configVolumeName: string,
  ): kplus.Container {
    const configDirectory = this.configMap ? shipper.configDirectory : undefined;
    const stateDirectories = shipper.stateDirectories ?? [];
    const keyFiles = shipper.keyFiles ?? [];
    checkShipperDirectories(this.workload, configDirectory, stateDirectories, keyFiles);
    const stateVolumeNames = stateVolumeNamesOf(name, stateDirectories);
    const keyFileVolumeNames = keyFiles.map((file) => `${name}-${file.volumeSuffix}`);
    const volumeNames = [...(configDirectory !== undefined ? [configVolumeName] : []), ...stateVolumeNames, ...keyFileVolumeNames];
    checkSidecarVolumeNames(this.workload, name, volumeNames, this.logVolume);

    const volumeMounts: kplus.VolumeMount[] = [{ volume: this.logVolume, path: this.logDirectory, readOnly: true }];
    if (configDirectory !== undefined) {
      const config = kplus.Volume.fromConfigMap(this.workload, `${name}-config`, this.configMap!, { name: configVolumeName });
      volumeMounts.push({ volume: config, path: configDirectory, readOnly: true });
    }
    stateDirectories.forEach((path, i) => {
      volumeMounts.push({ volume: kplus.Volume.fromEmptyDir(this.workload, stateVolumeNames[i], stateVolumeNames[i]), path });
    });
    keyFiles.forEach((file, i) => {
      volumeMounts.push({ volume: keyFileVolume(this.workload, file, keyFileVolumeNames[i]), path: file.directory, readOnly: true });
    });
    const props = withRestrictedCapabilities({
      name,
      image: shipper.image,
      command: shipper.command,
      args: shipper.args,
      ...this.handshake(shipper),
      envVariables: shipper.envVariables,
      securityContext: shipper.securityContext,
      resources: resources ?? shipper.resources,
      volumeMounts,
      // A pinned tag never changes, so there is nothing to gain from pulling it on every start.
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    });
    return attachSidecar(this.workload, this.mode, props, probes);
  }

  /** For the shutdown-marker mode: the shell image and the command that waits for the marker. */
  private handshake(shipper: LogShipper): Partial<kplus.ContainerProps> {
    checkHandshake(this.workload, this.mode, this.destination, shipper);
    if (this.mode.kind !== 'shutdown-marker') return {};
    const argv = [...(shipper.command ?? []), ...(shipper.args ?? [])];
    return {
      image: shipper.shellImage ?? shipper.image,
      ...shutdownMarkerCommand(argv, `${this.logDirectory}/${this.mode.markerFile}`, this.mode.graceSeconds!),
    };
  }
}

/** Named after each directory (log-shipper-state, log-shipper-tmp) so the YAML says what each holds. */
function stateVolumeNamesOf(name: string, directories: string[]): string[] {
  const taken = new Set<string>();
  return directories.map((path) => {
    const base = `${name}-${path.split('/').filter(Boolean).pop()!.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
    let volumeName = base;
    for (let i = 2; taken.has(volumeName); i++) volumeName = `${base}-${i}`;
    taken.add(volumeName);
    return volumeName;
  });
}

/** A volume that projects only the file's key, under its file name (default mode 0644, mounted read-only). */
function keyFileVolume(scope: kplus.AbstractPod, file: ShipperKeyFile, name: string): kplus.Volume {
  const items = { [file.key]: { path: file.fileName } };
  return file.secret
    ? kplus.Volume.fromSecret(scope, name, file.secret, { name, items })
    : kplus.Volume.fromConfigMap(scope, name, file.configMap!, { name, items });
}

/**
 * The shutdown-marker handshake as a container command: run the shipper in the background, wait for the
 * marker file (or for the shipper to die), give it `graceSeconds` to ship the last lines, stop it with
 * SIGTERM and exit 0 if it stopped cleanly. `$@` is the shipper's own command line.
 */
function shutdownMarkerCommand(shipperArgv: string[], markerPath: string, graceSeconds: number): { command: string[]; args: string[] } {
  const marker = shellQuote(markerPath);
  const script = [
    '"$@" &',
    'pid=$!;',
    `while [ ! -e ${marker} ]; do kill -0 "$pid" 2>/dev/null || { wait "$pid"; exit $?; }; sleep 1; done;`,
    `sleep ${graceSeconds};`,
    'kill -TERM "$pid";',
    'wait "$pid"; status=$?;',
    // 143 is the shell's status for a child ended by SIGTERM: the shutdown asked for.
    '[ "$status" -eq 143 ] && status=0;',
    'exit "$status"',
  ].join(' ');
  return { command: ['/bin/sh', '-c', script, 'log-shipper'], args: shipperArgv };
}

/** Single-quotes a word for /bin/sh, whatever it contains. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `resources`, or its old name `sidecarResources`; both at once would leave one of them unused. */
function sidecarResources(workload: kplus.AbstractPod, props: LogSidecarProps): kplus.ContainerResources | undefined {
  if (props.resources !== undefined && props.sidecarResources !== undefined) {
    throw new PodPatternError(workload, {
      rule: 'props',
      field: 'sidecarResources',
      problem: 'Invalid value: given beside resources, which is the same prop under its current name',
      fix: 'keep only resources',
    });
  }
  return props.resources ?? props.sidecarResources;
}
