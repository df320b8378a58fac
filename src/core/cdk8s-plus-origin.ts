import { kplus } from './cdk8s-plus';
import { entryPointFix, entryPointOf, majorOf } from './entry-points';

/**
 * Which cdk8s-plus package an object comes from, so that one from another major (or another copy of the
 * same major) is refused with a message that names both packages and the entry point to use, instead of
 * TypeScript's "separate declarations of a private property" or a failure deep inside cdk8s-plus.
 */

/** jsii's run-time type information on every cdk8s-plus class: `{ fqn: 'cdk8s-plus-27.Deployment', version }`. */
const JSII_RTTI = Symbol.for('jsii.rtti');

export interface Cdk8sPlusOrigin {
  /** The package, `cdk8s-plus-33`. */
  readonly pkg: string;
  /** The nearest exported class of the object, `Deployment`. */
  readonly kind: string;
  /** The package's version. */
  readonly version: string;
}

/** The cdk8s-plus class of an object (a subclass inherits the static type information of its base). */
export function cdk8sPlusOrigin(value: unknown): Cdk8sPlusOrigin | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const rtti = (value.constructor as unknown as Record<symbol, { fqn?: unknown; version?: unknown } | undefined>)?.[JSII_RTTI];
  const match = typeof rtti?.fqn === 'string' ? /^(cdk8s-plus-\d+)\.(\w+)$/.exec(rtti.fqn) : null;
  return match ? { pkg: match[1], kind: match[2], version: String(rtti?.version) } : undefined;
}

/** The cdk8s-plus this build of the library is bound to, as loaded. */
export const OWN_CDK8S_PLUS: Cdk8sPlusOrigin = cdk8sPlusOrigin(Object.create(kplus.Deployment.prototype))
  ?? { pkg: 'cdk8s-plus', kind: 'Deployment', version: 'unknown' };

/** The entry point of this build: `cdk8s-pod-patterns` or `cdk8s-pod-patterns/plus-NN`. */
export const OWN_ENTRY_POINT = entryPointOf(majorOf(OWN_CDK8S_PLUS.pkg) ?? 0);

/**
 * Why a cdk8s-plus object cannot be used with this build, as "Invalid value ... . Fix: ...", or undefined
 * when it can (it is an instance of this build's cdk8s-plus) or is no cdk8s-plus object at all.
 */
export function foreignProblem(value: unknown): { problem: string; fix: string } | undefined {
  const origin = cdk8sPlusOrigin(value);
  if (!origin) return undefined;
  const own = OWN_CDK8S_PLUS;
  const ours = (kplus as unknown as Record<string, unknown>)[origin.kind];
  if (origin.pkg === own.pkg && typeof ours === 'function' && value instanceof ours) return undefined;
  if (origin.pkg === own.pkg) {
    return {
      problem: `Invalid value a ${origin.kind} from another copy of ${own.pkg} (${origin.version}), `
        + `not the one '${OWN_ENTRY_POINT}' uses (${own.version})`,
      fix: `install one copy: ${own.pkg} is a peer dependency of cdk8s-pod-patterns, so keep it in your app's dependencies `
        + `at a version in its range and run \`npm dedupe\` (\`npm ls ${own.pkg}\` shows the copies)`,
    };
  }
  return {
    problem: `Invalid value a ${origin.kind} from ${origin.pkg} ${origin.version}; `
      + `the entry point '${OWN_ENTRY_POINT}' is built on ${own.pkg} (${own.version} loaded)`,
    fix: entryPointFix(majorOf(origin.pkg)),
  };
}
