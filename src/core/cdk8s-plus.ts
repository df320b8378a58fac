/**
 * The seam: the one place in the library that names a cdk8s-plus major. Every other file imports `kplus`
 * from here. The package root is built from this file as written (cdk8s-plus-27, the design's base); the
 * build of each other entry point (`cdk8s-pod-patterns/plus-NN`, `scripts/build-majors.js`) type-checks
 * the same sources against cdk8s-plus-NN and binds this import, and only this one, to that major.
 *
 * If TypeScript or Node.js stops at the import below ("Cannot find module 'cdk8s-plus-NN'"), your app has
 * another cdk8s-plus major than this entry point: import the patterns from 'cdk8s-pod-patterns/plus-NN',
 * with NN the major in your package.json (the package root is built on cdk8s-plus-27).
 */
import * as kplus from 'cdk8s-plus-27';

export { kplus };
