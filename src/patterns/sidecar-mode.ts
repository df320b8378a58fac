/** Options of the shutdown-marker handshake. */
export interface ShutdownMarkerOptions {
  /**
   * The file, in the log directory, that the app creates when it is done (e.g. `touch /var/log/.app-done`
   * as the last step of its command). It must not match the log file pattern.
   * @default '.app-done'
   */
  readonly markerFile?: string;
  /**
   * Seconds the shipper keeps running after the marker appears, to ship the last lines.
   * @default 5
   */
  readonly graceSeconds?: number;
}

/**
 * How a log sidecar runs beside the app.
 *
 * | Mode | Kubernetes | Starts | Stops | Jobs |
 * | --- | --- | --- | --- | --- |
 * | `CLASSIC` | any | with the app | with the pod | never complete: refused |
 * | `NATIVE` | 1.29+ | before the app and the init steps | after the app | complete when the app exits |
 * | `shutdownMarker()` | any | with the app | when the app writes a marker file | complete when both exit; an active deadline is required |
 *
 * `shutdownMarker()` is refused on workloads that restart their containers (Deployment, StatefulSet,
 * DaemonSet, Pod with restartPolicy Always): a restarted sidecar would find the old marker and exit again.
 */
export class SidecarMode {
  /** An app container beside the app: runs on any Kubernetes, never exits on its own. */
  public static readonly CLASSIC = new SidecarMode('classic');

  /**
   * An init container with `restartPolicy: Always` (Kubernetes 1.29+, GA in 1.33): ready before the app
   * writes its first line, stopped after the app exits, so a Job completes.
   */
  public static readonly NATIVE = new SidecarMode('native');

  /**
   * A classic sidecar that exits when the app creates a marker file in the log directory: for Jobs on
   * clusters older than 1.29. The shipper runs under a small shell loop (Fluent Bit from its `-debug`
   * image, which has a shell); the app must create the marker when it finishes. On a pod meant to finish
   * (Job, CronJob, Pod with restartPolicy Never or OnFailure) an `activeDeadlineSeconds` is required: an
   * app that dies before creating the marker would otherwise leave the pod Running for ever.
   */
  public static shutdownMarker(options: ShutdownMarkerOptions = {}): SidecarMode {
    return new SidecarMode('shutdown-marker', options.markerFile ?? '.app-done', options.graceSeconds ?? 5);
  }

  /**
   * Whether a value is a mode made by this class. A plain object such as `{ kind: 'native' }` (from
   * JavaScript or `as any`) is not: it carries none of the checks the factories imply.
   */
  public static isSidecarMode(value: unknown): value is SidecarMode {
    // instanceof is enough: an app holds one copy of this library, as it does of cdk8s, whose constructs
    // cannot mix across copies either. A copy of a mode (`{ ...SidecarMode.NATIVE }`) is a plain object.
    return value instanceof SidecarMode;
  }

  /**
   * A private member makes the type nominal: without it, any object with a matching `kind` would
   * type-check as a SidecarMode (TypeScript compares classes by their public shape). It is only declared:
   * nothing is set at run time.
   */
  declare private readonly nominal: void;

  private constructor(
    public readonly kind: 'classic' | 'native' | 'shutdown-marker',
    public readonly markerFile?: string,
    public readonly graceSeconds?: number,
  ) {}
}
