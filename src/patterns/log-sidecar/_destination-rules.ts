import { Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { configKeyProblem as configKeyFormatProblem, CONTROL, dnsSubdomainProblem } from '../../checks/formats';
import { kplus } from '../../core/cdk8s-plus';
import { foreignProblem } from '../../core/cdk8s-plus-origin';
import { PodPatternError } from '../../core/pod-pattern-error';

/**
 * What every destination does the same way. The factories keep their props as given, so a destination
 * checks them when it meets its workload, and each error can name the construct; the shipper it then
 * describes starts from the same confined, sized container.
 */

/** Raises a destination's bad input as `destination-<field>`, naming `destination(<kind>).<field>`. */
export type DestinationFailure = (field: string, problem: string, fix: string) => never;

export function destinationFailure(scope: IConstruct, kind: string): DestinationFailure {
  return (field, problem, fix) => {
    throw new PodPatternError(scope, {
      rule: `destination-${field.split('.')[0].toLowerCase()}`,
      field: `destination(${kind}).${field}`,
      problem,
      fix,
    });
  };
}

/** From JavaScript the props can be missing altogether. */
export function assertDestinationProps(scope: IConstruct, factory: string, props: unknown, fix: string): void {
  if (typeof props !== 'object' || props === null) {
    const given = props === null ? 'null' : typeof props === 'undefined' ? 'no props' : JSON.stringify(props);
    throw new PodPatternError(scope, {
      rule: 'log-destination',
      field: `destination(${factory})`,
      problem: `Required value: LogDestination.${factory}() was called with ${given}`,
      fix,
    });
  }
}

/**
 * The typed API has no field for a literal password, but JavaScript callers and `as any` can still pass
 * one. A literal would end up in a ConfigMap in clear text, so it is refused.
 */
export function assertNoLiteralSecret(scope: IConstruct, where: string, props: object | undefined, fields: string[]): void {
  if (!props) return;
  for (const field of fields) {
    if (field in props && (props as Record<string, unknown>)[field] !== undefined) {
      throw new PodPatternError(scope, {
        rule: 'literal-secret',
        field: `destination(${where}).${field}`,
        problem: 'a password given as a literal would be written in clear text into the manifest',
        fix: 'put it in a Secret and reference it (e.g. basicAuth: { username, passwordSecret, passwordKey })',
      });
    }
  }
}

/**
 * A Secret key that reaches the shipper as `secretKeyRef`: the API server rejects a name that is not a DNS
 * subdomain and a key that is not a config key, and an ISecret that is missing ends in a TypeError.
 */
export function assertSecretKey(
  fail: DestinationFailure, secretField: string, secret: kplus.ISecret | undefined, keyField: string, key: unknown,
): void {
  assertKeyRef(fail, 'Secret', secretField, secret, keyField, key);
}

/**
 * A key of a Secret or ConfigMap that reaches the shipper (`secretKeyRef`, or a volume item): the same
 * rules as `assertSecretKey`, for either kind.
 */
export function assertKeyRef(fail: DestinationFailure, kind: 'Secret' | 'ConfigMap',
  refField: string, ref: { readonly name: string } | undefined, keyField: string, key: unknown, keyExample: string = 'password'): void {
  const example = kind === 'Secret'
    ? 'kplus.Secret.fromSecretName(this, "creds", "log-shipper-credentials")'
    : 'kplus.ConfigMap.fromConfigMapName(this, "ca", "elasticsearch-ca")';
  const foreign = foreignProblem(ref);
  if (foreign) fail(refField, foreign.problem, foreign.fix);
  if (kind === 'Secret' && typeof ref === 'string') {
    // From JavaScript: most likely the password itself. Never echo it.
    fail(refField, 'Invalid value: a string: this field takes a Kubernetes Secret, not the secret\'s value; '
      + 'a literal would be written in clear text into the manifest', `put the value into a Secret and pass that, e.g. ${example}`);
  }
  if (typeof ref !== 'object' || ref === null || typeof (ref as { name?: unknown }).name !== 'string') {
    fail(refField, `Required value: the ${kind} is missing`, `pass a ${kind}, e.g. ${example}`);
  }
  const name = dnsSubdomainProblem(ref!.name);
  if (name) {
    fail(refField, `Invalid ${kind} name ${JSON.stringify(ref!.name)}: ${name}`,
      `use the name of an existing ${kind} (lower case, e.g. "${kind === 'Secret' ? 'log-shipper-credentials' : 'elasticsearch-ca'}")`);
  }
  const keyProblem = configKeyProblem(key);
  if (keyProblem) fail(keyField, keyProblem, `name the key that holds the value in that ${kind}, e.g. "${keyExample}"`);
}

/** Keys of a Secret or ConfigMap (and so ConfigMap file names), as the API server checks them (IsConfigMapKey). */
export function configKeyProblem(key: unknown): string | undefined {
  const problem = configKeyFormatProblem(key);
  return problem && typeof key === 'string' && key !== '' ? `Invalid value ${JSON.stringify(key)}: ${problem}` : problem;
}

const HOSTNAME = /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function hostProblem(host: unknown): string | undefined {
  if (typeof host !== 'string' || host === '') return 'must be a host name or IPv4 address, got nothing';
  if (host.includes('://')) return `must be a bare host name, not a URL ("${host}"); give the port separately`;
  // Everything up to the last "@" is credentials, and is never shown.
  if (host.includes('@')) return `must not carry credentials ("***@${host.slice(host.lastIndexOf('@') + 1)}"); take them from a Secret`;
  if (host.includes(':')) return `must not include a port ("${host}"); use the port option`;
  if (!HOSTNAME.test(host) && !IPV4.test(host)) return `"${host}" is not a valid host name (RFC 1123) or IPv4 address`;
  if (/^\d+(\.\d+)*$/.test(host) && !IPV4.test(host)) return `"${host}" is not a valid IPv4 address`;
  return undefined;
}

export function destinationPortProblem(port: unknown): string | undefined {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return `must be an integer from 1 to 65535, got ${JSON.stringify(port)}`;
  }
  return undefined;
}

/**
 * A shipper's image must be named. How it is pinned is the engine's one image rule for every container
 * (`image-tag`: a warning, an error for a pod that must meet restricted).
 */
export function imageNameProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return 'must name an image';
  return undefined;
}


/**
 * Values the user gives end up in a shipper's configuration file, where each shipper reads some characters
 * in a way the user did not mean, and says nothing. This names what no shipper takes in a one-line value;
 * each configuration writer adds its own (`fluentBitValueProblem`, `fluentdValueProblem`).
 */
export function configLineProblem(value: unknown, shipper: string): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must not be empty';
  if (CONTROL.test(value)) return `must be one line without control characters, got ${JSON.stringify(value)} (${shipper} reads one value per line)`;
  if (value.trim() !== value) return `must not start or end with spaces, got ${JSON.stringify(value)} (${shipper} would drop them)`;
  return undefined;
}

/** Raises a config value problem as `log-destination-value`, naming `destination(<kind>).<field>`. */
export function assertConfigValue(scope: IConstruct, kind: string, field: string, problem: string | undefined, fix: string): void {
  if (problem) throw new PodPatternError(scope, {
    rule: 'log-destination-value',
    field: `destination(${kind}).${field}`,
    problem,
    fix,
  });
}

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
