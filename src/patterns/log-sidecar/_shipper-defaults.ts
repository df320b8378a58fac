import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { PodPatternError } from '../pod-pattern-error';

/** The security context of a shipper image that runs as the given numeric, unprivileged user. */
export function shipperSecurityContext(uid: number): kplus.ContainerSecurityContextProps {
  return { ensureNonRoot: true, user: uid, group: uid, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false };
}

/** Explicit requests and limits, in millicores and mebibytes. */
export function shipperResources(cpu: [request: number, limit: number], memoryMi: [request: number, limit: number]): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(cpu[0]), limit: kplus.Cpu.millis(cpu[1]) },
    memory: { request: Size.mebibytes(memoryMi[0]), limit: Size.mebibytes(memoryMi[1]) },
  };
}

/** Raises a destination's bad input as `destination-<field>`, naming the construct and `destination(<kind>).<field>`. */
export function destinationFailure(scope: IConstruct, kind: string): (field: string, problem: string, fix: string) => never {
  return (field, problem, fix) => {
    throw new PodPatternError(scope, `destination-${field.split('.')[0].toLowerCase()}`, `destination(${kind}).${field}`, problem, fix);
  };
}
