import { posix } from 'path';
import { trimTrailing } from '../../checks/_trim';
import { Finding } from '../../checks/finding';
import { CONTROL, DNS1123_LABEL_MAX_LENGTH, dnsLabelProblem, dnsSubdomainProblem, mountPathProblem } from '../../checks/formats';
import { runsToCompletion } from '../../checks/rules/run-to-completion';
import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import { podSpecFieldPath, podSpecSegments } from '../../core/pod-spec';
import { assertOwnCdk8sPlus } from '../../core/untyped-input';
import { PodChecks } from '../../validation/pod-checks';
import { mountedVolumes } from '../_container-rules';
import { SidecarMode } from '../sidecar-mode';
import { configKeyProblem } from './_destination-rules';
import { ILogDestination, LogShipper, ShipperKeyFile } from './log-shipper';

/**
 * The log sidecar's checks of its input, apart from the construction so that `LogSidecar` reads as
 * "check, then build". Each runs before the part it guards is built, so a bad input stops the pattern
 * with an error that names the workload's construct, the field and a fix, instead of a manifest that the
 * API server refuses or a pod that misbehaves. The destinations check their own props.
 */

function fail(workload: kplus.AbstractPod, rule: string, field: string, problem: string, fix: string): never {
  throw new PodPatternError(workload, {
    rule,
    field,
    problem,
    fix,
  });
}

/** From JavaScript the destination can be missing, or be something else. */
export function checkDestination(workload: kplus.AbstractPod, destination: ILogDestination | undefined): ILogDestination {
  if (!destination || typeof destination.shipper !== 'function') {
    fail(workload, 'log-destination', 'destination', 'is missing',
      'pass one of LogDestination.elasticsearch(...), .mongodb(...), .stdout() or .custom(...)');
  }
  return destination;
}

/** Returns the directory without trailing slashes. */
export function checkLogDirectory(workload: kplus.AbstractPod, dir: string): string {
  const problem = mountPathProblem(dir);
  if (problem) fail(workload, 'log-directory', 'logDirectory', `Invalid value "${dir}": ${problem}`, 'use an absolute directory such as "/var/log"');
  const trimmed = trimTrailing(dir, '/');
  if (trimmed === '') {
    fail(workload, 'log-directory', 'logDirectory', 'Invalid value "/": the log volume cannot be mounted over the root directory',
      'use a directory such as "/var/log"');
  }
  // The app and the shipper would resolve ".." differently from the mount (and from each other's views).
  if (trimmed.split('/').some((segment) => segment === '..' || segment === '.')) {
    fail(workload, 'log-directory', 'logDirectory', `Invalid value "${dir}": must not contain "." or ".." segments`,
      'write the directory without them, e.g. "/var/log/app"');
  }
  const misread = tailPathProblem(trimmed) ?? (/[*?[\]]/.test(trimmed) ? 'the shippers would read *, ?, [ or ] as a wildcard in the tail path' : undefined);
  if (misread) {
    fail(workload, 'log-directory', 'logDirectory', `Invalid value ${JSON.stringify(dir)}: ${misread}`,
      'use a plain directory such as "/var/log/app"; put wildcards in filePattern');
  }
  return trimmed;
}

