import { list, obj, Plain, str } from '../_plain';
import { quote } from '../_quote';
import { PodContext } from '../pod-context';

/**
 * The in-tree volume sources (iSCSI, FC, RBD, CephFS, Glusterfs, Quobyte, ScaleIO, Flocker, Azure, gitRepo),
 * as the API server validates their fields on create (validation.go validateISCSIVolumeSource,
 * validateFCVolumeSource, validateRBDVolumeSource, ...). Most are deprecated and their drivers gone from the
 * kubelet, but the API server still refuses malformed ones. Cases after validation_test.go TestValidateVolumes.
 */
const ISCSI_IQN = /^iqn\.\d{4}-\d{2}\.([A-Za-z0-9.-]+)(:[^,;*&$|\s]+)$/;
const ISCSI_EUI = /^eui\.[0-9A-Fa-f]{16}$/;
const ISCSI_NAA = /^naa\.[0-9A-Fa-f]{32}$/;

function iqnProblem(value: string): string | undefined {
  if (value.startsWith('iqn.')) return ISCSI_IQN.test(value) ? undefined : 'must be valid format starting with iqn, eui, or naa';
  if (value.startsWith('eui.')) return ISCSI_EUI.test(value) ? undefined : 'must be valid format starting with iqn, eui, or naa';
  if (value.startsWith('naa.')) return ISCSI_NAA.test(value) ? undefined : 'must be valid format starting with iqn, eui, or naa';
  return 'must be valid format starting with iqn, eui, or naa';
}

/** The sources `checkInTreeVolume` judges: a volume without any of them has nothing for it to check. */
export const IN_TREE_SOURCES: ReadonlySet<string> = new Set([
  'iscsi', 'fc', 'rbd', 'cephfs', 'glusterfs', 'quobyte', 'scaleIO', 'flocker', 'azureDisk', 'azureFile', 'gitRepo',
]);

const notHostPort = (registry: string) => registry.split(':').length !== 2 || registry.split(':').some((part) => part === '');
const empty = (value: unknown) => value === undefined || value === null || value === '';

