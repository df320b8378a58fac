import { kplus } from '../../core/cdk8s-plus';

/**
 * What a log destination is: the contract between the log sidecar and each destination. The destinations
 * import it from here, and the factories (`log-destination.ts`) import the destinations, so the layers
 * read one way, without an import circle.
 */

/** What a destination is told about the pod when the log sidecar is bound to a workload. */
export interface LogShipperContext {
  /** The workload the sidecar joins; errors name its construct path. */
  readonly workload: kplus.AbstractPod;
  /** Absolute path of the log directory, the same in the app and in the sidecar. */
  readonly logDirectory: string;
  /** File name pattern of the log files inside the log directory, e.g. `*.log`. */
  readonly filePattern: string;
}

/** The sidecar container that a destination needs, before the pattern adds the log volume to it. */
export interface LogShipper {
  readonly image: string;
  /**
   * A variant of the image that has `/bin/sh`, for the shutdown-marker handshake.
   * @default - the image itself has a shell
   */
  readonly shellImage?: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly envVariables?: Record<string, kplus.EnvValue>;
  /**
   * Configuration files by file name. The pattern puts them into a ConfigMap whose name changes with the
   * content (so a new configuration rolls the pods) and mounts it read-only at `configDirectory`.
   */
  readonly configFiles?: Record<string, string>;
  readonly configDirectory?: string;
  /** Directories the shipper writes to (position database, buffers); each gets its own emptyDir. */
  readonly stateDirectories?: string[];
  /**
   * Files the shipper reads from one key of a Secret or ConfigMap (e.g. a CA bundle): each gets its own
   * volume, projecting only that key, mounted read-only.
   * @default - none
   */
  readonly keyFiles?: ShipperKeyFile[];
  /**
   * Directories of the image the shipper needs (its binary, plugins, default configuration). The log
   * directory must not be one of them, nor lie inside or around one: the log volume would hide them.
   * @default - none
   */
  readonly imagePaths?: string[];
  readonly securityContext: kplus.ContainerSecurityContextProps;
  readonly resources: kplus.ContainerResources;
}

/** One key of a Secret or ConfigMap that a shipper reads as a file. Give exactly one of `secret` and `configMap`. */
export interface ShipperKeyFile {
  /** The volume is named `<sidecarName>-<volumeSuffix>`. */
  readonly volumeSuffix: string;
  /** The directory the volume is mounted at, read-only; it holds only this file. */
  readonly directory: string;
  /** The name of the file in `directory`. */
  readonly fileName: string;
  /** @default - none; give `configMap` */
  readonly secret?: kplus.ISecret;
  /** @default - none; give `secret` */
  readonly configMap?: kplus.IConfigMap;
  /** The key of the file in the Secret or ConfigMap. */
  readonly key: string;
}

/** Where the log sidecar ships the app's log files. Create one with the `LogDestination` factories. */
export interface ILogDestination {
  /** A short name for messages, e.g. `elasticsearch`. */
  readonly kind: string;
  /** Validates the destination for this workload and describes the shipper container. */
  shipper(context: LogShipperContext): LogShipper;
}