export function checkFilePattern(workload: kplus.AbstractPod, pattern: string): string {
  if (typeof pattern !== 'string' || pattern === '' || pattern.includes('/') || /\s/.test(pattern) || pattern === '.' || pattern === '..') {
    fail(workload, 'log-file-pattern', 'filePattern',
      `Invalid value ${JSON.stringify(pattern)}: must be a file name pattern inside logDirectory, without "/" or spaces`,
      'use a pattern such as "*.log"; put the directory in logDirectory');
  }
  const misread = tailPathProblem(pattern);
  if (misread) {
    fail(workload, 'log-file-pattern', 'filePattern', `Invalid value ${JSON.stringify(pattern)}: ${misread}`,
      'use a pattern such as "*.log" (only * and ? as wildcards)');
  }
  return pattern;
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

/**
 * Only modes made by SidecarMode are accepted. The pattern dispatches on `kind`, but a look-alike such as
 * `{ kind: 'native' }` or the string 'native' (possible from JavaScript) skips the factories' defaults
 * and would once have fallen through to a classic sidecar, which keeps a Job from ever completing.
 */
export function checkMode(workload: kplus.AbstractPod, mode: unknown): SidecarMode {
  if (mode === undefined) return SidecarMode.CLASSIC;
  if (!SidecarMode.isSidecarMode(mode)) {
    const got = typeof mode === 'object' && mode !== null ? `a plain object ${JSON.stringify(mode)}` : JSON.stringify(mode);
    fail(workload, 'sidecar-mode', 'mode',
      `Unsupported value ${got}: not a SidecarMode; supported values: `
        + 'SidecarMode.CLASSIC, SidecarMode.NATIVE, SidecarMode.shutdownMarker({ markerFile?, graceSeconds? })',
      'pass one of them (e.g. mode: SidecarMode.NATIVE), not a string or an object literal');
  }
  return mode;
}

/**
 * A classic sidecar never exits, so a pod meant to finish (a Job's, a CronJob's, a bare Pod with
 * restartPolicy Never or OnFailure) that carries one would never complete.
 */
export function checkModeFitsWorkload(workload: kplus.AbstractPod, mode: SidecarMode, filePattern: string): void {
  const finishing = runToCompletionName(workload);
  if (finishing && mode.kind === 'classic') {
    fail(workload, 'sidecar-on-job', `${podSpecFieldPath(workload)}.containers`,
      `a classic log sidecar never exits, so ${finishing} would never complete`,
      'choose mode: SidecarMode.NATIVE (a native sidecar, Kubernetes 1.29+), or mode: SidecarMode.shutdownMarker() '
      + '(the app creates a marker file in the log directory when it is done, and the sidecar then exits; it also needs an active deadline)');
  }
  if (!finishing && mode.kind === 'shutdown-marker') {
    // The marker outlives the sidecar in the log volume: restarted, the sidecar would see it and exit
    // at once, again and again (CrashLoopBackOff), and the app's logs would no longer be shipped.
    fail(workload, 'shutdown-marker-restart-policy', 'mode',
      'the shutdown marker is for pods that run to completion, but this workload restarts its containers '
        + `(restartPolicy: ${workload instanceof kplus.Pod ? String(workload.restartPolicy ?? 'Always') : 'Always'})`,
      'use the default SidecarMode.CLASSIC here; keep shutdownMarker() for Jobs, CronJobs and Pods with restartPolicy Never or OnFailure');
  }
  if (finishing && mode.kind === 'shutdown-marker') {
    // The deadline may come from a JSON patch added after the sidecar (on a bare Pod that is the only
    // way: no cdk8s-plus major has a prop for it), so this rule needs the finished manifest.
    PodChecks.of(workload)._addManifestRule((manifest) => deadlineFindings(workload, manifest, finishing));
  }
  if (mode.kind === 'shutdown-marker') {
    const marker = mode.markerFile!;
    if (!/^[A-Za-z0-9._-]+$/.test(marker) || marker === '.' || marker === '..') {
      fail(workload, 'sidecar-mode', 'mode.markerFile', `Invalid value "${marker}": must be a file name (letters, digits, ".", "_", "-")`,
        'use a name such as ".app-done"');
    }
    if (globMatches(filePattern, marker)) {
      fail(workload, 'sidecar-mode', 'mode.markerFile',
        `"${marker}" matches the log file pattern "${filePattern}", so it would be shipped as a log`,
        'use a marker name outside the pattern, such as ".app-done"');
    }
    if (!Number.isInteger(mode.graceSeconds) || mode.graceSeconds! < 0) {
      fail(workload, 'sidecar-mode', 'mode.graceSeconds', `Invalid value ${mode.graceSeconds}: must be a whole number of seconds, 0 or more`,
        'use e.g. 5');
    }
  }
}

/**
 * How messages name a workload whose pods are meant to finish, as the check engine decides it (from the
 * manifest's kind and restartPolicy), or `undefined` for one whose pods run until deleted.
 */
function runToCompletionName(workload: kplus.AbstractPod): string | undefined {
  if (!runsToCompletion(workload.kind, workload.restartPolicy)) return undefined;
  if (workload instanceof kplus.CronJob) return 'the Jobs of this CronJob';
  if (workload instanceof kplus.Pod) return `this Pod (restartPolicy: ${workload.restartPolicy})`;
  return 'this Job';
}

/**
 * The shutdown-marker sidecar exits only when the marker appears. If the app is OOM-killed, fails, or
 * exits without creating the marker, the shipper keeps the pod Running: with restartPolicy Never the
 * failed app is never retried and backoffLimit never counts anything, so the Job would hang for ever.
 * An active deadline bounds that: Kubernetes ends the Job (or the pod) when it passes.
 */
function deadlineFindings(workload: kplus.AbstractPod, manifest: unknown, finishing: string): Finding[] {
  const locations = deadlineLocations(workload);
  if (hasDeadline(manifest, locations)) return [];
  const howTo = workload instanceof kplus.Pod
    ? `set ${locations[0].join('.')} `
      + "(no cdk8s-plus major has a prop for it: ApiObject.of(pod).addJsonPatch(JsonPatch.add('/spec/activeDeadlineSeconds', 3600)))"
    : `set activeDeadline on the ${workload instanceof kplus.CronJob ? 'CronJob' : 'Job'} `
      + '(e.g. activeDeadline: Duration.hours(1)), longer than the app ever needs';
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
 * Where an `activeDeadlineSeconds` bounds the run, as manifest segments, the preferred place first: the
 * Job spec (the Job fails when it passes), then the pod spec (the pod fails, and the Job may retry it).
 */
function deadlineLocations(workload: kplus.AbstractPod): string[][] {
  const pod = [...podSpecSegments(workload), 'activeDeadlineSeconds'];
  if (workload instanceof kplus.Job || workload instanceof kplus.CronJob) {
    // The pod spec sits at <job spec>.template.spec.
    const job = [...podSpecSegments(workload).slice(0, -2), 'activeDeadlineSeconds'];
    return [job, pod];
  }
  return [pod];
}

/** Whether the manifest has a positive `activeDeadlineSeconds` at one of the locations. */
function hasDeadline(manifest: unknown, locations: string[][]): boolean {
  return locations.some((segments) => {
    const value = segments.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), manifest);
    return typeof value === 'number' && Number.isInteger(value) && value > 0;
  });
}

