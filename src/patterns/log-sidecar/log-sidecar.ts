import { Size } from 'cdk8s';
import { posix } from 'path';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Finding } from '../../checks/finding';
import { PodPatternError } from '../../core/pod-pattern-error';
import { assertWorkload } from '../../core/untyped-input';
import { CONTROL } from './_config-values';
import { DNS1123_LABEL_MAX_LENGTH, dnsLabelProblem, mountPathProblem } from '../../checks/formats';
import { assertContainerName, assertMountPath, containerFieldPath } from '../_container-rules';
import { podSpecFieldPath } from '../../core/pod-spec';
import { contentAddressedName } from './_config-map-name';
import { assertKeyFiles, keyFileVolume } from './_key-files';
import { ILogDestination, LogShipper } from './log-destination';
import { SidecarMode } from './sidecar-mode';
import { shutdownMarkerCommand } from './_shutdown-marker';
import { deadlineLocations, hasDeadline, runToCompletionName } from './_run-to-completion';
import { NativeSidecarProbes, NativeSidecars } from '../native-sidecars';
import { withRestrictedCapabilities } from '../../core/restricted-defaults';
import { PodChecks } from '../../validation/pod-checks';

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
  /** @default - the destination's small, explicit requests and limits */
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
}

export interface LogSidecarProps extends LogSidecarOptions {
  /**
   * The app containers that write the log files; the log volume is mounted into each at `logDirectory`.
   * @default - every app container of the workload when the pattern is applied
   */
  readonly appContainers?: kplus.Container[];
  /**
   * A volume the app containers already mount at `logDirectory`, to use instead of a new emptyDir.
   * @default - a new emptyDir named `logVolumeName`
   */
  readonly logVolume?: kplus.Volume;
}

/**
 * Directories every image needs (binaries, libraries, CA certificates, kernel file systems). The log
 * directory may lie inside them (Tomcat logs to /usr/local/tomcat/logs) but must not be one of them or
 * above one.
 */
const SYSTEM_DIRECTORIES = ['/bin', '/sbin', '/lib', '/lib64', '/usr/bin', '/usr/sbin', '/usr/lib', '/etc/ssl', '/dev', '/proc', '/sys'];

/**
 * Marks a shipper container of a workload, as a child construct (found with `node.children`): shippers
 * never count as app containers of another log sidecar. Added once the sidecar is complete.
 */
class ShipperContainer extends Construct {
  public static allOf(workload: kplus.AbstractPod): kplus.Container[] {
    return workload.node.children.filter((c): c is ShipperContainer => c instanceof ShipperContainer).map((c) => c.container);
  }

  constructor(workload: kplus.AbstractPod, public readonly container: kplus.Container) {
    super(workload, `LogShipper-${container.name}`);
  }
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

  private constructor(workload: kplus.AbstractPod, props: LogSidecarProps) {
    this.workload = workload;
    PodChecks.of(workload);
    if (!props.destination || typeof props.destination.shipper !== 'function') {
      this.fail('log-destination', 'destination', 'is missing', 'pass one of LogDestination.elasticsearch(...), .mongodb(...), .stdout() or .custom(...)');
    }
    this.destination = props.destination;
    this.logDirectory = this.resolveLogDirectory(props.logDirectory ?? '/var/log');
    this.filePattern = this.resolveFilePattern(props.filePattern ?? '*.log');
    this.mode = this.resolveMode(props.mode);
    this.assertModeFitsWorkload();
    // Re-host the workload's manifest before this sidecar creates its ConfigMap, so the workload stays
    // first among its own objects in the YAML (a re-hosted object takes the place of the last child).
    if (this.mode.kind === 'native') NativeSidecars.of(workload);

    const sidecarName = props.sidecarName ?? 'log-shipper';
    const sidecarField = this.mode.kind === 'native'
      ? containerFieldPath(workload, 'initContainers', workload.initContainers.length)
      : containerFieldPath(workload, 'containers', workload.containers.length);
    assertContainerName(workload, sidecarField, sidecarName);

    const shippers = ShipperContainer.allOf(workload);
    this.appContainers = props.appContainers ?? workload.containers.filter((c) => !shippers.includes(c));
    this.assertAppContainers();
    this.logVolume = props.logVolume
      ? this.useAppLogVolume(props.logVolume)
      : this.mountNewLogVolume(props.logVolumeName ?? 'app-logs', props.logVolumeSizeLimit);

    const shipper = this.destination.shipper({ workload, logDirectory: this.logDirectory, filePattern: this.filePattern });
    this.assertLogDirectoryClear(shipper);
    this.configMap = this.createConfigMap(sidecarName, shipper);
    this.sidecar = this.createSidecar(sidecarName, shipper, props.sidecarResources, props.sidecarProbes ?? {});
    new ShipperContainer(workload, this.sidecar);
  }

