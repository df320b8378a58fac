import { PodPatternError } from '../../core/pod-pattern-error';
import { shipperResources, shipperSecurityContext } from './_destination-rules';
import { ILogDestination, LogShipper, LogShipperContext } from './log-shipper';

/** busybox, for `tail -F`: pinned, as every image the library chooses. */
export const TAIL_IMAGE = 'busybox:1.36.1';

/**
 * busybox runs as root; the streaming sidecar only reads the log volume, so it runs as `nobody`. The app's
 * files are readable by it when the app writes them world-readable (the default umask 022 does).
 */
const NOBODY = 65534;

/**
 * The streaming sidecar of the Kubernetes logging documentation (`count-log-1`): `tail -n+1 -F` on one
 * log file, whose lines appear unchanged on the sidecar's stdout (`kubectl logs <pod> -c <sidecar>`), from
 * the first line and across rotations. One sidecar follows one file: `filePattern` is that file's name.
 */
export class TailDestination implements ILogDestination {
  public readonly kind = 'tail';

  public shipper(context: LogShipperContext): LogShipper {
    if (/[*?[\]]/.test(context.filePattern)) {
      throw new PodPatternError(context.workload, {
        rule: 'log-file-pattern',
        field: 'filePattern',
        problem: `Invalid value ${JSON.stringify(context.filePattern)}: LogDestination.tail() follows one file, and tail reads no wildcards`,
        fix: 'name the file (e.g. "1.log"); for several files use LogSidecar.streamEach(workload, { files: { ... } }), '
          + 'one sidecar per file, or LogDestination.stdout() for a pattern',
      });
    }
    return {
      image: TAIL_IMAGE,
      // No shell: the path is one argument, whatever it contains.
      command: ['tail', '-n+1', '-F', `${context.logDirectory}/${context.filePattern}`],
      securityContext: shipperSecurityContext(NOBODY),
      resources: shipperResources([5, 50], [8, 32]),
    };
  }
}
