// The public API of cdk8s-pod-patterns: what a user writes or reads in the README, and nothing else.
// Everything else is the package's own (the `exports` map closes deep imports).

// Containers sharing a volume.
export { SharedVolume, SharedVolumePod } from './patterns/shared-volume';
export type { SharedContainerProps, SharedVolumeMountOptions, SharedVolumePodProps, SharedVolumeProps } from './patterns/shared-volume';
// Init steps in order before the app.
export { InitChain, InitChainPod } from './patterns/init-chain';
export type { InitChainPodProps, InitChainProps, InitStepProps } from './patterns/init-chain';
// A sidecar that ships the app's logs.
export { LogSidecar } from './patterns/log-sidecar/log-sidecar';
export type { LogSidecarProps } from './patterns/log-sidecar/log-sidecar';
export { LogSidecarPod } from './patterns/log-sidecar/log-sidecar-pod';
export type { LogSidecarPodProps } from './patterns/log-sidecar/log-sidecar-pod';
export { SidecarMode } from './patterns/sidecar-mode';
export { LogDestination } from './patterns/log-sidecar/log-destination';
export type { ILogDestination } from './patterns/log-sidecar/log-destination';
export { CaBundle } from './patterns/log-sidecar/elasticsearch-destination';
export type { ElasticsearchDestinationProps } from './patterns/log-sidecar/elasticsearch-destination';
export type { MongoDbDestinationProps } from './patterns/log-sidecar/mongodb-destination';
export type { CustomShipperProps } from './patterns/log-sidecar/custom-destination';
// Native sidecars (Kubernetes 1.29+) for init containers of your own.
export { NativeSidecars } from './patterns/native-sidecars';
export type { NativeSidecarProbes } from './patterns/native-sidecars';
// Errors and the visible security choices.
export { PodPatternError } from './core/pod-pattern-error';
export { RootImage } from './core/root-image';
export { useRuntimeDefaultSeccomp } from './core/restricted-defaults';
// The check engine and its faces: the construct validation, the cdk8s synth plugin, a function.
export { PodChecks } from './validation/pod-checks';
export { KUBERNETES_TARGET_CONTEXT } from './validation/kubernetes-target';
export { PodPatternsValidation } from './validation/validation-plugin';
export type { PodPatternsValidationProps } from './validation/validation-plugin';
export { checkManifest, checkManifests, formatFinding, MIN_KUBERNETES_ANNOTATION, POD_SECURITY_ANNOTATION } from './checks/engine';
export type { Finding } from './checks/finding';
export { RULES } from './checks/rules-table';
export type { PodCheckOptions, PodSecurityLevel } from './checks/pod-context';