  private createSidecar(name: string, shipper: LogShipper, resources: kplus.ContainerResources | undefined, probes: NativeSidecarProbes): kplus.Container {
    const volumeMounts: kplus.VolumeMount[] = [{ volume: this.logVolume, path: this.logDirectory, readOnly: true }];
    const configDirectory = this.configMap ? shipper.configDirectory : undefined;
    if (configDirectory !== undefined) {
      const problem = mountPathProblem(configDirectory);
      if (problem) {
        this.fail('destination-config-directory', 'destination.configDirectory', `Invalid value ${JSON.stringify(configDirectory)}: ${problem}`, 'use an absolute directory such as "/etc/log-shipper"');
      }
    }
    const stateDirectories = shipper.stateDirectories ?? [];
    const stateVolumeNames = this.stateVolumeNames(name, stateDirectories);
    const keyFiles = shipper.keyFiles ?? [];
    // The log directory was checked against the key files' directories with the shipper's other directories.
    assertKeyFiles((rule, field, problem, fix) => this.fail(rule, field, problem, fix), keyFiles, [
      ...(configDirectory !== undefined ? [['configuration directory', configDirectory] as const] : []),
      ...stateDirectories.map((path) => ['state directory', path] as const),
    ]);
    const keyFileVolumeNames = keyFiles.map((file) => `${name}-${file.volumeSuffix}`);
    const volumeNames = [...(configDirectory !== undefined ? [`${name}-config`] : []), ...stateVolumeNames, ...keyFileVolumeNames];
    this.assertVolumeNames(name, volumeNames);
    this.assertVolumeNamesFree(volumeNames);
    if (configDirectory !== undefined) {
      const config = kplus.Volume.fromConfigMap(this.workload, `${name}-config`, this.configMap!, { name: `${name}-config` });
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
    if (this.mode.kind === 'native') {
      const sidecar = this.workload.addInitContainer(props);
      NativeSidecars.of(this.workload).add(sidecar, probes);
      return sidecar;
    }
    const sidecar = new kplus.Container({ ...props, startup: probes.startup, readiness: probes.readiness, liveness: probes.liveness });
    this.workload.attachContainer(sidecar);
    return sidecar;
  }

  /** Named after each directory (log-shipper-state, log-shipper-tmp) so the YAML says what each holds. */
  private stateVolumeNames(name: string, directories: string[]): string[] {
    const taken = new Set<string>();
    return directories.map((path) => {
      const problem = mountPathProblem(path) ?? (path.replace(/\/+$/, '') === '' ? 'must not be the root directory' : undefined);
      if (problem) {
        this.fail('destination-state-directories', 'destination.stateDirectories', `Invalid value ${JSON.stringify(path)}: ${problem}`, 'use an absolute directory such as "/var/lib/shipper"');
      }
      const base = `${name}-${path.split('/').filter(Boolean).pop()!.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
      let volumeName = base;
      for (let i = 2; taken.has(volumeName); i++) volumeName = `${base}-${i}`;
      taken.add(volumeName);
      return volumeName;
    });
  }

  /**
   * The sidecar's volumes are named `<sidecarName>-<what>`. cdk8s-plus cuts a volume name to 63 characters
   * without a word, which can end it in "-" or make two names equal; the name is refused instead.
   */
  private assertVolumeNames(sidecarName: string, volumeNames: string[]): void {
    const longest = Math.max(0, ...volumeNames.map((v) => v.length - sidecarName.length));
    for (const volumeName of volumeNames) {
      const problem = dnsLabelProblem(volumeName);
      if (!problem) continue;
      if (volumeName.length > DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL_MAX_LENGTH - longest > 0) {
        this.fail('volume-name', 'sidecarName', `Invalid value "${sidecarName}" (${sidecarName.length} characters): the sidecar's volume "${volumeName}" would be `
          + `${volumeName.length} characters, more than ${DNS1123_LABEL_MAX_LENGTH}`, `use a sidecarName of at most ${DNS1123_LABEL_MAX_LENGTH - longest} characters for this destination`);
      }
      this.fail('volume-name', `${podSpecFieldPath(this.workload)}.volumes.name`, `Invalid value "${volumeName}" (the volume of a shipper directory): ${problem}`,
        'name the shipper\'s state directories with letters and digits (e.g. "/var/lib/shipper/state") and keep sidecarName short');
    }
  }

