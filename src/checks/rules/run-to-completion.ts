import { list, str } from '../_plain';
import { isLogShipperImage } from '../log-shippers';
import { PodContext } from '../pod-context';

const SHELLS = /(^|\/)(sh|bash|ash|dash)$/;

/**
 * A pod meant to finish (a Job's, a CronJob's, a bare Pod with restartPolicy Never or OnFailure) completes
 * only when all its app containers have exited. A log shipper runs until it is stopped, so as an app
 * container beside the app it keeps the pod Running for ever, and the Job never completes. The API server
 * accepts such a pod, hence a warning; a shipper started from a shell may be wrapped in a handshake that
 * stops it (the patterns' shutdown marker), so it is left alone.
 */
export function checkRunToCompletion(ctx: PodContext): void {
  const restartPolicy = str(ctx.spec.restartPolicy);
  const finishing = runsToCompletion(ctx.ownerKind, restartPolicy);
  const apps = ctx.containers.filter((c) => c.list === 'containers');
  if (!finishing || apps.length < 2) return;
  const what = ctx.ownerKind === 'Pod' ? `this Pod (restartPolicy ${restartPolicy})` : `this ${ctx.ownerKind}`;
  for (const c of apps) {
    if (!isLogShipperImage(c.container.image)) continue;
    const entry = str(list(c.container.command)[0]);
    if (entry !== undefined && SHELLS.test(entry)) continue;
    ctx.warn('sidecar-never-exits', `${c.path}.image`,
      `log shipper "${c.name}" runs as an app container, and it never exits on its own, so ${what} never completes`,
      'run it as a native sidecar (an init container with restartPolicy: Always, Kubernetes 1.29+), '
        + 'or stop it when the app is done (e.g. SidecarMode.shutdownMarker())');
  }
}

/**
 * Whether the pods of this kind of object are meant to finish: a Job's and a CronJob's always, a bare Pod's
 * when its restartPolicy is Never or OnFailure (absent, it is Always). Everything else runs until deleted.
 * Shared with the log-sidecar pattern, which refuses a classic sidecar on such a pod before it is built.
 */
export function runsToCompletion(ownerKind: string, restartPolicy: string | undefined): boolean {
  return ownerKind === 'Job' || ownerKind === 'CronJob'
    || (ownerKind === 'Pod' && (restartPolicy === 'Never' || restartPolicy === 'OnFailure'));
}
