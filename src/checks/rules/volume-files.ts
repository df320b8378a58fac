import { list, obj, Plain, str, text } from '../_plain';
import { quote } from '../_quote';
import { PodContext } from '../pod-context';
import { checkFilePath } from './file-path';
import { checkCredentialProjections } from './projected-credentials';

const FILE_MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';
const FILE_MODE_FIX = 'use a file mode such as 0644 (420 in decimal)';

/** The sources `checkFileVolumeSource` judges. */
export const FILE_SOURCES: ReadonlySet<string> = new Set(['configMap', 'secret', 'downwardAPI', 'projected']);

/**
 * Volumes that project keys as files: configMap, secret, downwardAPI and projected (API server
 * `validateConfigMapVolumeSource`, `validateSecretVolumeSource`, `validateKeyToPath`, `validateProjectionSources`).
 * An item path outside the volume, or two items on one path, would let one file overwrite another.
 */
export function checkFileVolumeSource(ctx: PodContext, volume: Plain, path: string): void {
  for (const [source, key, kind] of [['configMap', 'name', 'ConfigMap'], ['secret', 'secretName', 'Secret']] as const) {
    const ref = obj(volume[source]);
    if (!ref) continue;
    if (!str(ref[key])) ctx.error('volume-reference', `${path}.${source}.${key}`, 'Required value', `name the ${kind} to mount`);
    checkFileMode(ctx, ref.defaultMode, `${path}.${source}.defaultMode`, 'volume-reference');
    list(ref.items).forEach((item, j) => checkKeyToPath(ctx, item, `${path}.${source}.items[${j}]`));
  }
  const downwardAPI = obj(volume.downwardAPI);
  if (downwardAPI) {
    checkFileMode(ctx, downwardAPI.defaultMode, `${path}.downwardAPI.defaultMode`, 'volume-reference');
    list(downwardAPI.items).forEach((item, j) => checkDownwardAPIFile(ctx, item, `${path}.downwardAPI.items[${j}]`));
  }
  const projected = obj(volume.projected);
  if (projected) checkProjected(ctx, projected, `${path}.projected`);
}

function checkProjected(ctx: PodContext, projected: Plain, path: string): void {
  checkFileMode(ctx, projected.defaultMode, `${path}.defaultMode`, 'volume-reference');
  // Every source writes into the one directory: two files on one path conflict.
  const paths = new Map<string, string>();
  const claim = (filePath: unknown, at: string) => {
    if (typeof filePath !== 'string' || filePath === '') return;
    const first = paths.get(filePath);
    if (first) {
      ctx.error('volume-items', at, `Invalid value: ${quote(filePath)}: conflicting duplicate paths (also ${first})`,
        'give each projected file its own path');
    } else {
      paths.set(filePath, at);
    }
  };
  list(projected.sources).forEach((value, k) => {
    const source = obj(value);
    if (!source) return;
    const at = `${path}.sources[${k}]`;
    const kinds = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate']
      .filter((s) => source[s] !== undefined && source[s] !== null);
    if (kinds.length > 1) {
      ctx.error('volume-source', at, 'Forbidden: may not specify more than 1 volume type',
        `keep one of ${kinds.join(', ')} in this source, and give the others their own sources`);
    }
    for (const [kind, label] of [['secret', 'Secret'], ['configMap', 'ConfigMap']] as const) {
      const ref = obj(source[kind]);
      if (!ref) continue;
      if (!str(ref.name)) ctx.error('volume-reference', `${at}.${kind}.name`, 'Required value', `name the ${label} to project`);
      list(ref.items).forEach((item, j) => {
        checkKeyToPath(ctx, item, `${at}.${kind}.items[${j}]`);
        claim(obj(item)?.path, `${at}.${kind}.items[${j}].path`);
      });
    }
    list(obj(source.downwardAPI)?.items).forEach((item, j) => {
      checkDownwardAPIFile(ctx, item, `${at}.downwardAPI.items[${j}]`);
      claim(obj(item)?.path, `${at}.downwardAPI.items[${j}].path`);
    });
    checkCredentialProjections(ctx, source, at, claim);
  });
}

/** One `items` entry of a configMap or secret: `{ key, path, mode? }`. */
function checkKeyToPath(ctx: PodContext, value: unknown, at: string): void {
  const item = obj(value);
  if (!item) return;
  if (typeof item.key !== 'string' || item.key === '') ctx.error('volume-items', `${at}.key`, 'Required value', 'name the key to write as a file');
  checkFilePath(ctx, item.path, `${at}.path`);
  checkFileMode(ctx, item.mode, `${at}.mode`, 'volume-items');
  // validateDownwardAPIVolumeFile (validation_test.go TestValidateVolumes, "downapi fieldRef and ResourceFieldRef together").
  if (obj(item.fieldRef) && obj(item.resourceFieldRef)) {
    ctx.error('volume-items', at, 'Invalid value: "resource": fieldRef and resourceFieldRef can not be specified simultaneously', 'keep one of them');
  }
}

function checkDownwardAPIFile(ctx: PodContext, value: unknown, at: string): void {
  const item = obj(value);
  if (!item) return;
  checkFilePath(ctx, item.path, `${at}.path`);
  checkFileMode(ctx, item.mode, `${at}.mode`, 'volume-items');
  // validateDownwardAPIVolumeFile (validation_test.go TestValidateVolumes, "downapi fieldRef and ResourceFieldRef together").
  if (obj(item.fieldRef) && obj(item.resourceFieldRef)) {
    ctx.error('volume-items', at, 'Invalid value: "resource": fieldRef and resourceFieldRef can not be specified simultaneously', 'keep one of them');
  }
}

function checkFileMode(ctx: PodContext, mode: unknown, at: string, rule: string): void {
  if (mode === undefined || mode === null) return;
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o777) {
    ctx.error(rule, at, `Invalid value: ${text(mode)}: ${FILE_MODE_MESSAGE}`, FILE_MODE_FIX);
  }
}
