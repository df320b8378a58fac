import { list, obj, Plain, str, text } from '../_plain';
import { quote } from '../_quote';
import { RuleProblem } from '../finding';
import { isLogShipperImage } from '../log-shippers';
import { PodContext } from '../pod-context';
import { parseQuantityNanos } from '../quantity';
import { checkInTreeVolume, IN_TREE_SOURCES } from './in-tree-volumes';
import { checkMoreVolumeSources, MORE_SOURCES } from './more-volume-sources';
import { checkVolumeDevices } from './volume-devices';
import { checkFileVolumeSource, FILE_SOURCES } from './volume-files';

const VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral',
  'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'iscsi', 'nfs', 'persistentVolumeClaim',
  'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO', 'secret', 'storageos', 'vsphereVolume', 'image',
];
const SOURCE_ORDER = new Map(VOLUME_SOURCES.map((source, i) => [source, i]));
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const PROPAGATION = ['None', 'HostToContainer', 'Bidirectional'];

/** Volumes and mounts: sources, host paths, mount names and paths, and what the API server lets through. */
export function checkVolumes(ctx: PodContext): void {
  const declared = new Map<string, Plain>();
  list(ctx.spec.volumes).forEach((value, i) => {
    const volume = obj(value);
    if (!volume) return;
    const path = ctx.at(`volumes[${i}]`);
    if (typeof volume.name === 'string') declared.set(volume.name, volume);
    checkVolumeSource(ctx, volume, path);
  });

  const mounted = new Set<string>();
  // The first two containers that mount each volume: enough to name one other than any given container,
  // and constant work per mount whatever the pod's size.
  const mountersOf = new Map<string, string[]>();
  for (const c of ctx.containers) {
    for (const m of list(c.container.volumeMounts)) {
      const name = str(obj(m)?.name);
      if (!name) continue;
      const mounters = mountersOf.get(name);
      if (!mounters) mountersOf.set(name, [c.name]);
      else if (mounters.length < 2 && mounters[0] !== c.name) mounters.push(c.name);
    }
  }
  for (const c of ctx.containers) {
    // A shipper only reads the files an app writes: it needs no write access to them.
    const isShipper = isLogShipperImage(c.container.image);
    const paths = new Set<string>();
    list(c.container.volumeMounts).forEach((value, j) => {
      const mount = obj(value);
      if (!mount) return;
      const at = `${c.path}.volumeMounts[${j}]`;
      const name = str(mount.name);
      if (!name) {
        ctx.error('volume-mount-name', `${at}.name`, 'Required value', 'name the volume to mount');
      } else if (!declared.has(name) && !ctx.claimTemplates.has(name)) {
        ctx.error('volume-mount-name', `${at}.name`, `Not found: "${name}"`,
          `declare a volume named "${name}" in ${ctx.at('volumes')}, or mount one that exists`);
      } else {
        mounted.add(name);
      }
      checkMountPath(ctx, mount, at, paths);
      checkSubPath(ctx, mount, at);
      checkRecursiveReadOnly(ctx, mount, at);
      const propagation = mount.mountPropagation;
      if (propagation !== undefined && !PROPAGATION.includes(propagation as string)) {
        ctx.error('mount-propagation', `${at}.mountPropagation`,
          `Unsupported value: ${quote(propagation)}: supported values: "None", "HostToContainer", "Bidirectional"`,
          'use one of the supported values');
      } else if (propagation === 'Bidirectional' && obj(c.container.securityContext)?.privileged !== true) {
        ctx.error('mount-propagation', `${at}.mountPropagation`,
          'Forbidden: Bidirectional mount propagation is available only to privileged containers',
          'use HostToContainer, or make the container privileged');
      }
      if (isShipper && name && mount.readOnly !== true) {
        const writers = (mountersOf.get(name) ?? []).filter((other) => other !== c.name); // at most two
        if (writers.length > 0) {
          ctx.warn('log-volume-writable-by-shipper', `${at}.readOnly`,
            `log shipper "${c.name}" mounts volume "${name}", which "${writers[0]}" writes, read-write`,
            'mount it with readOnly: true in the shipper: it only reads the files');
        }
      }
    });
  }

  checkVolumeDevices(ctx);
  // A raw block device uses its volume as much as a mount does.
  for (const c of ctx.containers) {
    for (const d of list(c.container.volumeDevices)) {
      const name = str(obj(d)?.name);
      if (name) mounted.add(name);
    }
  }
  const indexOf = new Map<string, number>();
  list(ctx.spec.volumes).forEach((v, i) => {
    const name = str(obj(v)?.name);
    if (name !== undefined && !indexOf.has(name)) indexOf.set(name, i);
  });
  declared.forEach((volume, name) => {
    checkEmptyDirMedium(ctx, volume, ctx.at(`volumes[${indexOf.get(name)}]`), mounted.has(name));
    if (!mounted.has(name)) {
      const index = indexOf.get(name);
      ctx.warn('volume-unused', ctx.at(`volumes[${index}]`), `volume "${name}" is declared but no container mounts it`,
        'mount it in the container that needs it, or remove it');
    }
  });
}

