import { quote } from '../_quote';
import { Finding } from '../finding';
import { PodOwnerKind } from '../pod-context';

/**
 * The apiVersion each kind with a pod is served in, on every target from 1.27: the older versions were
 * removed long before (the API deprecation guide, kubernetes/website
 * content/en/docs/reference/using-api/deprecation-guide.md: extensions/v1beta1, apps/v1beta1 and
 * apps/v1beta2 workloads in 1.16, batch/v1beta1 CronJob in 1.25). kubectl refuses any other with
 * `no matches for kind "Deployment" in version "apps/v1beta2"`.
 */
const SERVED: Readonly<Record<PodOwnerKind, string>> = {
  Pod: 'v1',
  PodTemplate: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** The versions that once served a kind, with the minor that removed them. */
const REMOVED: ReadonlyArray<readonly [apiVersion: string, kinds: readonly PodOwnerKind[], removedIn: number]> = [
  ['extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], 16],
  ['apps/v1beta1', ['Deployment', 'StatefulSet'], 16],
  ['apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], 16],
  ['batch/v1beta1', ['CronJob'], 25],
];

/** Rule `api-version`: the object's apiVersion is the one the target serves for its kind. */
export function checkApiVersion(kind: PodOwnerKind, apiVersion: unknown, target: number): Finding[] {
  const served = SERVED[kind];
  if (apiVersion === served) return [];
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') {
    return [{ rule: 'api-version', severity: 'error', path: 'apiVersion', message: 'Required value: apiVersion not set',
      fix: `set apiVersion: ${served}` }];
  }
  const removed = REMOVED.find(([version, kinds]) => version === apiVersion && kinds.includes(kind));
  const why = removed ? ` (removed in 1.${removed[2]})` : '';
  return [{
    rule: 'api-version', severity: 'error', path: 'apiVersion',
    message: `Invalid value: ${quote(apiVersion)}: Kubernetes 1.${target} does not serve ${kind} in this version${why}: `
      + `no matches for kind ${quote(kind)} in version ${quote(apiVersion)}`,
    fix: `use apiVersion: ${served}${served === 'apps/v1' ? ' (which requires spec.selector, matching the template\'s labels)' : ''}`,
  }];
}