  /**
   * The sidecar's volumes must not share a name with each other, the log volume or another volume of the
   * workload: cdk8s-plus would fail at synth with a plain Error, naming neither construct nor fix.
   */
  private assertVolumeNamesFree(volumeNames: string[]): void {
    const mounted = [...this.workload.containers, ...this.workload.initContainers].flatMap((c) => c.mounts.map((m) => m.volume));
    const existing = new Set([...this.workload.volumes, ...mounted].map((v) => v.name));
    const seen = new Set<string>();
    for (const volumeName of volumeNames) {
      const holder = volumeName === this.logVolume.name ? 'the log volume'
        : seen.has(volumeName) ? 'another volume of the sidecar'
          : existing.has(volumeName) ? 'another volume of this workload' : undefined;
      if (holder) {
        this.fail('volume-name-unique', `${podSpecFieldPath(this.workload)}.volumes.name`, `Duplicate value "${volumeName}": ${holder} has that name`,
          'give the log volume (logVolumeName) or the sidecar (sidecarName) another name');
      }
      seen.add(volumeName);
    }
  }

  /**
   * The log volume is mounted at logDirectory in the app and in the shipper. Over a system directory it
   * would hide that directory in both containers; over, inside or around one of the shipper's own
   * directories it would hide the shipper's files or collide with its other mounts.
   */
  private assertLogDirectoryClear(shipper: LogShipper): void {
    // Compared in normal form: "//usr/bin" and "/usr//lib/" name the same directories as "/usr/bin" and "/usr/lib".
    const dir = posix.normalize(this.logDirectory).replace(/(.)\/+$/, '$1');
    const hidden = SYSTEM_DIRECTORIES.find((path) => path === dir || path.startsWith(`${dir}/`));
    if (hidden) {
      this.fail('log-directory', 'logDirectory', `Invalid value "${this.logDirectory}": the log volume would hide ${hidden} in the app and in the shipper`,
        'use a directory of the app\'s own, such as "/var/log/app"');
    }
    const absolute = (paths: Array<string | undefined>) => paths
      .filter((path): path is string => typeof path === 'string' && path.startsWith('/'))
      .map((path) => posix.normalize(path).replace(/(.)\/+$/, '$1'));
    // The image's own trees and the read-only config and key-file volumes must not hold the log volume;
    // a state directory is an emptyDir, and a log volume mounted inside one is an ordinary nested mount.
    const fixed = absolute([
      ...(shipper.imagePaths ?? []),
      ...(shipper.configFiles && Object.keys(shipper.configFiles).length > 0 ? [shipper.configDirectory] : []),
      ...(shipper.keyFiles ?? []).map((file) => file.directory),
    ]);
    const state = absolute(shipper.stateDirectories ?? []);
    // The closest relation makes the clearest message: the directory itself, then one it is in, then one it holds.
    const relations: Array<[string, string[], (path: string) => boolean]> = [
      ['is', [...fixed, ...state], (path) => path === dir],
      ['is inside', fixed, (path) => dir.startsWith(`${path}/`)],
      ['contains', [...fixed, ...state], (path) => path.startsWith(`${dir}/`)],
    ];
    for (const [relation, paths, holds] of relations) {
      const path = paths.find(holds);
      if (path) {
        this.fail('log-directory', 'logDirectory', `Invalid value "${this.logDirectory}": ${relation} ${path}, a directory the ${this.destination.kind} shipper uses itself`,
          'use a directory of the app\'s own, such as "/var/log/app"');
      }
    }
  }