/**
 * The API server accepts any emptyDir medium; the kubelet fails to set up a volume of another (empty_dir.go
 * SetUpAt: "unknown storage medium"), and the pod stays in ContainerCreating. It sets up only the volumes a
 * container uses (desired_state_of_world_populator "Skipping unused volume"): an unmounted one is only unused.
 */
function checkEmptyDirMedium(ctx: PodContext, volume: Plain, path: string, mounted: boolean): void {
  const medium = obj(volume.emptyDir)?.medium;
  if (!mounted || medium === undefined || medium === null || medium === '' || medium === 'Memory'
    || /^HugePages(-[0-9]+[KMGT]i)?$/.test(text(medium))) return;
  ctx.error('empty-dir-medium', `${path}.emptyDir.medium`,
    `Unsupported value: ${quote(medium)}: supported values: "", "Memory", "HugePages", "HugePages-<size>"`,
    'leave medium empty (node disk) or use "Memory"');
}

function checkVolumeSource(ctx: PodContext, volume: Plain, path: string): void {
  // A volume has a handful of keys and the source list is long: walk the keys (lookups of absent keys
  // are what made this rule the engine's hottest line), then report in the list's order.
  const sources = Object.keys(volume).filter((key) => SOURCE_ORDER.has(key) && volume[key] !== undefined && volume[key] !== null)
    .sort((x, y) => SOURCE_ORDER.get(x)! - SOURCE_ORDER.get(y)!);
  if (sources.length > 1) {
    ctx.error('volume-source', `${path}.${sources[1]}`, 'Forbidden: may not specify more than 1 volume type', `keep one of ${sources.join(', ')}`);
  }
  // The source-specific rules run only for the sources present (found above, so no lookups of absent keys).
  if (sources.some((source) => IN_TREE_SOURCES.has(source))) checkInTreeVolume(ctx, volume, path);
  if (sources.some((source) => MORE_SOURCES.has(source))) checkMoreVolumeSources(ctx, volume, path);
  const hostPath = obj(volume.hostPath);
  if (hostPath) {
    const p = str(hostPath.path);
    if (!p) {
      ctx.error('host-path', `${path}.hostPath.path`, 'Required value', 'give the node directory to mount');
    } else if (p.split('/').includes('..')) {
      ctx.error('host-path', `${path}.hostPath.path`, `Invalid value: "${p}": must not contain '..'`, 'use a path without ".."');
    }
    if (hostPath.type !== undefined && !HOST_PATH_TYPES.includes(hostPath.type as string)) {
      ctx.error('host-path', `${path}.hostPath.type`,
        `Unsupported value: ${quote(hostPath.type)}: supported values: ${HOST_PATH_TYPES.map((t) => `"${t}"`).join(', ')}`,
        'use one of the supported types');
    }
  }
  const emptyDir = obj(volume.emptyDir);
  if (emptyDir) {
    const sizeLimit = emptyDir.sizeLimit;
    if (sizeLimit !== undefined && sizeLimit !== null) {
      const nanos = parseQuantityNanos(sizeLimit);
      if (nanos === undefined) {
        // Not a quantity: the API server cannot even decode the manifest.
        ctx.error('empty-dir-size-limit', `${path}.emptyDir.sizeLimit`,
          `Invalid value: ${quote(sizeLimit)}: must be a quantity (e.g. "500Mi", "1Gi")`,
          'write the size as a Kubernetes quantity, e.g. "500Mi"');
      } else if (nanos < 0n) {
        ctx.error('empty-dir-size-limit', `${path}.emptyDir.sizeLimit`,
          'Forbidden: SizeLimit field must be a valid resource quantity', 'use a positive quantity such as "500Mi"');
      }
    }
  }
  if (sources.some((source) => FILE_SOURCES.has(source))) checkFileVolumeSource(ctx, volume, path);
}

/**
 * What `mount-path` and `mount-path-unique` say of one mount path, given the paths the container already
 * mounts at. The API server only requires a non-empty path; a relative one or one with ':' fails when the
 * kubelet starts the container. The engine and the constructs' early checks both judge mount paths with it.
 */