/**
 * Whether a shell glob with `*` and `?` (as in filePattern) matches a file name. The classic two-pointer
 * matcher: it backs up only to the last `*`, so it takes at most pattern × name steps, never the
 * exponential time a regular expression built from the pattern can take.
 */
function globMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export function checkAppContainers(workload: kplus.AbstractPod, appContainers: kplus.Container[]): void {
  if (appContainers.length === 0) {
    fail(workload, 'containers-required', `${podSpecFieldPath(workload)}.containers`,
      'Required value: the log sidecar needs an app container that writes the logs',
      'add the app container before the log sidecar (containers prop or addContainer)');
  }
  for (const app of appContainers) {
    assertOwnCdk8sPlus(workload, 'appContainers', app);
    if (!workload.containers.includes(app)) {
      fail(workload, 'log-app-containers', 'appContainers', `container "${app.name}" is not an app container of this workload`,
        'pass containers returned by addContainer');
    }
  }
}

/** A log volume the user gives must already be where the app writes its logs. */
export function checkAppLogVolume(workload: kplus.AbstractPod, appContainers: kplus.Container[], volume: kplus.Volume, logDirectory: string): void {
  assertOwnCdk8sPlus(workload, 'logVolume', volume);
  const writers = appContainers.filter((app) => app.mounts.some((m) => m.volume === volume && m.path === logDirectory));
  if (writers.length === 0) {
    const elsewhere = appContainers.flatMap((app) => app.mounts.filter((m) => m.volume === volume).map((m) => `"${app.name}" at ${m.path}`));
    fail(workload, 'log-directory', 'logDirectory',
      `no app container mounts the log volume "${volume.name}" at ${logDirectory}`
        + (elsewhere.length ? ` (it is mounted by ${elsewhere.join(', ')})` : ' (no app container mounts it at all)'),
      'set logDirectory to the path where the app mounts the volume, or omit logVolume to let the pattern mount one');
  }
}

