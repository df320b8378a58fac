import { CustomDestination, CustomShipperProps } from './custom-destination';
import { ElasticsearchDestination, ElasticsearchDestinationProps } from './elasticsearch-destination';
import { ILogDestination } from './log-shipper';
import { MongoDbDestination, MongoDbDestinationProps } from './mongodb-destination';
import { StdoutDestination } from './stdout-destination';
import { TailDestination } from './tail-destination';

export type { ILogDestination, LogShipper, LogShipperContext, ShipperKeyFile } from './log-shipper';

/** The destinations a log sidecar can ship to. */
export class LogDestination {
  /** Elasticsearch, through Fluent Bit's `es` output (official Fluent Bit image, pinned). */
  public static elasticsearch(props: ElasticsearchDestinationProps): ILogDestination {
    return new ElasticsearchDestination(props);
  }

  /**
   * MongoDB, through Fluentd's `mongo` output. The official Fluentd image lacks that plugin: build
   * `src/patterns/log-sidecar/fluentd-mongo.Dockerfile` (shipped in the package) and pass the image.
   */
  public static mongodb(props: MongoDbDestinationProps): ILogDestination {
    return new MongoDbDestination(props);
  }

  /** The sidecar's own stdout, so `kubectl logs <pod> -c <sidecar>` shows the files. */
  public static stdout(): ILogDestination {
    return new StdoutDestination();
  }

  /**
   * The docs' streaming sidecar: `tail -n+1 -F` on the one file `filePattern` names (busybox, pinned, as
   * uid 65534), so its lines appear unchanged on the sidecar's stdout. For several files,
   * `LogSidecar.streamEach` adds one such sidecar per file.
   */
  public static tail(): ILogDestination {
    return new TailDestination();
  }

  /** A shipper container you bring; the pattern mounts the log volume and its configuration. */
  public static custom(props: CustomShipperProps): ILogDestination {
    return new CustomDestination(props);
  }

  private constructor() {}
}
