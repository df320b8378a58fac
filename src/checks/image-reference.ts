import { quote } from './_quote';
/**
 * An image reference as the container runtime reads it: `[registry[:port]/]repository[:tag][@digest]`
 * (the distribution project's reference grammar). Only what the rules need is parsed: where the tag and
 * digest are; `registry:5000/app` has no tag, the colon belongs to the registry.
 */
export interface ImageReference {
  /** The reference without tag and digest. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})$/;

export function parseImageReference(image: string): ImageReference {
  const digest = DIGEST.exec(image)?.[1];
  const rest = digest === undefined ? image : image.slice(0, image.length - digest.length - 1);
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

/**
 * What is wrong with how an image is pinned: a reference without tag and digest, or with the tag `latest`,
 * names whatever was pushed last, so two nodes (or two rollouts) can run different code. A digest pins
 * the image whatever the tag says.
 */
export function imageTagProblem(image: string): string | undefined {
  const { tag, digest } = parseImageReference(image);
  if (digest !== undefined) return undefined;
  if (tag === undefined || tag === '') return `${quote(image)} has no tag, so each pull may bring another version`;
  if (tag === 'latest') return `${quote(image)} uses the moving tag "latest", so each pull may bring another version`;
  return undefined;
}