/** A new log volume must not take the name of a volume the workload has or its containers mount. */
export function checkLogVolumeName(workload: kplus.AbstractPod, name: string): void {
  if (volumeNamesOf(workload).has(name)) {
    fail(workload, 'volume-name-unique', `${podSpecFieldPath(workload)}.volumes.name`,
      `Duplicate value "${name}": this workload already has a volume with that name`,
      'give this log sidecar its own logVolumeName (and sidecarName)');
  }
}

/** The volumes of a workload, with those its containers mount but that it does not list (yet). */
function volumeNamesOf(workload: kplus.AbstractPod): Set<string> {
  return new Set([...workload.volumes, ...mountedVolumes(workload)].map((v) => v.name));
}

/**
 * Directories every image needs (binaries, libraries, CA certificates, kernel file systems). The log
 * directory may lie inside them (Tomcat logs to /usr/local/tomcat/logs) but must not be one of them or
 * above one.
 */
const SYSTEM_DIRECTORIES = ['/bin', '/sbin', '/lib', '/lib64', '/usr/bin', '/usr/sbin', '/usr/lib', '/etc/ssl', '/dev', '/proc', '/sys'];

/**
 * The log volume is mounted at logDirectory in the app and in the shipper. Over a system directory it
 * would hide that directory in both containers; over, inside or around one of the shipper's own
 * directories it would hide the shipper's files or collide with its other mounts.
 */
export function checkLogDirectoryClear(workload: kplus.AbstractPod, logDirectory: string, destination: ILogDestination, shipper: LogShipper): void {
  // Compared in normal form: "//usr/bin" and "/usr//lib/" name the same directories as "/usr/bin" and "/usr/lib".
  const dir = trimTrailing(posix.normalize(logDirectory), '/', 1);
  const hidden = SYSTEM_DIRECTORIES.find((path) => path === dir || path.startsWith(`${dir}/`));
  if (hidden) {
    fail(workload, 'log-directory', 'logDirectory',
      `Invalid value "${logDirectory}": the log volume would hide ${hidden} in the app and in the shipper`,
      'use a directory of the app\'s own, such as "/var/log/app"');
  }
  const absolute = (paths: Array<string | undefined>) => paths
    .filter((path): path is string => typeof path === 'string' && path.startsWith('/'))
    .map((path) => trimTrailing(posix.normalize(path), '/', 1));
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
      fail(workload, 'log-directory', 'logDirectory',
        `Invalid value "${logDirectory}": ${relation} ${path}, a directory the ${destination.kind} shipper uses itself`,
        'use a directory of the app\'s own, such as "/var/log/app"');
    }
  }
}

/**
 * The shipper's own directories: the configuration directory (when there is a configuration) and the
 * state directories are mount paths, and each key file needs its own directory.
 */
export function checkShipperDirectories(
  workload: kplus.AbstractPod, configDirectory: string | undefined, stateDirectories: string[], keyFiles: readonly ShipperKeyFile[],
): void {
  if (configDirectory !== undefined) {
    const problem = mountPathProblem(configDirectory);
    if (problem) {
      fail(workload, 'destination-config-directory', 'destination.configDirectory', `Invalid value ${JSON.stringify(configDirectory)}: ${problem}`,
        'use an absolute directory such as "/etc/log-shipper"');
    }
  }
  for (const path of stateDirectories) {
    const problem = mountPathProblem(path) ?? (trimSlashes(path) === '' ? 'must not be the root directory' : undefined);
    if (problem) {
      fail(workload, 'destination-state-directories', 'destination.stateDirectories', `Invalid value ${JSON.stringify(path)}: ${problem}`,
        'use an absolute directory such as "/var/lib/shipper"');
    }
  }
  // The log directory was checked against the key files' directories with the shipper's other directories.
  checkKeyFiles(workload, keyFiles, [
    ...(configDirectory !== undefined ? [['configuration directory', configDirectory] as const] : []),
    ...stateDirectories.map((path) => ['state directory', path] as const),
  ]);
}

