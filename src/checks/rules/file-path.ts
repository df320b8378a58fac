import { quote } from '../_quote';
import { PodContext } from '../pod-context';

/** `ValidateLocalNonReservedPath`: relative, no `..` element, not starting with `..` (the kubelet's own `..data` links). */
export function checkFilePath(ctx: PodContext, filePath: unknown, at: string): void {
  if (typeof filePath !== 'string' || filePath === '') {
    ctx.error('volume-items', at, 'Required value', 'give the file a path relative to the mount, e.g. "config.yaml"');
    return;
  }
  if (filePath.startsWith('/')) ctx.error('volume-items', at, `Invalid value: ${quote(filePath)}: must be a relative path`, 'remove the leading "/"');
  if (filePath.split('/').includes('..')) {
    ctx.error('volume-items', at, `Invalid value: ${quote(filePath)}: must not contain '..'`, 'use a path inside the volume');
  }
  // As the API server: not said again for "../", which the '..' element above already refused.
  if (filePath.startsWith('..') && !filePath.startsWith('../')) {
    ctx.error('volume-items', at, `Invalid value: ${quote(filePath)}: must not start with '..'`,
      'do not start the path with ".." (the kubelet keeps its own "..data" links there)');
  }
}
