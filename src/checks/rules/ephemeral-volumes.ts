import { list, obj, str } from '../_plain';
import { quote } from '../_quote';
import { dnsSubdomainProblem } from '../formats';
import { PodContext } from '../pod-context';

/**
 * The claim the API server creates for an ephemeral volume is named `<pod name>-<volume name>`: on a Pod
 * (whose name is known) that name must be a valid object name, and no persistentVolumeClaim volume may use
 * it (validation.go validateVolumes with the pod metadata; validation_test.go TestValidatePod, "final PVC
 * name for ephemeral volume must be valid", "PersistentVolumeClaimVolumeSource must not reference a
 * generated PVC").
 */
export function checkEphemeralClaimNames(ctx: PodContext): void {
  const podName = ctx.ownerKind === 'Pod' ? str(ctx.metadata?.name) : undefined;
  if (!podName) return;
  const volumes = list(ctx.spec.volumes).map(obj);
  const generated = new Map<string, number>();
  volumes.forEach((volume, i) => {
    const name = str(volume?.name);
    if (!name || !obj(volume?.ephemeral)) return;
    const claim = `${podName}-${name}`;
    const problem = dnsSubdomainProblem(claim);
    if (problem) {
      ctx.error('volume-name', ctx.at(`volumes[${i}].name`), `Invalid value: ${quote(name)}: PVC name "${podName}-${name}" ${problem}`,
        'shorten the pod or the volume name');
    }
    generated.set(claim, i);
  });
  volumes.forEach((volume, i) => {
    const claimName = str(obj(volume?.persistentVolumeClaim)?.claimName);
    if (claimName && generated.has(claimName)) {
      ctx.error('volume-name', ctx.at(`volumes[${i}].persistentVolumeClaim.claimName`),
        `Invalid value: ${quote(claimName)}: must not reference a PVC that gets created for an ephemeral volume`,
        'use the ephemeral volume itself, or another claim');
    }
  });
}