/**
 * The key files a destination asks for: one Secret or ConfigMap each, a file name the volume item can take,
 * and a directory of its own. A directory equal to, inside or around another of the shipper's mounts would
 * hide that mount or be hidden by it (inside a read-only configMap volume it cannot even be created).
 */
function checkKeyFiles(
  workload: kplus.AbstractPod, files: readonly ShipperKeyFile[], otherMounts: ReadonlyArray<readonly [what: string, path: string]>,
): void {
  const taken = otherMounts.map(([what, path]) => [what, trimSlashes(path)] as const);
  files.forEach((file, i) => {
    const field = `destination.keyFiles[${i}]`;
    if (!file.secret === !file.configMap) {
      fail(workload, 'destination-key-files', field, 'must name exactly one of secret and configMap',
        'give the Secret or the ConfigMap that holds the file');
    }
    for (const [prop, value] of [['fileName', file.fileName], ['key', file.key]] as const) {
      const problem = configKeyProblem(value);
      if (problem) fail(workload, 'destination-key-files', `${field}.${prop}`, problem, 'use a plain file name and key, e.g. "ca.crt"');
    }
    const pathProblem = mountPathProblem(file.directory) ?? (trimSlashes(file.directory) === '' ? 'must not be the root directory' : undefined);
    if (pathProblem) {
      fail(workload, 'destination-key-files', `${field}.directory`, `Invalid value ${JSON.stringify(file.directory)}: ${pathProblem}`,
        'use an absolute directory of its own, e.g. "/etc/shipper-ca"');
    }
    const dir = trimSlashes(file.directory);
    const clash = taken.find(([, path]) => path === dir || path.startsWith(`${dir}/`) || dir.startsWith(`${path}/`));
    if (clash) {
      const relation = clash[1] === dir ? 'is' : dir.startsWith(`${clash[1]}/`) ? 'is inside' : 'contains';
      fail(workload, 'destination-key-files', `${field}.directory`,
        `Invalid value "${file.directory}": ${relation} ${clash[1]}, the shipper's ${clash[0]}`,
        'mount the file in a directory of its own, beside the shipper\'s other directories');
    }
    taken.push([`${file.volumeSuffix} directory`, dir]);
  });
}

function trimSlashes(path: string): string {
  return trimTrailing(path, '/');
}

/**
 * The sidecar's volumes are named `<sidecarName>-<what>`. cdk8s-plus cuts a volume name to 63 characters
 * without a word, which can end it in "-" or make two names equal; the name is refused instead. Nor may
 * they share a name with each other, the log volume or another volume of the workload: cdk8s-plus would
 * fail at synth with a plain Error, naming neither construct nor fix.
 */
export function checkSidecarVolumeNames(workload: kplus.AbstractPod, sidecarName: string, volumeNames: string[], logVolume: kplus.Volume): void {
  const longest = Math.max(0, ...volumeNames.map((v) => v.length - sidecarName.length));
  for (const volumeName of volumeNames) {
    const problem = dnsLabelProblem(volumeName);
    if (!problem) continue;
    if (volumeName.length > DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL_MAX_LENGTH - longest > 0) {
      fail(workload, 'volume-name', 'sidecarName',
        `Invalid value "${sidecarName}" (${sidecarName.length} characters): the sidecar's volume "${volumeName}" would be `
          + `${volumeName.length} characters, more than ${DNS1123_LABEL_MAX_LENGTH}`,
        `use a sidecarName of at most ${DNS1123_LABEL_MAX_LENGTH - longest} characters for this destination`);
    }
    fail(workload, 'volume-name', `${podSpecFieldPath(workload)}.volumes.name`,
      `Invalid value "${volumeName}" (the volume of a shipper directory): ${problem}`,
      'name the shipper\'s state directories with letters and digits (e.g. "/var/lib/shipper/state") and keep sidecarName short');
  }
  const existing = volumeNamesOf(workload);
  const seen = new Set<string>();
  for (const volumeName of volumeNames) {
    const holder = volumeName === logVolume.name ? 'the log volume'
      : seen.has(volumeName) ? 'another volume of the sidecar'
        : existing.has(volumeName) ? 'another volume of this workload' : undefined;
    if (holder) {
      fail(workload, 'volume-name-unique', `${podSpecFieldPath(workload)}.volumes.name`, `Duplicate value "${volumeName}": ${holder} has that name`,
        'give the log volume (logVolumeName) or the sidecar (sidecarName) another name');
    }
    seen.add(volumeName);
  }
}

