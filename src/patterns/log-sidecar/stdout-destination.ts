import { FLUENT_BIT_TAG, fluentBitShipper } from './_fluent-bit';
import { ILogDestination, LogShipper, LogShipperContext } from './log-shipper';

/**
 * The streaming sidecar of the Kubernetes logging documentation: the sidecar follows the log files and
 * prints every line to its own stdout, one JSON object per line (`{"date":…,"file":…,"log":…}`), so that
 * `kubectl logs <pod> -c <sidecar>` and the node's log agent see them.
 */
export class StdoutDestination implements ILogDestination {
  public readonly kind = 'stdout';

  public shipper(context: LogShipperContext): LogShipper {
    return fluentBitShipper(context, {
      name: 'OUTPUT',
      entries: [
        ['Name', 'stdout'],
        ['Match', FLUENT_BIT_TAG],
        ['Format', 'json_lines'],
      ],
    });
  }
}
