/**
 * The entry points of the package, one per supported cdk8s-plus major: the package root is built on the
 * base major, and `cdk8s-pod-patterns/plus-NN` on cdk8s-plus-NN (package.json's `exports`,
 * `typesVersions` and `cdk8sPlusMajors` list the same majors; a test holds them together). cdk8s itself
 * maintains the three newest majors; the package keeps every major from the base on.
 */
export const BASE_MAJOR = 27;
export const SUPPORTED_MAJORS: readonly number[] = [27, 28, 29, 30, 31, 32, 33, 34];

/** The import specifier of the entry point built on cdk8s-plus-`major`. */
export function entryPointOf(major: number): string {
  return major === BASE_MAJOR ? 'cdk8s-pod-patterns' : `cdk8s-pod-patterns/plus-${major}`;
}

/** The major of a cdk8s-plus package name (`cdk8s-plus-33` is 33), if it is one. */
export function majorOf(pkg: string): number | undefined {
  const match = /^cdk8s-plus-(\d+)$/.exec(pkg);
  return match ? Number(match[1]) : undefined;
}

/** How to use an object of cdk8s-plus-`major`: the entry point to import, or the majors there are. */
export function entryPointFix(major: number | undefined): string {
  if (major !== undefined && SUPPORTED_MAJORS.includes(major)) {
    return `import the patterns from '${entryPointOf(major)}', the entry point built on cdk8s-plus-${major}`;
  }
  const first = SUPPORTED_MAJORS[0];
  const last = SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1];
  return `write the app with one of cdk8s-plus-${first} to cdk8s-plus-${last} and import the patterns from that major's `
    + `entry point ('${entryPointOf(BASE_MAJOR)}' for ${BASE_MAJOR}, 'cdk8s-pod-patterns/plus-NN' for cdk8s-plus-NN)`;
}