export function checkInTreeVolume(ctx: PodContext, volume: Plain, path: string): void {
  const required = (source: string, field: string, fix: string) => ctx.error('volume-source', `${path}.${source}.${field}`, 'Required value', fix);
  const iscsi = obj(volume.iscsi);
  if (iscsi) {
    if (empty(iscsi.targetPortal)) required('iscsi', 'targetPortal', 'give the target portal, e.g. "10.0.0.1:3260"');
    if (empty(iscsi.iqn)) required('iscsi', 'iqn', 'give the target IQN');
    else if (typeof iscsi.iqn === 'string' && iqnProblem(iscsi.iqn)) {
      ctx.error('volume-source', `${path}.iscsi.iqn`, `Invalid value: ${quote(iscsi.iqn)}: ${iqnProblem(iscsi.iqn)}`,
        'use an iqn., eui. or naa. name');
    }
    if (typeof iscsi.initiatorName === 'string' && iscsi.initiatorName !== '' && iqnProblem(iscsi.initiatorName)) {
      ctx.error('volume-source', `${path}.iscsi.initiatorName`, `Invalid value: ${quote(iscsi.initiatorName)}: ${iqnProblem(iscsi.initiatorName)}`,
        'use an iqn., eui. or naa. name');
    }
    checkLun(ctx, iscsi.lun, `${path}.iscsi.lun`);
    if ((iscsi.chapAuthDiscovery === true || iscsi.chapAuthSession === true) && !obj(iscsi.secretRef)) {
      ctx.error('volume-source', `${path}.iscsi.secretRef`, 'Required value: CHAP secret required',
        'name the Secret that holds the CHAP credentials');
    }
  }
  const fc = obj(volume.fc);
  if (fc) {
    const targets = list(fc.targetWWNs);
    const wwids = list(fc.wwids);
    if (targets.length === 0 && wwids.length === 0) {
      ctx.error('volume-source', `${path}.fc.targetWWNs`, 'Required value: must specify either targetWWNs or wwids, but not both',
        'give targetWWNs and lun, or wwids');
    } else if (targets.length > 0 && wwids.length > 0) {
      ctx.error('volume-source', `${path}.fc.targetWWNs`, 'Invalid value: targetWWNs and wwids can not be specified simultaneously',
        'keep one of them');
    } else if (targets.length > 0) {
      if (fc.lun === undefined || fc.lun === null) required('fc', 'lun', 'give the lun with targetWWNs');
      else checkLun(ctx, fc.lun, `${path}.fc.lun`);
    }
  }
  const rbd = obj(volume.rbd);
  if (rbd) {
    if (list(rbd.monitors).length === 0) required('rbd', 'monitors', 'give the Ceph monitors');
    if (empty(rbd.image)) required('rbd', 'image', 'give the RBD image');
  }
  const cephfs = obj(volume.cephfs);
  if (cephfs && list(cephfs.monitors).length === 0) required('cephfs', 'monitors', 'give the Ceph monitors');
  const gluster = obj(volume.glusterfs);
  if (gluster) {
    if (empty(gluster.endpoints)) required('glusterfs', 'endpoints', 'name the Endpoints of the Glusterfs cluster');
    if (empty(gluster.path)) required('glusterfs', 'path', 'give the Glusterfs volume path');
  }
  const quobyte = obj(volume.quobyte);
  if (quobyte) {
    if (empty(quobyte.registry)) required('quobyte', 'registry', 'give the registry as host:port');
    else if (typeof quobyte.registry === 'string' && quobyte.registry.split(',').some(notHostPort)) {
      ctx.error('volume-source', `${path}.quobyte.registry`,
        `Invalid value: ${quote(quobyte.registry)}: Registry must be a host:port pair or multiple pairs separated by commas`,
        'write each registry as host:port');
    }
    if (empty(quobyte.volume)) required('quobyte', 'volume', 'name the Quobyte volume');
    if (typeof quobyte.tenant === 'string' && quobyte.tenant.length > 65) {
      ctx.error('volume-source', `${path}.quobyte.tenant`, 'Too long: may not be more than 65 characters', 'give the tenant UUID');
    }
  }
  const scaleIO = obj(volume.scaleIO);
  if (scaleIO) {
    for (const field of ['gateway', 'system', 'volumeName'] as const) if (empty(scaleIO[field])) required('scaleIO', field,
      `give the ScaleIO ${field}`);
  }
  const flocker = obj(volume.flocker);
  if (flocker) {
    const name = str(flocker.datasetName) ?? '';
    const uuid = str(flocker.datasetUUID) ?? '';
    if (name === '' && uuid === '') {
      ctx.error('volume-source', `${path}.flocker`, 'Required value: one of datasetName and datasetUUID is required',
        'give datasetName or datasetUUID');
    } else if (name !== '' && uuid !== '') {
      ctx.error('volume-source', `${path}.flocker`, 'Invalid value: resource: datasetName and datasetUUID can not be specified simultaneously',
        'keep one of them');
    } else if (name.includes('/')) {
      ctx.error('volume-source', `${path}.flocker.datasetName`, `Invalid value: ${quote(name)}: must not contain '/'`, 'remove the "/"');
    }
  }
  const azureDisk = obj(volume.azureDisk);
  if (azureDisk) {
    if (empty(azureDisk.diskName)) required('azureDisk', 'diskName', 'give the disk name');
    if (empty(azureDisk.diskURI)) required('azureDisk', 'diskURI', 'give the disk URI');
  }
  const azureFile = obj(volume.azureFile);
  if (azureFile) {
    if (empty(azureFile.secretName)) required('azureFile', 'secretName', 'name the Secret with the storage account key');
    if (empty(azureFile.shareName)) required('azureFile', 'shareName', 'name the file share');
  }
  const gitRepo = obj(volume.gitRepo);
  if (gitRepo && typeof gitRepo.directory === 'string') {
    const dir = gitRepo.directory;
    if (dir.startsWith('/')) ctx.error('volume-source', `${path}.gitRepo.directory`, `Invalid value: ${quote(dir)}: must be a relative path`,
      'use a relative directory');
    else if (dir.split('/').includes('..')) {
      ctx.error('volume-source', `${path}.gitRepo.directory`, `Invalid value: ${quote(dir)}: must not contain '..'`,
        'use a directory inside the volume');
    }
  }
}

function checkLun(ctx: PodContext, lun: unknown, path: string): void {
  if (lun === undefined || lun === null) return;
  if (typeof lun !== 'number' || !Number.isInteger(lun) || lun < 0 || lun > 255) {
    ctx.error('volume-source', path, `Invalid value: ${quote(lun)}: must be between 0 and 255, inclusive`, 'use a lun from 0 to 255');
  }
}
