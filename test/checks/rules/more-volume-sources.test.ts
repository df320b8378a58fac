import { checkPodSpec } from '../../../src/checks/engine';
import { container } from '../../_support/raw-pods';

/**
 * The remaining volume sources, as pkg/apis/core/validation/validation.go validates them on create
 * (validateNFSVolumeSource, validateGCEPersistentDiskVolumeSource, validateAWSElasticBlockStoreVolumeSource,
 * validateCinderVolumeSource, validateFlexVolumeSource, validateVsphereVolumeSource,
 * validatePhotonPersistentDiskVolumeSource, validatePortworxVolumeSource, validateStorageOSVolumeSource,
 * validatePersistentClaimVolumeSource, validateCSIVolumeSource, validateEphemeralVolumeSource; its
 * validation_test.go TestValidateVolumes cases, in the shapes of ours).
 */
const errorsOf = (source: Record<string, unknown>) => checkPodSpec({
  volumes: [{ name: 'v', ...source }], containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/v' }] })],
}, { kubernetesMinor: 35 }).filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);

test.each([
  [{ nfs: { server: 'nfs.example.com', path: '/exports' } }],
  [{ gcePersistentDisk: { pdName: 'disk', partition: 1 } }],
  [{ awsElasticBlockStore: { volumeID: 'vol-1' } }],
  [{ cinder: { volumeID: 'c' } }],
  [{ flexVolume: { driver: 'example.com/flex', options: { 'example.com/opt': 'x' } } }],
  [{ persistentVolumeClaim: { claimName: 'data' } }],
  [{ csi: { driver: 'ebs.csi.aws.com', nodePublishSecretRef: { name: 'creds' } } }],
  [{ csi: { driver: 'Secrets-Store.CSI.k8s.io' } }],
  [{ ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }],
  [{ image: { reference: 'registry.example.com/data:1.0' } }],
])('a valid source passes: %j', (source) => {
  expect(errorsOf(source)).toEqual([]);
});

test.each([
  [{ nfs: { server: '', path: 'exports' } }, ['volume-source spec.volumes[0].nfs.server', 'volume-source spec.volumes[0].nfs.path']],
  [{ gcePersistentDisk: { pdName: '', partition: 256 } }, ['volume-source spec.volumes[0].gcePersistentDisk.pdName', 'volume-source spec.volumes[0].gcePersistentDisk.partition']],
  [{ awsElasticBlockStore: { volumeID: '' } }, ['volume-source spec.volumes[0].awsElasticBlockStore.volumeID']],
  [{ flexVolume: { driver: 'x', options: { 'kubernetes.io/opt': 'y' } } }, ['volume-source spec.volumes[0].flexVolume.options[kubernetes.io/opt]']],
  [{ vsphereVolume: {} }, ['volume-source spec.volumes[0].vsphereVolume.volumePath']],
  [{ photonPersistentDisk: {} }, ['volume-source spec.volumes[0].photonPersistentDisk.pdID']],
  [{ portworxVolume: {} }, ['volume-source spec.volumes[0].portworxVolume.volumeID']],
  [{ storageos: {} }, ['volume-source spec.volumes[0].storageos.volumeName']],
  [{ persistentVolumeClaim: {} }, ['volume-source spec.volumes[0].persistentVolumeClaim.claimName']],
  [{ csi: {} }, ['volume-source spec.volumes[0].csi.driver']],
  [{ csi: { driver: 'not_a_driver!' } }, ['volume-source spec.volumes[0].csi.driver']],
  [{ csi: { driver: `${'d'.repeat(64)}` } }, ['volume-source spec.volumes[0].csi.driver']],
  [{ csi: { driver: 'ebs.csi.aws.com', nodePublishSecretRef: {} } }, ['volume-source spec.volumes[0].csi.nodePublishSecretRef.name']],
  [{ ephemeral: {} }, ['volume-source spec.volumes[0].ephemeral.volumeClaimTemplate']],
  [{ image: {} }, ['volume-source spec.volumes[0].image.reference']],
  [{ image: { reference: 'x:1' }, emptyDir: {} }, ['volume-source spec.volumes[0].image']],
])('an invalid source is refused at its field: %j', (source, errors) => {
  expect(errorsOf(source)).toEqual(errors);
});
