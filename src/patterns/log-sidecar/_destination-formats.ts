/** Value formats of log destinations, checked before any configuration is generated. */
import { configKeyProblem as configKeyFormatProblem } from '../../checks/formats';

const HOSTNAME = /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function hostProblem(host: unknown): string | undefined {
  if (typeof host !== 'string' || host === '') return 'must be a host name or IPv4 address, got nothing';
  if (host.includes('://')) return `must be a bare host name, not a URL ("${host}"); give the port separately`;
  if (host.includes('@')) return `must not carry credentials ("${host.replace(/\/\/.*@|^.*@/, '***@')}"); take them from a Secret`;
  if (host.includes(':')) return `must not include a port ("${host}"); use the port option`;
  if (!HOSTNAME.test(host) && !IPV4.test(host)) return `"${host}" is not a valid host name (RFC 1123) or IPv4 address`;
  if (/^\d+(\.\d+)*$/.test(host) && !IPV4.test(host)) return `"${host}" is not a valid IPv4 address`;
  return undefined;
}

export function destinationPortProblem(port: unknown): string | undefined {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return `must be an integer from 1 to 65535, got ${JSON.stringify(port)}`;
  }
  return undefined;
}

/** Elasticsearch index naming rules (lower case, no path or wildcard characters, at most 255 bytes). */
export function elasticsearchIndexProblem(index: unknown): string | undefined {
  if (typeof index !== 'string' || index === '') return 'must not be empty';
  if (index !== index.toLowerCase()) return `must be lower case, got "${index}"`;
  if (/[\\/*?"<>| ,#:]/.test(index)) return `must not contain \\ / * ? " < > | space , # or :, got "${index}"`;
  if (/^[-_+]/.test(index)) return `must not start with -, _ or +, got "${index}"`;
  if (index === '.' || index === '..') return 'must not be "." or ".."';
  if (Buffer.byteLength(index) > 255) return 'must be at most 255 bytes';
  return undefined;
}

/** MongoDB database names: non-empty, under 64 bytes, none of / \ . " $ space. */
export function mongoDatabaseProblem(database: unknown): string | undefined {
  if (typeof database !== 'string' || database === '') return 'must not be empty';
  if (/[/\\. "$]/.test(database)) return `must not contain / \\ . " $ or a space, got "${database}"`;
  if (Buffer.byteLength(database) >= 64) return 'must be shorter than 64 bytes';
  return undefined;
}

/** MongoDB collection names: non-empty, no `$`, not in the reserved `system.` namespace. */
export function mongoCollectionProblem(collection: unknown): string | undefined {
  if (typeof collection !== 'string' || collection === '') return 'must not be empty';
  if (collection.includes('$')) return `must not contain $, got "${collection}"`;
  if (collection.startsWith('system.')) return `must not start with "system." (reserved), got "${collection}"`;
  return undefined;
}

/** Image references must carry an explicit tag or digest other than `latest`. */
export function pinnedImageProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return 'must name an image';
  if (image.includes('@sha256:')) return undefined;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  if (!tag) return `"${image}" has no tag; pin an explicit version`;
  if (tag === 'latest') return `"${image}" uses the moving tag "latest"; pin an explicit version`;
  return undefined;
}

/** Keys of a Secret or ConfigMap (and so ConfigMap file names), as the API server checks them (IsConfigMapKey). */
export function configKeyProblem(key: unknown): string | undefined {
  const problem = configKeyFormatProblem(key);
  return problem && typeof key === 'string' && key !== '' ? `Invalid value ${JSON.stringify(key)}: ${problem}` : problem;
}
