import { Construct } from 'constructs';
import { kplus } from '../../core/cdk8s-plus';
import { PodPatternError } from '../../core/pod-pattern-error';
import { assertOwnCdk8sPlus, listOrEmpty, requiredProps } from '../../core/untyped-input';
import { PatternPod } from '../pattern-pod';
import { PatternPodOptions } from '../pattern-pod-options';
import { LogSidecar, LogSidecarOptions } from './log-sidecar';

/** Props of `LogSidecarPod`: a `kplus.Pod`'s props and the log sidecar's. */
export interface LogSidecarPodProps extends kplus.PodProps, LogSidecarOptions, PatternPodOptions {}

/**
 * A Pod whose app containers write log files into a shared volume that a sidecar ships on: the Pod-shaped
 * entry point of `LogSidecar`. The app containers come from `containers`; the sidecar is added after them.
 */
export class LogSidecarPod extends PatternPod {
  public readonly logSidecar: LogSidecar;

  constructor(scope: Construct, id: string, props: LogSidecarPodProps) {
    // JavaScript callers can omit the props; the sidecar then reports the missing destination.
    const {
      destination, logDirectory, filePattern, logVolumeName, logVolumeSizeLimit, sidecarName, resources, sidecarResources, mode, sidecarProbes,
      configMapName, configVolumeName, containers, volumes, initContainers, hostAliases, ...podProps
    } = props ?? ({} as LogSidecarPodProps);
    super(scope, id, podProps);
    // cdk8s-plus reads the fields of each listed container and fails with a TypeError on a null entry, so
    // the pod adds these lists itself, checked, in cdk8s-plus's own order (the output is the same).
    this.eachEntry('containers', containers).forEach((c) => this.addContainer(c));
    listOrEmpty(this, 'volumes', volumes).forEach((v, i) => {
      assertOwnCdk8sPlus(this, `spec.volumes[${i}]`, v);
      if (!(v instanceof kplus.Volume)) {
        throw new PodPatternError(this, {
          rule: 'props',
          field: `spec.volumes[${i}]`,
          problem: 'Invalid value: must be a kplus.Volume',
          fix: 'make it with kplus.Volume.fromEmptyDir(...), fromConfigMap(...) or another kplus.Volume factory',
        });
      }
      this.addVolume(v);
    });
    this.eachEntry('initContainers', initContainers).forEach((c) => this.addInitContainer(c));
    listOrEmpty(this, 'hostAliases', hostAliases).forEach((h, i) => this.addHostAlias(requiredProps(this, `spec.hostAliases[${i}]`, h)));
    this.logSidecar = LogSidecar.addTo(this, {
      destination, logDirectory, filePattern, logVolumeName, logVolumeSizeLimit, sidecarName, resources, sidecarResources, mode, sidecarProbes,
      configMapName, configVolumeName,
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

  private eachEntry(list: 'containers' | 'initContainers', entries: kplus.ContainerProps[] | undefined): kplus.ContainerProps[] {
    if (entries === undefined) return [];
    if (!Array.isArray(entries)) {
      throw new PodPatternError(this, {
        rule: 'container-props',
        field: `spec.${list}`,
        problem: `Invalid value ${JSON.stringify(entries)}: must be a list of container props`,
        fix: `pass ${list}: [{ name, image, ... }]`,
      });
    }
    entries.forEach((entry, i) => {
      if (typeof entry !== 'object' || entry === null) {
        throw new PodPatternError(this, {
          rule: 'container-props',
          field: `spec.${list}[${i}]`,
          problem: `Invalid value ${JSON.stringify(entry)}: must be container props`,
          fix: `remove the entry or pass { name, image, ... }`,
        });
      }
    });
    return entries;
  }
}
