import { kplus } from '../../core/cdk8s-plus';
import { WorkloadMarks } from '../../core/workload-marks';

/**
 * The network sidecars' containers of each workload (proxies, ambassadors, metrics exporters): none of
 * them ever takes another for the app.
 */
export const networkSidecarContainers = new WorkloadMarks<kplus.Container>();
