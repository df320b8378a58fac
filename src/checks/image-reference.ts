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

const MAX_NAME_LENGTH = 255;
const MAX_TAG_LENGTH = 128;

/**
 * What makes a text no image reference at all, by the grammar of distribution/reference (`reference.go`):
 * `[domain[:port]/]path[:tag][@digest]`, path components lower-case alphanumerics joined by `.`, `_`, `__` or
 * dashes, a tag of at most 128 word characters, dots and dashes not starting with either, a digest
 * `algorithm:hex` of at least 32 hex digits, a name of at most 255 characters. The kubelet refuses such a
 * reference (InvalidImageName), so nothing is pulled. Checked by loops, not a regular expression with
 * nested repetition, so that no input makes it slow.
 */
export function imageReferenceProblem(reference: string): string | undefined {
  if (reference === '') return 'must not be empty';
  if (reference.trim() !== reference) return 'must not have leading or trailing whitespace';
  const { name, tag, digest } = parseImageReference(reference);
  if (digest === undefined && reference.includes('@')) return 'has a malformed digest (expected "@<algorithm>:<at least 32 hex digits>")';
  if (tag !== undefined && (tag === '' || tag.length > MAX_TAG_LENGTH || !/^\w[\w.-]*$/.test(tag))) {
    return `has an invalid tag ${quote(tag)} (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`;
  }
  if (name.length > MAX_NAME_LENGTH) return `has a name longer than ${MAX_NAME_LENGTH} characters`;
  const components = name.split('/');
  const first = components[0];
  const hasDomain = components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  if (hasDomain && !isDomainAndPort(first)) return `has an invalid registry ${quote(first)}`;
  for (const component of hasDomain ? components.slice(1) : components) {
    if (!isPathComponent(component)) {
      return component !== component.toLowerCase()
        ? `has the repository part ${quote(component)} with upper-case letters (repository names are lower-case)`
        : `has an invalid repository part ${quote(component)} (lower-case letters and digits, joined by ".", "_", "__" or "-")`;
    }
  }
  return undefined;
}

const isAlphanumeric = (ch: string) => (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');

/** alphanumeric (separator alphanumeric)*, a separator being ".", "_", "__" or one or more "-". */
function isPathComponent(component: string): boolean {
  if (component === '' || !isAlphanumeric(component[0]) || !isAlphanumeric(component[component.length - 1])) return false;
  let separator = '';
  for (const ch of component) {
    if (isAlphanumeric(ch)) {
      if (separator !== '' && separator !== '.' && separator !== '_' && separator !== '__' && !/^-+$/.test(separator)) return false;
      separator = '';
    } else if (ch === '.' || ch === '_' || ch === '-') {
      separator += ch;
      // Bounded: a run longer than two is only valid as dashes, checked without holding the run.
      if (separator.length > 2 && ch !== '-') return false;
      if (separator.length > 2) separator = '--';
    } else {
      return false;
    }
  }
  return true;
}

/** A host name (labels of letters, digits and inner dashes), or an IPv6 address in brackets, and an optional port. */
function isDomainAndPort(text: string): boolean {
  let host = text;
  const close = text.lastIndexOf(']');
  const colon = text.lastIndexOf(':');
  if (colon > close) {
    const port = text.slice(colon + 1);
    if (port === '' || !/^[0-9]+$/.test(port)) return false;
    host = text.slice(0, colon);
  }
  if (host.startsWith('[')) return /^\[[0-9A-Fa-f:]+\]$/.test(host);
  return host.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(label));
}
