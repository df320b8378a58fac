import { list, obj } from '../_plain';
import { quote } from '../_quote';
import { GATE_ON_BY_DEFAULT_FROM } from '../gate-defaults';
import { imageReferenceProblem } from '../image-reference';
import { PodContext } from '../pod-context';

/** The minor from which the API server accepts subPath and subPathExpr on a mount of an image volume. */
export const IMAGE_VOLUME_SUBPATH_FROM = 33;

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/**
 * Image volumes (KEP 4639): the pull policy as validatePullPolicy checks it; a reference the kubelet can pull
 * (a malformed one fails every start with InvalidImageName); and no subPath or subPathExpr on a mount of one
 * before 1.33: kubernetes/api's VolumeSource.image says "Sub path mounts for containers are not supported
 * ... before 1.33" (v0.33.0), and the KEP's validation refuses them ("not allowed in image volume sources").
 * Below the minor where the ImageVolume gate is on by default (gate-defaults.ts), the API server drops the
 * image source (dropDisabledPodFields) and then refuses the volume, which has no source left, or (before
 * 1.31) does not know the field: an error, where other gated fields are warnings.
 */
export function checkImageVolumes(ctx: PodContext): void {
  const imageVolumes = new Set<string>();
  list(ctx.spec.volumes).forEach((v, i) => {
    const volume = obj(v);
    const image = obj(volume?.image);
    if (!volume || !image) return;
    if (typeof volume.name === 'string') imageVolumes.add(volume.name);
    const path = ctx.at(`volumes[${i}].image`);
    const since = GATE_ON_BY_DEFAULT_FROM.get('ImageVolume') ?? Infinity;
    if (ctx.kubernetesMinor < since) {
      ctx.error('image-volume', path, `an image volume works from Kubernetes 1.${since} (feature gate ImageVolume on by default); `
        + `on the 1.${ctx.kubernetesMinor} target the API server drops the image source`
        + `${ctx.kubernetesMinor < 31 ? ' (it does not know the field)' : ''} `
        + 'and refuses the volume, which has no source left ("must specify a volume type")',
      `raise the target to 1.${since} or later if the cluster runs it; below, copy the files into an emptyDir with an init container`);
    }
    const policy = image.pullPolicy;
    if (policy !== undefined && policy !== null && policy !== '' && !PULL_POLICIES.includes(policy as string)) {
      ctx.error('image-volume', `${path}.pullPolicy`, `Unsupported value: ${quote(policy)}: supported values: "Always", "IfNotPresent", "Never"`,
        'use IfNotPresent (or Always to pull the image at every pod start)');
    }
    const reference = image.reference;
    const problem = typeof reference === 'string' && reference !== '' ? imageReferenceProblem(reference) : undefined;
    if (problem) {
      ctx.error('image-volume', `${path}.reference`,
        `Invalid value: ${quote(reference)}: not an image reference: it ${problem}; the kubelet cannot pull it (InvalidImageName)`,
        'give an image reference such as "registry.example.com/team/data:1.0"');
    }
  });
  if (imageVolumes.size === 0 || ctx.kubernetesMinor >= IMAGE_VOLUME_SUBPATH_FROM) return;
  for (const c of ctx.containers) {
    list(c.container.volumeMounts).forEach((m, j) => {
      const mount = obj(m);
      if (!mount || !imageVolumes.has(mount.name as string)) return;
      for (const field of ['subPath', 'subPathExpr']) {
        const value = mount[field];
        if (value === undefined || value === null || value === '') continue;
        ctx.error('image-volume', `${c.path}.volumeMounts[${j}].${field}`,
          `Invalid value: ${quote(value)}: not allowed in image volume sources before Kubernetes 1.${IMAGE_VOLUME_SUBPATH_FROM} `
          + `(the target is 1.${ctx.kubernetesMinor})`,
          `mount the whole image (remove ${field}), or raise the target to 1.${IMAGE_VOLUME_SUBPATH_FROM} or later if the cluster runs it`);
      }
    });
  }
}
