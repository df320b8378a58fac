import { createHash } from 'crypto';

const MAX_NAME = 253;

/**
 * `<base>-<10 hex digits of the content's SHA-256>`: the same content always gives the same name, and
 * any change gives a new one, so pods that mount it are rolled when the configuration changes.
 */
export function contentAddressedName(base: string, files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    hash.update(name).update('\0').update(files[name]).update('\0');
  }
  const suffix = `-${hash.digest('hex').slice(0, 10)}`;
  const trimmed = base.slice(0, MAX_NAME - suffix.length).replace(/[-.]+$/, '');
  return `${trimmed}${suffix}`;
}
