import { Size } from 'cdk8s';
import { dnsLabelProblem, mountPathProblem } from '../checks/formats';
import { GATE_ON_BY_DEFAULT_FROM } from '../checks/gate-defaults';
import { imageReferenceProblem } from '../checks/image-reference';
import { DEFAULT_MINOR } from '../checks/kubernetes-versions';
import { kplus } from '../core/cdk8s-plus';
import { PodPatternError } from '../core/pod-pattern-error';
import { assertOwnCdk8sPlus, assertWorkload } from '../core/untyped-input';
import { WorkloadManifest } from '../core/workload-manifest';
import { targetMinorOf } from '../validation/kubernetes-target';
import { PodChecks } from '../validation/pod-checks';
import { assertContainerName, containerFieldPath } from './_container-rules';

/** The first minor that serves image volumes by default (the ImageVolume gate, KEP 4639). */
export const IMAGE_VOLUME_MINOR = GATE_ON_BY_DEFAULT_FROM.get('ImageVolume') ?? 35;

/** Where the copy step sees the emptyDir it copies into. */
const COPY_DIRECTORY = '/pod-patterns-files';

/** Props of `ImageFiles.addTo`: a file or directory of an image, seen by an app container. */
export interface ImageFilesProps {
  /** The image that holds the files, with an explicit tag (e.g. "geektime/sample:v2"). */
  readonly image: string;
  /** The file or directory in the image, as an absolute path (e.g. "/sample.war"). */
  readonly path: string;
  /** The container that reads them. */
  readonly container: kplus.Container;
  /** Where the container sees the file or directory (e.g. "/usr/local/tomcat/webapps/sample.war"). */
  readonly mountPath: string;
  /**
   * How the files reach the container: `image-volume` mounts them from the image, read-only, with no copy
   * (Kubernetes 1.35+); `init-copy` copies them with an init container of the image (it needs `cp`) into an
   * emptyDir. The choice is in the YAML: the volume is an `image` volume or an `emptyDir`.
   * @default - `image-volume` when the app's target (KUBERNETES_TARGET_CONTEXT; 1.35 when unset) is 1.35 or
   * newer, else `init-copy`
   */
  readonly delivery?: 'image-volume' | 'init-copy';
  /** @default kplus.ImagePullPolicy.IF_NOT_PRESENT */
  readonly pullPolicy?: kplus.ImagePullPolicy;
  /** @default `${container.name}-files` */
  readonly volumeName?: string;
  /**
   * The copy step's security context (init-copy only). An image that runs as root and writes as root needs
   * `RootImage.containerSecurityContext()`.
   * @default - cdk8s-plus's: non-root, read-only root filesystem
   */
  readonly copySecurityContext?: kplus.ContainerSecurityContextProps;
}

/**
 * Files of one image in another container, the article's WAR hand-off: Tomcat serving a WAR that another
 * image holds. From Kubernetes 1.35 an image volume mounts the file straight from the image; before, an
 * init container of that image copies it into an emptyDir that the app mounts. Either way the container
 * sees the same file at `mountPath`.
 */
export class ImageFiles {
  /** Makes a file or directory of an image visible in a container of the workload. */
  public static addTo(workload: kplus.AbstractPod, props: ImageFilesProps): ImageFiles {
    assertWorkload(workload, 'ImageFiles.addTo');
    return new ImageFiles(workload, props ?? ({} as ImageFilesProps));
  }

  public readonly workload: kplus.AbstractPod;
  /** How the files are delivered, as chosen by the prop or the target. */
  public readonly delivery: 'image-volume' | 'init-copy';
  /** The volume the container mounts: the image volume's stand-in, or the emptyDir. */
  public readonly volume: kplus.Volume;
  /** The init container that copies the files (init-copy only). */
  public readonly copyStep?: kplus.Container;

