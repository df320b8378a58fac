import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { dnsSubdomainProblem } from '../../checks/formats';
import { PodPatternError } from '../../core/pod-pattern-error';
import { configKeyProblem } from './_destination-formats';

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
    throw new PodPatternError(scope, {
      rule: `destination-${field.split('.')[0].toLowerCase()}`,
      field: `destination(${kind}).${field}`,
      problem: problem,
      fix: fix,
    });
  };
}

/**
 * The factories keep their props as given and are checked here, when the destination meets its workload,
 * so the error can name the construct. From JavaScript the props can be missing altogether.
 */
export function assertDestinationProps(scope: IConstruct, factory: string, props: unknown, fix: string): void {
  if (typeof props !== 'object' || props === null) {
    throw new PodPatternError(scope, {
      rule: 'log-destination',
      field: `destination(${factory})`,
      problem: `Required value: LogDestination.${factory}() was called with ${props === null ? 'null' : typeof props === 'undefined' ? 'no props' : JSON.stringify(props)}`,
      fix: fix,
    });
  }
}

/**
 * A Secret key that reaches the shipper as `secretKeyRef`: the API server rejects a name that is not a DNS
 * subdomain and a key that is not a config key, and an ISecret that is missing ends in a TypeError.
 */
export function assertSecretKey(fail: (field: string, problem: string, fix: string) => never,
  secretField: string, secret: kplus.ISecret | undefined, keyField: string, key: unknown): void {
  assertKeyRef(fail, 'Secret', secretField, secret, keyField, key);
}

/**
 * A key of a Secret or ConfigMap that reaches the shipper (`secretKeyRef`, or a volume item): the same
 * rules as `assertSecretKey`, for either kind.
 */
export function assertKeyRef(fail: (field: string, problem: string, fix: string) => never, kind: 'Secret' | 'ConfigMap',
  refField: string, ref: { readonly name: string } | undefined, keyField: string, key: unknown, keyExample: string = 'password'): void {
  const example = kind === 'Secret'
    ? 'kplus.Secret.fromSecretName(this, "creds", "log-shipper-credentials")'
    : 'kplus.ConfigMap.fromConfigMapName(this, "ca", "elasticsearch-ca")';
  if (typeof ref !== 'object' || ref === null || typeof (ref as { name?: unknown }).name !== 'string') {
    fail(refField, `Required value: the ${kind} is missing`, `pass a ${kind}, e.g. ${example}`);
  }
  const name = dnsSubdomainProblem(ref!.name);
  if (name) fail(refField, `Invalid ${kind} name ${JSON.stringify(ref!.name)}: ${name}`, `use the name of an existing ${kind} (lower case, e.g. "${kind === 'Secret' ? 'log-shipper-credentials' : 'elasticsearch-ca'}")`);
  const keyProblem = configKeyProblem(key);
  if (keyProblem) fail(keyField, keyProblem, `name the key that holds the value in that ${kind}, e.g. "${keyExample}"`);
}
