import { obj, Plain } from '../_plain';
import { quote } from '../_quote';
import { dnsSubdomainProblem } from '../formats';
import { PodContext } from '../pod-context';

/**
 * The volume sources `in-tree-volumes.ts` does not cover, as pkg/apis/core/validation/validation.go
 * validates them on create: validateNFSVolumeSource, validateGCEPersistentDiskVolumeSource,
 * validateAWSElasticBlockStoreVolumeSource, validateCinderVolumeSource, validateFlexVolumeSource,
 * validateVsphereVolumeSource, validatePhotonPersistentDiskVolumeSource, validatePortworxVolumeSource,
 * validateStorageOSVolumeSource, validatePersistentClaimVolumeSource, validateCSIVolumeSource (with
 * ValidateCSIDriverName), validateEphemeralVolumeSource and the image source's reference. Rule `volume-source`.
 */
export const MORE_SOURCES: ReadonlySet<string> = new Set([
  'nfs', 'gcePersistentDisk', 'awsElasticBlockStore', 'cinder', 'flexVolume', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume',
  'storageos', 'persistentVolumeClaim', 'csi', 'ephemeral', 'image',
]);

/** The required field of each source that needs one, by the API server's name for it. */
const REQUIRED: ReadonlyArray<readonly [source: string, field: string, fix: string]> = [
  ['nfs', 'server', 'give the NFS server, e.g. "nfs.example.com"'],
  ['nfs', 'path', 'give the exported path, e.g. "/exports/data"'],
  ['gcePersistentDisk', 'pdName', 'give the name of the persistent disk'],
  ['awsElasticBlockStore', 'volumeID', 'give the EBS volume ID'],
  ['cinder', 'volumeID', 'give the Cinder volume ID'],
  ['flexVolume', 'driver', 'name the FlexVolume driver'],
  ['vsphereVolume', 'volumePath', 'give the vSphere volume path'],
  ['photonPersistentDisk', 'pdID', 'give the Photon persistent disk ID'],
  ['portworxVolume', 'volumeID', 'give the Portworx volume ID'],
  ['storageos', 'volumeName', 'name the StorageOS volume'],
  ['persistentVolumeClaim', 'claimName', 'name the PersistentVolumeClaim'],
  ['ephemeral', 'volumeClaimTemplate', 'give the volumeClaimTemplate of the claim the pod gets'],
  ['image', 'reference', 'give the image reference, e.g. "registry.example.com/data:1.0"'],
];

const empty = (value: unknown) => value === undefined || value === null || value === '';

export function checkMoreVolumeSources(ctx: PodContext, volume: Plain, path: string): void {
  for (const [source, field, fix] of REQUIRED) {
    const holder = obj(volume[source]);
    if (holder && empty(holder[field])) ctx.error('volume-source', `${path}.${source}.${field}`, 'Required value', fix);
  }
  const nfs = obj(volume.nfs);
  if (nfs && typeof nfs.path === 'string' && nfs.path !== '' && !nfs.path.startsWith('/')) {
    ctx.error('volume-source', `${path}.nfs.path`, `Invalid value: ${quote(nfs.path)}: must be an absolute path`,
      'give the path the server exports, from "/"');
  }
  for (const source of ['gcePersistentDisk', 'awsElasticBlockStore']) {
    const partition = obj(volume[source])?.partition;
    if (partition !== undefined && partition !== null && (typeof partition !== 'number' || partition < 0 || partition > 255)) {
      ctx.error('volume-source', `${path}.${source}.partition`,
        `Invalid value: ${quote(partition)}: must be greater than or equal to 0 and less than 256`,
        'give a partition number from 0 to 255');
    }
  }
  for (const key of Object.keys(obj(obj(volume.flexVolume)?.options) ?? {})) {
    const namespace = `.${(key.includes('/') ? key.slice(0, key.indexOf('/')) : key).toLowerCase()}`;
    if (namespace.endsWith('.kubernetes.io') || namespace.endsWith('.k8s.io')) {
      ctx.error('volume-source', `${path}.flexVolume.options[${key}]`,
        `Invalid value: ${quote(key)}: kubernetes.io and k8s.io namespaces are reserved`,
        'name the option under a domain of your own');
    }
  }
  const csi = obj(volume.csi);
  if (csi) checkCsi(ctx, csi, `${path}.csi`);
}

/** ValidateCSIDriverName: required, at most 63 characters, a DNS subdomain once lower-cased; a node publish secret with a name. */
function checkCsi(ctx: PodContext, csi: Plain, path: string): void {
  const driver = csi.driver;
  if (empty(driver)) {
    ctx.error('volume-source', `${path}.driver`, 'Required value', 'name the CSI driver, e.g. "ebs.csi.aws.com"');
  } else if (typeof driver !== 'string' || driver.length > 63 || dnsSubdomainProblem(driver.toLowerCase())) {
    const problem = typeof driver !== 'string' ? 'must be a string' : driver.length > 63 ? 'must be no more than 63 characters'
      : dnsSubdomainProblem(driver.toLowerCase());
    ctx.error('volume-source', `${path}.driver`, `Invalid value: ${quote(driver)}: ${problem}`,
      'use the driver\'s registered name, e.g. "ebs.csi.aws.com"');
  }
  const secretRef = obj(csi.nodePublishSecretRef);
  if (secretRef) {
    if (empty(secretRef.name)) ctx.error('volume-source', `${path}.nodePublishSecretRef.name`, 'Required value', 'name the Secret');
    else if (typeof secretRef.name !== 'string' || dnsSubdomainProblem(secretRef.name)) {
      ctx.error('volume-source', `${path}.nodePublishSecretRef.name`,
        `Invalid value: ${quote(secretRef.name)}: ${dnsSubdomainProblem(secretRef.name)}`,
        'use the name of a Secret');
    }
  }
}