  /** For the shutdown-marker mode: the shell image and the command that waits for the marker. */
  private handshake(shipper: LogShipper): Partial<kplus.ContainerProps> {
    if (this.mode.kind !== 'shutdown-marker') return {};
    const argv = [...(shipper.command ?? []), ...(shipper.args ?? [])];
    if (argv.length === 0) {
      this.fail('sidecar-mode', 'mode', `the shutdown-marker handshake needs the shipper's command line, and the ${this.destination.kind} destination gives none`,
        'give the custom shipper a command (and args), or use SidecarMode.NATIVE');
    }
    return {
      image: shipper.shellImage ?? shipper.image,
      ...shutdownMarkerCommand(argv, `${this.logDirectory}/${this.mode.markerFile}`, this.mode.graceSeconds!),
    };
  }

  private createConfigMap(sidecarName: string, shipper: LogShipper): kplus.ConfigMap | undefined {
    if (!shipper.configFiles || Object.keys(shipper.configFiles).length === 0) return undefined;
    const sorted = Object.fromEntries(Object.keys(shipper.configFiles).sort().map((k) => [k, shipper.configFiles![k]]));
    return new kplus.ConfigMap(this.workload, `${sidecarName}-config-map`, {
      metadata: { name: contentAddressedName(`${this.workload.name}-${sidecarName}`, sorted) },
      data: sorted,
      immutable: true,
    });
  }

  private mountNewLogVolume(name: string, sizeLimit: Size | undefined): kplus.Volume {
    const mounted = [...this.workload.containers, ...this.workload.initContainers].flatMap((c) => c.mounts.map((m) => m.volume));
    if ([...this.workload.volumes, ...mounted].some((v) => v.name === name)) {
      this.fail('volume-name-unique', `${podSpecFieldPath(this.workload)}.volumes.name`, `Duplicate value "${name}": this workload already has a volume with that name`,
        'give this log sidecar its own logVolumeName (and sidecarName)');
    }
    const volume = kplus.Volume.fromEmptyDir(this.workload, `log-volume-${name}`, name, { sizeLimit });
    this.appContainers.forEach((app) => {
      const index = this.workload.containers.indexOf(app);
      const field = `${containerFieldPath(this.workload, 'containers', index)}.volumeMounts[${app.mounts.length}]`;
      assertMountPath(this.workload, field, app, this.logDirectory);
      app.mount(this.logDirectory, volume);
    });
    return volume;
  }

  private useAppLogVolume(volume: kplus.Volume): kplus.Volume {
    const writers = this.appContainers.filter((app) => app.mounts.some((m) => m.volume === volume && m.path === this.logDirectory));
    if (writers.length === 0) {
      const elsewhere = this.appContainers.flatMap((app) => app.mounts.filter((m) => m.volume === volume).map((m) => `"${app.name}" at ${m.path}`));
      this.fail('log-directory', 'logDirectory',
        `no app container mounts the log volume "${volume.name}" at ${this.logDirectory}`
          + (elsewhere.length ? ` (it is mounted by ${elsewhere.join(', ')})` : ' (no app container mounts it at all)'),
        'set logDirectory to the path where the app mounts the volume, or omit logVolume to let the pattern mount one');
    }
    return volume;
  }

  private assertAppContainers(): void {
    if (this.appContainers.length === 0) {
      this.fail('containers-required', `${podSpecFieldPath(this.workload)}.containers`, 'Required value: the log sidecar needs an app container that writes the logs',
        'add the app container before the log sidecar (containers prop or addContainer)');
    }
    for (const app of this.appContainers) {
      if (!this.workload.containers.includes(app)) {
        this.fail('log-app-containers', 'appContainers', `container "${app.name}" is not an app container of this workload`, 'pass containers returned by addContainer');
      }
    }
  }

