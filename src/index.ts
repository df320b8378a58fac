// Patterns, over any cdk8s-plus workload, and their Pod-shaped entry points.
export * from './patterns/shared-volume';
export * from './patterns/init-chain';
export * from './patterns/log-sidecar/log-sidecar';
export * from './patterns/log-sidecar/log-sidecar-pod';
export * from './patterns/log-sidecar/sidecar-mode';
export * from './patterns/log-sidecar/log-destination';
export * from './patterns/log-sidecar/elasticsearch-destination';
export * from './patterns/log-sidecar/mongodb-destination';
export * from './patterns/log-sidecar/stdout-destination';
export * from './patterns/log-sidecar/custom-destination';
// The pinned Fluent Bit image; the rest of the Fluent Bit writer is the package's own.
export { FLUENT_BIT_IMAGE } from './patterns/log-sidecar/_fluent-bit';
export * from './patterns/native-sidecars';
export * from './patterns/pattern-pod';
export * from './patterns/pattern-pod-options';
export * from './core/pod-pattern-error';
// Security choices.
export * from './core/root-image';
export * from './core/restricted-defaults';
// The check engine and its faces.
export * from './checks';
export * from './validation/pod-checks';
export * from './validation/kubernetes-target';
export * from './validation/validation-plugin';
