import { Construct } from 'constructs';
import { volumeNameProblems } from '../checks/rules/names';
import { kplus } from '../core/cdk8s-plus';
import { ownShareProcessNamespace } from '../core/cdk8s-plus-features';
import { PodPatternError } from '../core/pod-pattern-error';
import { podSpecFieldPath, setPodSpecField } from '../core/pod-spec';
import { withRestrictedCapabilities } from '../core/restricted-defaults';
import { assertContainer, assertOwnCdk8sPlus, assertWorkload, listOrEmpty, propsOrEmpty, requiredProps } from '../core/untyped-input';
import { PodChecks } from '../validation/pod-checks';
import {
  assertContainerName, assertMountPath, assertNoPortClash, containerFieldPath, mountField, throwFirst, volumeMounts,
} from './_container-rules';
import { PatternPod } from './pattern-pod';
import { PatternPodOptions } from './pattern-pod-options';

/** Where a container mounts the shared volume. */
export interface SharedVolumeMountOptions {
  /** Absolute path inside the container. */
  readonly mountPath: string;

  /**
   * Mount the volume read-only in this container (a reader of what others write).
   * @default false
   */
  readonly readOnly?: boolean;
}

/** A container of the pod together with where it mounts the shared volume. */
export interface SharedContainerProps extends kplus.ContainerProps, SharedVolumeMountOptions {}

/** Props of `SharedVolume.addTo`: the volume to share and the containers that mount it. */
export interface SharedVolumeProps {
  /**
   * The volume that the containers share. Pass `kplus.Volume.fromHostPath(...)` to share a node directory,
   * as in the classic two-container example, but know what that is: the data lives on one node only (a
   * rescheduled pod sees another node's directory), the pod is not portable, and a writable host path is a
   * security risk that the `baseline` Pod Security Standard forbids.
   * @default - an `emptyDir` named `volumeName`, which lives exactly as long as the pod
   */
  readonly volume?: kplus.Volume;

  /**
   * Name of the default `emptyDir` volume. With `volume`, leave it out (the volume has its own name); a
   * different name is refused.
   * @default 'shared-data'
   */
  readonly volumeName?: string;

  /**
   * Containers to add, each mounting the shared volume at its own path.
   * @default - none; add them with `addSharedContainer`
   */
  readonly containers?: SharedContainerProps[];

  /**
   * Let the containers see each other's processes (`spec.shareProcessNamespace`), e.g. for a sidecar that
   * signals the app to reopen its files. They already share the network namespace: they reach each other on
   * `localhost`, which is also why no two of them may listen on the same port.
   * @default false
   */
  readonly shareProcessNamespace?: boolean;
}

/**
 * The shared-volume pattern on any cdk8s-plus workload (Pod, Deployment, StatefulSet, DaemonSet, Job,
 * CronJob): several containers mount one volume, each at its own path, and exchange files through it.
 */
export class SharedVolume {
  /** Applies the pattern to a workload; each call shares one more volume. */
  public static addTo(workload: kplus.AbstractPod, props: SharedVolumeProps = {}): SharedVolume {
    assertWorkload(workload, 'SharedVolume.addTo');
    return new SharedVolume(workload, propsOrEmpty(workload, 'props', props));
  }

  public readonly workload: kplus.AbstractPod;
  public readonly volume: kplus.Volume;
  public readonly shareProcessNamespace: boolean;

  private constructor(workload: kplus.AbstractPod, props: SharedVolumeProps) {
    this.workload = workload;
    PodChecks.of(workload);
    assertOwnCdk8sPlus(workload, 'volume', props.volume);
    if (props.volume !== undefined && props.volumeName !== undefined && props.volumeName !== props.volume.name) {
      throw new PodPatternError(workload, {
        rule: 'shared-volume-name',
        field: 'volumeName',
        problem: `Invalid value ${JSON.stringify(props.volumeName)}: the volume given in volume is named "${props.volume.name}", `
          + 'and the pattern shares that volume under its own name',
        fix: `leave volumeName out when you pass volume, or give the volume the name "${props.volumeName}"`,
      });
    }
    this.volume = props.volume ?? SharedVolume.defaultVolume(workload, props.volumeName ?? 'shared-data');
    if (!this.isAlreadyDeclared()) {
      workload.addVolume(this.volume);
    }
    // From cdk8s-plus-29 the workload has the prop and renders it: by default the pattern reads it from there,
    // and it patches the field only where the workload would render another value (27 and 28 render none).
    const rendered = ownShareProcessNamespace(workload) ?? false;
    this.shareProcessNamespace = props.shareProcessNamespace ?? rendered;
    if (this.shareProcessNamespace !== rendered) {
      setPodSpecField(workload, 'shareProcessNamespace', this.shareProcessNamespace);
    }
    for (const container of listOrEmpty(workload, 'containers', props.containers)) {
      this.addSharedContainer(container);
    }
  }

