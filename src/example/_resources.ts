import { Size } from 'cdk8s';
import { Cpu, ContainerResources } from 'cdk8s-plus-27';

/**
 * cdk8s-plus requests 1 CPU and 512Mi for every container unless told otherwise, so a three-container
 * pod would ask for 3 CPUs. The example pods are small and say so.
 */
export function smallResources(): ContainerResources {
  return {
    cpu: { request: Cpu.millis(50), limit: Cpu.millis(500) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
  };
}
