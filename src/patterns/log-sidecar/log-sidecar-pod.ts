import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { LogSidecar, LogSidecarOptions } from './log-sidecar';
import { PatternPod } from '../pattern-pod';
import { PatternPodOptions } from '../pattern-pod-options';

export interface LogSidecarPodProps extends kplus.PodProps, LogSidecarOptions, PatternPodOptions {}

/**
 * A Pod whose app containers write log files into a shared volume that a sidecar ships on: the Pod-shaped
 * entry point of `LogSidecar`. The app containers come from `containers`; the sidecar is added after them.
 */
export class LogSidecarPod extends PatternPod {
  public readonly logSidecar: LogSidecar;

  constructor(scope: Construct, id: string, props: LogSidecarPodProps) {
    const { destination, logDirectory, filePattern, logVolumeName, logVolumeSizeLimit, sidecarName, sidecarResources, mode, sidecarProbes, ...podProps } = props;
    super(scope, id, podProps);
    this.logSidecar = LogSidecar.addTo(this, {
      destination, logDirectory, filePattern, logVolumeName, logVolumeSizeLimit, sidecarName, sidecarResources, mode, sidecarProbes,
    });
  }

  /** The app containers that write the logs. */
  public get appContainers(): kplus.Container[] {
    return this.logSidecar.appContainers;
  }

  /** The shipper container. */
  public get sidecar(): kplus.Container {
    return this.logSidecar.sidecar;
  }

  /** The volume the app writes its logs to and the sidecar reads them from. */
  public get logVolume(): kplus.Volume {
    return this.logSidecar.logVolume;
  }
}