export function mountPathProblems(mountPath: unknown, taken: ReadonlySet<string>): RuleProblem[] {
  if (mountPath === undefined || mountPath === null || mountPath === '') {
    return [{ rule: 'mount-path', message: 'Required value', fix: 'mount the volume at an absolute path' }];
  }
  if (typeof mountPath !== 'string') {
    return [{ rule: 'mount-path', message: `Invalid value: ${text(mountPath)}: must be a string`, fix: 'mount the volume at an absolute path' }];
  }
  if (taken.has(mountPath)) {
    return [{ rule: 'mount-path-unique', message: `Invalid value: ${quote(mountPath)}: must be unique`,
      fix: 'mount each volume of a container at its own path' }];
  }
  return [];
}

/**
 * A relative mountPath passes the API server (its validation tests list "d:", "F:" and "G:\\mount" as valid
 * paths), and the kubelet makes it absolute on Linux ("/" + path, in makeMounts): it works, but says less
 * than it seems, so it is a warning that says so.
 */
function checkRelativeMountPath(ctx: PodContext, mountPath: unknown, at: string): void {
  if (typeof mountPath !== 'string' || mountPath === '' || obj(ctx.spec.os)?.name === 'windows') return;
  if (mountPath.includes(':')) {
    // Docker's "-v /data:ro" habit: here the colon is part of the path, and the options are not applied.
    ctx.warn('mount-path-colon', at, `mountPath ${quote(mountPath)} has a ":": the API server accepts it and the path is created as written; `
      + 'mount options such as ":ro" do not apply here', 'remove the ":" suffix and use readOnly: true for a read-only mount');
  }
  if (mountPath.startsWith('/')) return;
  ctx.warn('mount-path-relative', at, `mountPath ${quote(mountPath)} is relative: the API server accepts it and the kubelet mounts it at `
    + `${quote(`/${mountPath}`)}`, `write it as ${quote(`/${mountPath}`)}`);
}

function checkMountPath(ctx: PodContext, mount: Plain, at: string, seen: Set<string>): void {
  ctx.errors(mountPathProblems(mount.mountPath, seen), `${at}.mountPath`);
  checkRelativeMountPath(ctx, mount.mountPath, `${at}.mountPath`);
  if (typeof mount.mountPath === 'string' && mount.mountPath !== '') seen.add(mount.mountPath);
}

/**
 * recursiveReadOnly (validation.go validateVolumeMounts; validation_test.go TestValidateVolumeMounts "rro but
 * not ro", "rro with incompatible propagation"): Disabled, IfPossible or Enabled; the two last need readOnly,
 * and Enabled needs no propagation other than None.
 */
function checkRecursiveReadOnly(ctx: PodContext, mount: Plain, at: string): void {
  const rro = mount.recursiveReadOnly;
  if (rro === undefined || rro === null) return;
  if (!['Disabled', 'IfPossible', 'Enabled'].includes(rro as string)) {
    return void ctx.error('recursive-read-only', `${at}.recursiveReadOnly`,
      `Unsupported value: ${quote(rro)}: supported values: "Disabled", "IfPossible", "Enabled"`, 'use Disabled, IfPossible or Enabled');
  }
  if (rro !== 'Disabled' && mount.readOnly !== true) {
    ctx.error('recursive-read-only', `${at}.recursiveReadOnly`, 'Forbidden: may only be specified when readOnly is true', 'set readOnly: true');
  }
  if (rro === 'Enabled' && mount.mountPropagation !== undefined && mount.mountPropagation !== null && mount.mountPropagation !== 'None') {
    ctx.error('recursive-read-only', `${at}.recursiveReadOnly`, 'Forbidden: may only be specified when mountPropagation is None or not specified',
      'remove mountPropagation, or use IfPossible');
  }
}

function checkSubPath(ctx: PodContext, mount: Plain, at: string): void {
  for (const key of ['subPath', 'subPathExpr'] as const) {
    const value = str(mount[key]);
    if (!value) continue;
    if (value.startsWith('/')) {
      ctx.error('sub-path', `${at}.${key}`, `Invalid value: "${value}": must be a relative path`, 'remove the leading "/"');
    }
    if (value.split('/').includes('..')) {
      ctx.error('sub-path', `${at}.${key}`, `Invalid value: "${value}": must not contain '..'`, 'use a path inside the volume');
    }
  }
  if (str(mount.subPath) && str(mount.subPathExpr)) {
    ctx.error('sub-path', `${at}.subPathExpr`, 'Invalid value: subPathExpr and subPath are mutually exclusive', 'keep one of them');
  }
}