/** The shutdown-marker handshake wraps the shipper's command line, so the shipper must give one. */
export function checkHandshake(workload: kplus.AbstractPod, mode: SidecarMode, destination: ILogDestination, shipper: LogShipper): void {
  if (mode.kind === 'shutdown-marker' && [...(shipper.command ?? []), ...(shipper.args ?? [])].length === 0) {
    fail(workload, 'sidecar-mode', 'mode',
      `the shutdown-marker handshake needs the shipper's command line, and the ${destination.kind} destination gives none`,
      'give the custom shipper a command (and args), or use SidecarMode.NATIVE');
  }
}

/** A ConfigMap name the user chose must be one the API server takes (a DNS-1123 subdomain). */
export function checkConfigMapName(workload: kplus.AbstractPod, name: unknown): string | undefined {
  if (name === undefined) return undefined;
  const problem = dnsSubdomainProblem(name);
  if (problem) {
    fail(workload, 'config-map-name', 'configMapName', `Invalid value ${JSON.stringify(name)}: ${problem}`,
      'use lower-case letters, digits, "-" and ".", e.g. "fluentd-config"');
  }
  return name as string;
}

/** A config volume name the user chose must be a DNS-1123 label; its uniqueness is checked with the sidecar's other volumes. */
export function checkConfigVolumeName(workload: kplus.AbstractPod, name: unknown): string | undefined {
  if (name === undefined) return undefined;
  const problem = dnsLabelProblem(name);
  if (problem) {
    fail(workload, 'volume-name', 'configVolumeName', `Invalid value ${JSON.stringify(name)}: ${problem}`,
      'use lower-case letters, digits and "-", e.g. "config-volume"');
  }
  return name as string;
}

/** Names for a configuration the destination does not have would be silently unused. */
export function checkNoConfigNames(
  workload: kplus.AbstractPod, destination: ILogDestination, props: { configMapName?: string; configVolumeName?: string },
): void {
  for (const field of ['configMapName', 'configVolumeName'] as const) {
    if (props[field] !== undefined) {
      fail(workload, 'config-map-name', field, `the ${destination.kind} destination has no configuration, so there is nothing to name`,
        `remove ${field}`);
    }
  }
}

/** The files of `LogSidecar.streamEach`: at least one, each a sidecar name and a file name. */
export function checkStreamFiles(workload: kplus.AbstractPod, files: unknown): Array<[string, string]> {
  if (typeof files !== 'object' || files === null || Array.isArray(files) || Object.keys(files).length === 0) {
    fail(workload, 'log-file-pattern', 'files', `Required value: got ${Array.isArray(files) ? 'an array' : JSON.stringify(files) ?? 'undefined'}`,
      "map each sidecar's name to the file it streams, e.g. { 'count-log-1': '1.log', 'count-log-2': '2.log' }");
  }
  return Object.entries(files as Record<string, unknown>).map(([sidecarName, file]) => {
    if (typeof file !== 'string') {
      fail(workload, 'log-file-pattern', `files[${JSON.stringify(sidecarName)}]`,
        `Invalid value ${JSON.stringify(file) ?? 'undefined'}: must be a file name`, 'give the name of a file in logDirectory, e.g. "1.log"');
    }
    return [sidecarName, file];
  });
}
