import { Construct } from 'constructs';
import { kplus } from '../../core/cdk8s-plus';
import { listOrEmpty, requiredProps } from '../../core/untyped-input';
import { PatternPod } from '../pattern-pod';
import { PatternPodOptions } from '../pattern-pod-options';
import { ProxySidecar, ProxySidecarOptions } from './proxy-sidecar';

/** Props of `ProxySidecarPod`: a `kplus.Pod`'s props and the proxy's. */
export interface ProxySidecarPodProps extends kplus.PodProps, ProxySidecarOptions, PatternPodOptions {}

/**
 * A Pod whose app speaks plain HTTP on localhost behind a TLS proxy sidecar: the Pod-shaped entry point of
 * `ProxySidecar`. The app containers come from `containers`; the proxy is added after them.
 */
export class ProxySidecarPod extends PatternPod {
  public readonly proxy: ProxySidecar;

  constructor(scope: Construct, id: string, props: ProxySidecarPodProps) {
    const {
      appPort, tlsSecret, port, portName, publicPort, redirectPort, maxBodySize, connectTimeout, timeout, readinessPath, mode, sidecarName, image,
      resources, drainSeconds, containers, ...podProps
    } = props ?? ({} as ProxySidecarPodProps);
    super(scope, id, podProps);
    // Added here, checked, rather than by kplus.Pod (which fails with a TypeError on a null entry).
    listOrEmpty(this, 'spec.containers', containers).forEach((c, i) => this.addContainer(requiredProps(this, `spec.containers[${i}]`, c)));
    this.proxy = ProxySidecar.addTo(this, {
      appPort, tlsSecret, port, portName, publicPort, redirectPort, maxBodySize, connectTimeout, timeout, readinessPath, mode, sidecarName, image,
      resources, drainSeconds,
    });
  }

  /** The proxy container. */
  public get sidecar(): kplus.Container {
    return this.proxy.sidecar;
  }
}