  private constructor(workload: kplus.AbstractPod, props: ImageFilesProps) {
    this.workload = workload;
    const checks = PodChecks.of(workload);
    const image = props.image;
    const imageProblem = typeof image === 'string' ? imageReferenceProblem(image) : 'must be a string';
    if (imageProblem) {
      fail(workload, 'image-files', 'image', `Invalid value ${JSON.stringify(image)}: not an image reference: it ${imageProblem}`,
        'give the image that holds the files, with a tag, e.g. "geektime/sample:v2"');
    }
    const path = props.path;
    const badPart = (part: string, i: number) => i > 0 && (part === '' || part === '.' || part === '..');
    if (typeof path !== 'string' || !path.startsWith('/') || path === '/' || path.split('/').some(badPart)) {
      fail(workload, 'image-files', 'path',
        `Invalid value ${JSON.stringify(path)}: must be an absolute path to a file or directory in the image, without "." or ".." parts`,
        'give the path of the files in the image, e.g. "/sample.war"');
    }
    assertOwnCdk8sPlus(workload, 'container', props.container);
    const all = [...workload.initContainers, ...workload.containers];
    if (!(props.container instanceof kplus.Container) || !all.includes(props.container)) {
      fail(workload, 'image-files', 'container', 'Required value: not a container of this workload',
        'pass a container returned by addContainer (or the pattern\'s app container)');
    }
    const container = props.container;
    const mountProblem = mountPathProblem(props.mountPath);
    if (mountProblem) {
      fail(workload, 'image-files', 'mountPath', `Invalid value ${JSON.stringify(props.mountPath)}: ${mountProblem}`,
        'give an absolute path, e.g. "/app/sample.war"');
    }
    const volumeName = props.volumeName ?? `${container.name}-files`;
    const nameProblem = dnsLabelProblem(volumeName);
    if (nameProblem) {
      fail(workload, 'image-files', 'volumeName', `Invalid value ${JSON.stringify(volumeName)}: ${nameProblem}`,
        'name the volume with a DNS-1123 label, e.g. "app-files"');
    }
    const pullPolicy = props.pullPolicy ?? kplus.ImagePullPolicy.IF_NOT_PRESENT;
    if (!Object.values(kplus.ImagePullPolicy).includes(pullPolicy)) {
      fail(workload, 'image-files', 'pullPolicy',
        `Unsupported value ${JSON.stringify(pullPolicy)}: supported values: "Always", "IfNotPresent", "Never"`,
        'pass kplus.ImagePullPolicy.IF_NOT_PRESENT (or ALWAYS)');
    }
    // No target stated: the engine's default, which is what `check` and the plugin judge the output at.
    const target = targetMinorOf(workload) ?? DEFAULT_MINOR;
    const delivery = props.delivery ?? (target >= IMAGE_VOLUME_MINOR ? 'image-volume' : 'init-copy');
    if (delivery !== 'image-volume' && delivery !== 'init-copy') {
      fail(workload, 'image-files', 'delivery', `Unsupported value ${JSON.stringify(delivery)}: supported values: "image-volume", "init-copy"`,
        'pass one of them, or leave it out');
    }
    if (delivery === 'image-volume' && target < IMAGE_VOLUME_MINOR) {
      fail(workload, 'image-files', 'delivery',
        `"image-volume" needs Kubernetes 1.${IMAGE_VOLUME_MINOR} (the ImageVolume feature gate on by default), and the target is 1.${target}`,
        `leave delivery out (below 1.${IMAGE_VOLUME_MINOR} the files are copied by an init container), `
        + `or raise the target to 1.${IMAGE_VOLUME_MINOR} (app.node.setContext(KUBERNETES_TARGET_CONTEXT, ${IMAGE_VOLUME_MINOR}))`);
    }
    if (workload.node.tryFindChild(`${volumeName}-volume`)) {
      fail(workload, 'image-files', 'volumeName', `Duplicate value "${volumeName}": the workload already has files delivered under that name`,
        'give each ImageFiles on one workload its own volumeName');
    }
    this.delivery = delivery;
    // The file's name inside the volume: the image's own path for an image volume, the copy's for the emptyDir.
    const name = (path as string).slice((path as string).lastIndexOf('/') + 1);
    this.volume = kplus.Volume.fromEmptyDir(workload, `${volumeName}-volume`, volumeName);
    if (delivery === 'image-volume') {
      WorkloadManifest.of(workload).setImageVolume(volumeName, { reference: image, pullPolicy });
      checks.requireKubernetesMinor(IMAGE_VOLUME_MINOR);
      container.mount(props.mountPath, this.volume, { subPath: (path as string).slice(1), readOnly: true });
      return;
    }
    const copyName = `${volumeName}-copy`;
    assertContainerName(workload, containerFieldPath(workload, 'initContainers', workload.initContainers.length), copyName);
    this.copyStep = workload.addInitContainer({
      name: copyName,
      image: image as string,
      imagePullPolicy: pullPolicy,
      command: ['cp', '-R', path as string, `${COPY_DIRECTORY}/`],
      volumeMounts: [{ volume: this.volume, path: COPY_DIRECTORY }],
      securityContext: props.copySecurityContext,
      resources: {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
      },
    });
    container.mount(props.mountPath, this.volume, { subPath: name, readOnly: true });
  }
}

function fail(workload: kplus.AbstractPod, rule: string, field: string, problem: string, fix: string): never {
  throw new PodPatternError(workload, { rule, field, problem, fix });
}
