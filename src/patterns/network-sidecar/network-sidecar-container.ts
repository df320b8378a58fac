import { Construct } from 'constructs';
import { kplus } from '../../core/cdk8s-plus';

/**
 * Marks a network sidecar's container on its workload, as a child construct (found with `node.children`):
 * a proxy, an ambassador or a metrics adapter never takes another of them for the app.
 */
export class NetworkSidecarContainer extends Construct {
  public static allOf(workload: kplus.AbstractPod): kplus.Container[] {
    return workload.node.children.filter((c): c is NetworkSidecarContainer => c instanceof NetworkSidecarContainer).map((c) => c.container);
  }

  constructor(workload: kplus.AbstractPod, public readonly container: kplus.Container) {
    super(workload, `NetworkSidecar-${container.name}`);
  }
}
