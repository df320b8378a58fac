import { Construct } from 'constructs';
import { kplus } from '../../core/cdk8s-plus';
import { listOrEmpty, requiredProps } from '../../core/untyped-input';
import { PatternPod } from '../pattern-pod';
import { PatternPodOptions } from '../pattern-pod-options';
import { MetricsAdapter, MetricsAdapterProps } from './metrics-adapter';

/** Props of `MetricsAdapterPod`: a `kplus.Pod`'s props and the adapter's. */
export interface MetricsAdapterPodProps extends kplus.PodProps, MetricsAdapterProps, PatternPodOptions {}

/**
 * A Pod whose app is presented as Prometheus metrics by an exporter beside it: the Pod-shaped entry point
 * of `MetricsAdapter`. The app containers come from `containers`; the exporter is added after them.
 */
export class MetricsAdapterPod extends PatternPod {
  public readonly adapter: MetricsAdapter;

  constructor(scope: Construct, id: string, props: MetricsAdapterPodProps) {
    const { exporter, appContainer, portName, scrapeAnnotations, mode, sidecarName, resources, containers, ...podProps } =
      props ?? ({} as MetricsAdapterPodProps);
    super(scope, id, podProps);
    listOrEmpty(this, 'spec.containers', containers).forEach((c, i) => this.addContainer(requiredProps(this, `spec.containers[${i}]`, c)));
    this.adapter = MetricsAdapter.addTo(this, { exporter, appContainer, portName, scrapeAnnotations, mode, sidecarName, resources });
  }

  /** The exporter container. */
  public get sidecar(): kplus.Container {
    return this.adapter.sidecar;
  }
}