  /**
   * A classic sidecar never exits, so a pod meant to finish (a Job's, a CronJob's, a bare Pod with
   * restartPolicy Never or OnFailure) that carries one would never complete.
   */
  private assertModeFitsWorkload(): void {
    const finishing = runToCompletionName(this.workload);
    if (finishing && this.mode.kind === 'classic') {
      this.fail('sidecar-on-job', `${podSpecFieldPath(this.workload)}.containers`,
        `a classic log sidecar never exits, so ${finishing} would never complete`,
        'choose mode: SidecarMode.NATIVE (a native sidecar, Kubernetes 1.29+), or mode: SidecarMode.shutdownMarker() '
        + '(the app creates a marker file in the log directory when it is done, and the sidecar then exits; it also needs an active deadline)');
    }
    if (!finishing && this.mode.kind === 'shutdown-marker') {
      // The marker outlives the sidecar in the log volume: restarted, the sidecar would see it and exit
      // at once, again and again (CrashLoopBackOff), and the app's logs would no longer be shipped.
      this.fail('shutdown-marker-restart-policy', 'mode',
        'the shutdown marker is for pods that run to completion, but this workload restarts its containers (restartPolicy: Always)',
        'use the default SidecarMode.CLASSIC here; keep shutdownMarker() for Jobs, CronJobs and Pods with restartPolicy Never or OnFailure');
    }
    if (finishing && this.mode.kind === 'shutdown-marker') {
      // The deadline may come from a JSON patch added after the sidecar (on a bare Pod that is the only
      // way: cdk8s-plus-27 has no prop for it), so this rule needs the finished manifest.
      PodChecks.of(this.workload)._addManifestRule((manifest) => this.deadlineFindings(manifest, finishing));
    }
    if (this.mode.kind === 'shutdown-marker') {
      const marker = this.mode.markerFile!;
      if (!/^[A-Za-z0-9._-]+$/.test(marker) || marker === '.' || marker === '..') {
        this.fail('sidecar-mode', 'mode.markerFile', `Invalid value "${marker}": must be a file name (letters, digits, ".", "_", "-")`, 'use a name such as ".app-done"');
      }
      if (globMatches(this.filePattern, marker)) {
        this.fail('sidecar-mode', 'mode.markerFile', `"${marker}" matches the log file pattern "${this.filePattern}", so it would be shipped as a log`, 'use a marker name outside the pattern, such as ".app-done"');
      }
      if (!Number.isInteger(this.mode.graceSeconds) || this.mode.graceSeconds! < 0) {
        this.fail('sidecar-mode', 'mode.graceSeconds', `Invalid value ${this.mode.graceSeconds}: must be a whole number of seconds, 0 or more`, 'use e.g. 5');
      }
    }
  }

  /**
   * The shutdown-marker sidecar exits only when the marker appears. If the app is OOM-killed, fails, or
   * exits without creating the marker, the shipper keeps the pod Running: with restartPolicy Never the
   * failed app is never retried and backoffLimit never counts anything, so the Job would hang for ever.
   * An active deadline bounds that: Kubernetes ends the Job (or the pod) when it passes.
   */
  private deadlineFindings(manifest: unknown, finishing: string): Finding[] {
    const locations = deadlineLocations(this.workload);
    if (hasDeadline(manifest, locations)) return [];
    const howTo = this.workload instanceof kplus.Pod
      ? `set ${locations[0].join('.')} (cdk8s-plus-27 has no prop for it: ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/activeDeadlineSeconds', 3600)))`
      : `set activeDeadline on the ${this.workload instanceof kplus.CronJob ? 'CronJob' : 'Job'} (e.g. activeDeadline: Duration.hours(1)), longer than the app ever needs`;
    return [{
      rule: 'shutdown-marker-deadline',
      severity: 'error',
      path: locations[0].join('.'),
      message: 'Required value: with SidecarMode.shutdownMarker() the shipper exits only when the app creates the marker; if the app fails, '
        + `is OOM-killed or exits without creating it, the shipper keeps the pod Running and ${finishing} would never end`,
      fix: `${howTo}, so Kubernetes ends it; or use mode: SidecarMode.NATIVE (Kubernetes 1.29+), whose sidecar stops when the app exits`,
    }];
  }

