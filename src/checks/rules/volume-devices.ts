import { list, obj, Plain, str } from '../_plain';
import { PodContext } from '../pod-context';

/**
 * Raw block devices (API server `ValidateVolumeDevices`, and the device side of `ValidateVolumeMounts`):
 * each device names a PersistentVolumeClaim or ephemeral volume, once per container, at its own path, and a
 * container does not also mount that volume or path. A relative device path passes the API server but not
 * the runtime: a warning.
 */
export function checkVolumeDevices(ctx: PodContext): void {
  const volumes = new Map<string, Plain>();
  for (const value of list(ctx.spec.volumes)) {
    const volume = obj(value);
    if (volume && typeof volume.name === 'string') volumes.set(volume.name, volume);
  }
  for (const c of ctx.containers) {
    const devices = list(c.container.volumeDevices).map(obj);
    if (devices.every((d) => !d)) continue;
    const mounts = list(c.container.volumeMounts).map(obj);
    const mountNames = new Set(mounts.map((m) => str(m?.name)).filter((n) => n));
    const mountPaths = new Set(mounts.map((m) => str(m?.mountPath)).filter((p) => p));
    const names = new Set<string>();
    const paths = new Set<string>();
    const allPaths = new Set(devices.map((d) => str(d?.devicePath)).filter((p) => p));
    devices.forEach((device, k) => {
      if (!device) return;
      const at = `${c.path}.volumeDevices[${k}]`;
      const name = str(device.name) ?? '';
      const devicePath = str(device.devicePath) ?? '';
      if (name === '') {
        ctx.error('volume-device', `${at}.name`, 'Required value', 'name the PersistentVolumeClaim volume to attach');
      } else {
        if (names.has(name)) ctx.error('volume-device', `${at}.name`, `Invalid value: "${name}": must be unique`, 'attach each volume once');
        const volume = volumes.get(name);
        const claimVolume = volume !== undefined && (obj(volume.persistentVolumeClaim) !== undefined || obj(volume.ephemeral) !== undefined);
        const isClaim = ctx.claimTemplates.has(name) || claimVolume;
        if (volume === undefined && !ctx.claimTemplates.has(name)) {
          ctx.error('volume-device', `${at}.name`, `Not found: "${name}"`,
            `declare a persistentVolumeClaim (or ephemeral) volume named "${name}" in ${ctx.at('volumes')}`);
        } else if (!isClaim) {
          ctx.error('volume-device', `${at}.name`,
            `Invalid value: "${name}": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode`,
            'attach a persistentVolumeClaim or ephemeral volume (with volumeMode: Block), or mount this volume with volumeMounts');
        }
        if (mountNames.has(name)) {
          ctx.error('volume-device', `${at}.name`, `Invalid value: "${name}": must not already exist in volumeMounts`,
            'use the volume as a block device or mount it, not both');
        }
        names.add(name);
      }
      if (devicePath === '') {
        ctx.error('volume-device', `${at}.devicePath`, 'Required value', 'give the path of the device in the container, e.g. /dev/xvda');
        return;
      }
      if (paths.has(devicePath)) {
        ctx.error('volume-device', `${at}.devicePath`, `Invalid value: "${devicePath}": must be unique`, 'give each device its own path');
      }
      if (devicePath.split('/').includes('..')) {
        ctx.error('volume-device', `${at}.devicePath`, `Invalid value: "${devicePath}": can not contain backsteps ('..')`, 'use a path without ".."');
      } else {
        paths.add(devicePath);
      }
      if (mountPaths.has(devicePath)) {
        ctx.error('volume-device', `${at}.devicePath`, `Invalid value: "${devicePath}": must not already exist as a path in volumeMounts`,
          'put the device and the mount at different paths');
      }
      if (!devicePath.startsWith('/')) {
        ctx.warn('volume-device-path', `${at}.devicePath`,
          `"${devicePath}" is not an absolute path: the API server accepts it, `
            + 'but the container runtime needs the full path of the device in the container',
          `use "/${devicePath}"`);
      }
    });
    mounts.forEach((mount, j) => {
      const at = `${c.path}.volumeMounts[${j}]`;
      const name = str(mount?.name);
      const mountPath = str(mount?.mountPath);
      if (name && names.has(name)) {
        ctx.error('volume-device', `${at}.name`, `Invalid value: "${name}": must not already exist in volumeDevices`,
          'use the volume as a block device or mount it, not both');
      }
      if (mountPath && allPaths.has(mountPath)) {
        ctx.error('volume-device', `${at}.mountPath`, `Invalid value: "${mountPath}": must not already exist as a path in volumeDevices`,
          'put the device and the mount at different paths');
      }
    });
  }
}
