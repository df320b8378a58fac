// The `cdk8s synth` validation plugin at a stable path: in cdk8s.yaml,
//   validations: [{ package: ./node_modules/cdk8s-pod-patterns/validation-plugin.js, class: PodPatternsValidation, version: 0.1.0 }]
// (cdk8s-cli loads a local path with require(), so the path does not depend on how lib/ is laid out).
module.exports = require('./lib/src/validation/validation-plugin.js');
