import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import { assertDestinationProps, configKeyProblem, destinationFailure, imageNameProblem, shipperResources } from './_destination-rules';
import { ILogDestination, LogShipper, LogShipperContext } from './log-shipper';

/** A shipper image of your own for `LogDestination.custom(...)`: image, command, config files and uid. */
export interface CustomShipperProps {
  /** The shipper image, pinned to a version. */
  readonly image: string;
  /** @default - the image's entrypoint */
  readonly command?: string[];
  /** @default - the image's arguments */
  readonly args?: string[];
  /**
   * Environment of the shipper. `LOG_DIRECTORY` and `LOG_FILE_PATTERN` are always set, so a script can find
   * the files.
   * @default - only LOG_DIRECTORY and LOG_FILE_PATTERN
   */
  readonly envVariables?: Record<string, kplus.EnvValue>;
  /**
   * Configuration files by name, mounted read-only at `configDirectory` from a generated ConfigMap.
   * @default - none
   */
  readonly configFiles?: Record<string, string>;
  /** @default '/etc/log-shipper' */
  readonly configDirectory?: string;
  /** @default - none */
  readonly stateDirectories?: string[];
  /**
   * The shipper's security context. Unless `ensureNonRoot: false`, it must name the uid the shipper runs
   * as (`user`): without one the kubelet starts a non-root container only if the image's USER is a numeric,
   * non-zero uid, and most shipper images run as root or as a named user.
   * @default - none: required, at least `{ user: <uid> }` (non-root, read-only root filesystem and no
   * privilege escalation then come from cdk8s-plus's defaults)
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
  /** @default - 20m/200m CPU, 32Mi/128Mi memory (request/limit) */
  readonly resources?: kplus.ContainerResources;
}

/** A shipper the user brings: the pattern only mounts the log volume (read-only) and its config. */
export class CustomDestination implements ILogDestination {
  public readonly kind = 'custom';

  constructor(public readonly props: CustomShipperProps) {}

  public shipper(context: LogShipperContext): LogShipper {
    assertDestinationProps(context.workload, 'custom', this.props, 'pass { image } (and command, args, configFiles, ... as needed)');
    const image = imageNameProblem(this.props.image);
    if (image) {
      throw new PodPatternError(context.workload, {
        rule: 'destination-image',
        field: 'destination(custom).image',
        problem: image,
        fix: 'use an image reference like "registry.example.com/shipper:1.2.3"',
      });
    }
    this.assertConfigFiles(context);
    const securityContext = this.props.securityContext ?? {};
    if (securityContext.ensureNonRoot !== false && securityContext.user === undefined) {
      throw new PodPatternError(context.workload, {
        rule: 'destination-security-context',
        field: 'destination(custom).securityContext.user',
        problem: 'Required value: the shipper runs as non-root (the default) but has no uid, '
          + "so the kubelet would start it only if the image's USER is a numeric, non-zero uid "
          + '(most shipper images run as root or as a named user)',
        fix: "set securityContext: { user: <the image's uid, e.g. 10001> }, "
          + 'or, for an image that must run as root, ensureNonRoot: false (see RootImage)',
      });
    }
    return {
      image: this.props.image,
      command: this.props.command,
      args: this.props.args,
      envVariables: {
        LOG_DIRECTORY: kplus.EnvValue.fromValue(context.logDirectory),
        LOG_FILE_PATTERN: kplus.EnvValue.fromValue(context.filePattern),
        ...this.props.envVariables,
      },
      configFiles: this.props.configFiles,
      configDirectory: this.props.configFiles ? this.props.configDirectory ?? '/etc/log-shipper' : undefined,
      stateDirectories: this.props.stateDirectories,
      securityContext,
      resources: this.props.resources ?? shipperResources([20, 200], [32, 128]),
    };
  }

  /** Each file becomes a key of the generated ConfigMap, which the API server checks like a Secret key. */
  private assertConfigFiles(context: LogShipperContext): void {
    const files = this.props.configFiles;
    if (files === undefined) return;
    const fail = destinationFailure(context.workload, 'custom');
    if (typeof files !== 'object' || files === null || Array.isArray(files)) {
      fail('configFiles', `Invalid value ${JSON.stringify(files)}: must map file names to their content`,
        'pass configFiles: { "shipper.yaml": "..." }');
    }
    for (const [name, content] of Object.entries(files)) {
      const problem = configKeyProblem(name);
      if (problem) {
        fail('configFiles', `file name ${JSON.stringify(name)}: ${problem}`,
          'name each file without "/" (letters, digits, "-", "_", "."); all files are mounted flat in configDirectory');
      }
      if (typeof content !== 'string') {
        fail('configFiles', `file ${JSON.stringify(name)}: the content must be a string, got ${content === null ? 'null' : typeof content}`,
          'pass the file content as text');
      }
    }
  }
}
