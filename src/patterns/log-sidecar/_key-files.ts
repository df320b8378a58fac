import * as kplus from 'cdk8s-plus-27';
import { mountPathProblem } from '../../checks/formats';
import { configKeyProblem } from './_destination-formats';
import { ShipperKeyFile } from './log-destination';

type Fail = (rule: string, field: string, problem: string, fix: string) => never;

/**
 * The key files a destination asks for: one Secret or ConfigMap each, a file name the volume item can take,
 * and a directory of its own. A directory equal to, inside or around another of the shipper's mounts would
 * hide that mount or be hidden by it (inside a read-only configMap volume it cannot even be created).
 */
export function assertKeyFiles(fail: Fail, files: readonly ShipperKeyFile[], otherMounts: ReadonlyArray<readonly [what: string, path: string]>): void {
  const taken = otherMounts.map(([what, path]) => [what, trimSlashes(path)] as const);
  files.forEach((file, i) => {
    const field = `destination.keyFiles[${i}]`;
    if (!file.secret === !file.configMap) {
      fail('destination-key-files', field, 'must name exactly one of secret and configMap', 'give the Secret or the ConfigMap that holds the file');
    }
    for (const [prop, value] of [['fileName', file.fileName], ['key', file.key]] as const) {
      const problem = configKeyProblem(value);
      if (problem) fail('destination-key-files', `${field}.${prop}`, problem, 'use a plain file name and key, e.g. "ca.crt"');
    }
    const pathProblem = mountPathProblem(file.directory) ?? (trimSlashes(file.directory) === '' ? 'must not be the root directory' : undefined);
    if (pathProblem) fail('destination-key-files', `${field}.directory`, `Invalid value ${JSON.stringify(file.directory)}: ${pathProblem}`, 'use an absolute directory of its own, e.g. "/etc/shipper-ca"');
    const dir = trimSlashes(file.directory);
    const clash = taken.find(([, path]) => path === dir || path.startsWith(`${dir}/`) || dir.startsWith(`${path}/`));
    if (clash) {
      const relation = clash[1] === dir ? 'is' : dir.startsWith(`${clash[1]}/`) ? 'is inside' : 'contains';
      fail('destination-key-files', `${field}.directory`, `Invalid value "${file.directory}": ${relation} ${clash[1]}, the shipper's ${clash[0]}`,
        'mount the file in a directory of its own, beside the shipper\'s other directories');
    }
    taken.push([`${file.volumeSuffix} directory`, dir]);
  });
}

/** A volume that projects only the file's key, under its file name (default mode 0644, mounted read-only). */
export function keyFileVolume(scope: kplus.AbstractPod, file: ShipperKeyFile, name: string): kplus.Volume {
  const items = { [file.key]: { path: file.fileName } };
  return file.secret
    ? kplus.Volume.fromSecret(scope, name, file.secret, { name, items })
    : kplus.Volume.fromConfigMap(scope, name, file.configMap!, { name, items });
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}