  /**
   * Only modes made by SidecarMode are accepted. The pattern dispatches on `kind`, but a look-alike such as
   * `{ kind: 'native' }` or the string 'native' (possible from JavaScript) skips the factories' defaults
   * and would once have fallen through to a classic sidecar, which keeps a Job from ever completing.
   */
  private resolveMode(mode: unknown): SidecarMode {
    if (mode === undefined) return SidecarMode.CLASSIC;
    if (!SidecarMode.isSidecarMode(mode)) {
      const got = typeof mode === 'object' && mode !== null ? `a plain object ${JSON.stringify(mode)}` : JSON.stringify(mode);
      this.fail('sidecar-mode', 'mode', `Unsupported value ${got}: not a SidecarMode; supported values: SidecarMode.CLASSIC, SidecarMode.NATIVE, SidecarMode.shutdownMarker({ markerFile?, graceSeconds? })`,
        'pass one of them (e.g. mode: SidecarMode.NATIVE), not a string or an object literal');
    }
    return mode;
  }

  private resolveLogDirectory(dir: string): string {
    const problem = mountPathProblem(dir);
    if (problem) this.fail('log-directory', 'logDirectory', `Invalid value "${dir}": ${problem}`, 'use an absolute directory such as "/var/log"');
    const trimmed = dir.replace(/\/+$/, '');
    if (trimmed === '') this.fail('log-directory', 'logDirectory', 'Invalid value "/": the log volume cannot be mounted over the root directory', 'use a directory such as "/var/log"');
    // The app and the shipper would resolve ".." differently from the mount (and from each other's views).
    if (trimmed.split('/').some((segment) => segment === '..' || segment === '.')) {
      this.fail('log-directory', 'logDirectory', `Invalid value "${dir}": must not contain "." or ".." segments`, 'write the directory without them, e.g. "/var/log/app"');
    }
    const misread = tailPathProblem(trimmed) ?? (/[*?[\]]/.test(trimmed) ? 'the shippers would read *, ?, [ or ] as a wildcard in the tail path' : undefined);
    if (misread) this.fail('log-directory', 'logDirectory', `Invalid value ${JSON.stringify(dir)}: ${misread}`, 'use a plain directory such as "/var/log/app"; put wildcards in filePattern');
    return trimmed;
  }

  private resolveFilePattern(pattern: string): string {
    if (typeof pattern !== 'string' || pattern === '' || pattern.includes('/') || /\s/.test(pattern) || pattern === '.' || pattern === '..') {
      this.fail('log-file-pattern', 'filePattern', `Invalid value ${JSON.stringify(pattern)}: must be a file name pattern inside logDirectory, without "/" or spaces`,
        'use a pattern such as "*.log"; put the directory in logDirectory');
    }
    const misread = tailPathProblem(pattern);
    if (misread) this.fail('log-file-pattern', 'filePattern', `Invalid value ${JSON.stringify(pattern)}: ${misread}`, 'use a pattern such as "*.log" (only * and ? as wildcards)');
    return pattern;
  }

  private fail(rule: string, field: string, problem: string, fix: string): never {
    throw new PodPatternError(this.workload, {
      rule: rule,
      field: field,
      problem: problem,
      fix: fix,
    });
  }
}

/**
 * What the shippers would misread in `<logDirectory>/<filePattern>`, which both write as the tail path:
 * Fluent Bit and Fluentd split it at commas, Fluent Bit expands `${NAME}`, Fluentd runs `#{...}` and
 * reads `%` as a strftime placeholder.
 */
function tailPathProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'must be one line without control characters';
  if (value.includes(',')) return 'the shippers would split the tail path at the comma and follow two paths';
  if (value.includes('${')) return 'Fluent Bit would replace ${...} with an environment variable';
  if (value.includes('#{')) return 'Fluentd would run #{...} as Ruby code';
  if (value.includes('%')) return "Fluentd's tail source would read % as a date placeholder (%Y, %m, ...)";
  return undefined;
}

/** Whether a shell glob with `*` and `?` (as in filePattern) matches a file name. */
function globMatches(pattern: string, name: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(name);
}
