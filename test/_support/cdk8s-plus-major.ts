import * as kplus from 'cdk8s-plus-27';

/**
 * The cdk8s-plus major these tests run on: 27 under `npm test`, another under `npm run test:majors`
 * (test/_support/jest-majors.config.js maps the import above to it). Read from jsii's type information on the class
 * (`{ fqn: 'cdk8s-plus-33.Deployment' }`), so it is the package that was loaded, whatever the import says.
 */
export const CDK8S_PLUS_MAJOR: number = (() => {
  const rtti = (kplus.Deployment as unknown as Record<symbol, { fqn?: string } | undefined>)[Symbol.for('jsii.rtti')];
  const match = /^cdk8s-plus-(\d+)\./.exec(rtti?.fqn ?? '');
  if (!match) throw new Error(`cdk8s-plus-major: no jsii type information on kplus.Deployment (${rtti?.fqn})`);
  return Number(match[1]);
})();

/** The major the snapshots and dist/ were written with: the package root's. */
export const BASE_MAJOR = 27;

/**
 * Defaults that newer majors render on every workload, which the base major leaves out (read in each major's
 * lib/: `pod.js` renders `shareProcessNamespace` from 29, `deployment.js` renders `revisionHistoryLimit`
 * from 31). They say nothing the API server would not default the same way (`false`, and a Deployment's
 * default of 10), so a manifest of another major compares with the base's snapshots without them.
 */
export function withoutMajorDefaults(manifest: any, major: number = CDK8S_PLUS_MAJOR): any {
  if (manifest === null || typeof manifest !== 'object' || major === BASE_MAJOR) return manifest;
  const copy = structuredClone(manifest);
  if (major >= 31 && copy.kind === 'Deployment' && copy.spec?.revisionHistoryLimit === 10) delete copy.spec.revisionHistoryLimit;
  if (major >= 29) {
    for (const spec of [copy.spec, copy.spec?.template?.spec, copy.spec?.jobTemplate?.spec?.template?.spec]) {
      if (spec?.shareProcessNamespace === false) delete spec.shareProcessNamespace;
    }
  }
  return copy;
}

/** Whether a manifest has a default that `withoutMajorDefaults` removes. */
export function hasMajorDefaults(manifest: any): boolean {
  return JSON.stringify(withoutMajorDefaults(manifest)) !== JSON.stringify(manifest);
}