  /** Adds an app container that mounts the shared volume (the same method as on `SharedVolumePod`). */
  public addSharedContainer(props: SharedContainerProps): kplus.Container {
    const field = containerFieldPath(this.workload, 'containers', this.workload.containers.length);
    const { mountPath, readOnly, ...containerProps } = requiredProps(this.workload, field, props);
    const container = new kplus.Container(withRestrictedCapabilities(containerProps));
    assertContainerName(this.workload, field, container.name);
    assertNoPortClash(this.workload, field, container);
    this.mountInto(container, field, { mountPath, readOnly });
    this.workload.attachContainer(container);
    return container;
  }

  /**
   * Mounts the shared volume into a container that is already part of the workload, e.g. an init step that
   * fills the volume before the app starts.
   */
  public mount(container: kplus.Container, options: SharedVolumeMountOptions): void {
    assertContainer(this.workload, 'container', container);
    const appIndex = this.workload.containers.indexOf(container);
    const initIndex = this.workload.initContainers.indexOf(container);
    if (appIndex < 0 && initIndex < 0) {
      throw new PodPatternError(this.workload, {
        rule: 'container-not-in-workload',
        field: `${podSpecFieldPath(this.workload)}.containers`,
        problem: `container "${container.name}" is not part of this workload`,
        fix: 'add it with addContainer/addInitContainer first, or use addSharedContainer',
      });
    }
    const field = appIndex >= 0
      ? containerFieldPath(this.workload, 'containers', appIndex)
      : containerFieldPath(this.workload, 'initContainers', initIndex);
    this.mountInto(container, field, requiredProps(this.workload, `${field}.volumeMounts`, options));
  }

  private mountInto(container: kplus.Container, field: string, options: SharedVolumeMountOptions): void {
    const mountField = `${field}.volumeMounts[${container.mounts.length}]`;
    assertMountPath(this.workload, mountField, container, options.mountPath);
    container.mount(options.mountPath, this.volume, { readOnly: options.readOnly });
  }

  /** True when the workload already has this very volume; throws when it has another one of that name. */
  private isAlreadyDeclared(): boolean {
    const spec = podSpecFieldPath(this.workload);
    // Where the other volume's name is: its entry in the pod spec, or a mount of it (cdk8s-plus declares it at synth).
    const named = (volume: kplus.Volume) => volume.name === this.volume.name;
    const declared = this.workload.volumes.findIndex(named);
    const mounted = declared < 0 ? volumeMounts(this.workload).find((m) => named(m.volume)) : undefined;
    const first = declared >= 0 ? this.workload.volumes[declared] : mounted?.volume;
    const field = declared >= 0 ? `${spec}.volumes[${declared}].name` : mounted ? `${mountField(this.workload, mounted)}.name` : undefined;
    const taken = new Map(first && first !== this.volume ? [[first.name, field!]] : []);
    throwFirst(this.workload, `${spec}.volumes.name`, volumeNameProblems(this.volume.name, taken));
    return first === this.volume;
  }

  private static defaultVolume(workload: kplus.AbstractPod, name: string): kplus.Volume {
    // Checked before cdk8s-plus sees it: kplus.Volume cuts a long name to 63 characters without a word.
    const spec = podSpecFieldPath(workload);
    const id = `SharedVolume-${name}`;
    const earlier = workload.node.tryFindChild(id) as kplus.Volume | undefined;
    const index = earlier ? workload.volumes.indexOf(earlier) : -1;
    const taken = new Map(earlier ? [[name, index >= 0 ? `${spec}.volumes[${index}].name` : `${spec}.volumes.name`]] : []);
    throwFirst(workload, `${spec}.volumes.name`, volumeNameProblems(name, taken));
    return kplus.Volume.fromEmptyDir(workload, id, name);
  }
}

/** Props of `SharedVolumePod`: a `kplus.Pod`'s props, the shared volume, and containers that each mount it. */
export interface SharedVolumePodProps extends Omit<kplus.PodProps, 'containers'>, Omit<SharedVolumeProps, 'containers'>, PatternPodOptions {
  /**
   * The pod's containers, each mounting the shared volume at its own path.
   * @default - none; add them with `addSharedContainer`
   */
  readonly containers?: SharedContainerProps[];
}

/**
 * A Pod whose containers share one volume: the Pod-shaped entry point of `SharedVolume`. It is a real
 * `kplus.Pod`, so the whole cdk8s-plus API stays available.
 */
export class SharedVolumePod extends PatternPod {
  public readonly sharedVolume: SharedVolume;

  constructor(scope: Construct, id: string, props: SharedVolumePodProps = {}) {
    const { containers, volume, volumeName, shareProcessNamespace, ...podProps } = props ?? {};
    // cdk8s-plus-29 and later take the prop themselves, so the Pod's own field agrees; 27 and 28 ignore it.
    super(scope, id, { ...podProps, shareProcessNamespace } as kplus.PodProps);
    this.sharedVolume = SharedVolume.addTo(this, { volume, volumeName, shareProcessNamespace, containers });
  }

  /** Adds a container that mounts the shared volume at `mountPath`. */
  public addSharedContainer(props: SharedContainerProps): kplus.Container {
    return this.sharedVolume.addSharedContainer(props);
  }
}
