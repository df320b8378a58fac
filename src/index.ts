// The public API of cdk8s-pod-patterns: what a user writes or reads in the README, and nothing else.
// Everything else is the package's own (the `exports` map closes deep imports). Props types that users
// pass inline (the destinations', the exporters', the Pod entry points' of the network sidecars and the
// adapter) are reachable through the signatures that take them; the annotations are documented by their names.

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
export type { ILogDestination } from './patterns/log-sidecar/log-shipper';
export { CaBundle } from './patterns/log-sidecar/elasticsearch-destination';
// A sidecar on the network: a TLS proxy in front of the app, an ambassador to a remote service.
export { ProxySidecar } from './patterns/network-sidecar/proxy-sidecar';
export type { ProxySidecarProps } from './patterns/network-sidecar/proxy-sidecar';
export { ProxySidecarPod } from './patterns/network-sidecar/proxy-sidecar-pod';
export { Ambassador } from './patterns/network-sidecar/ambassador';
export type { AmbassadorProps } from './patterns/network-sidecar/ambassador';
// The adapter: an exporter that presents the app as Prometheus metrics.
export { MetricsAdapter } from './patterns/adapter/metrics-adapter';
export type { MetricsAdapterProps } from './patterns/adapter/metrics-adapter';
export { MetricsAdapterPod } from './patterns/adapter/metrics-adapter-pod';
export { MetricsExporter } from './patterns/adapter/metrics-exporter';
// Files of one image in another container: an image volume (1.35+) or an init copy.
export { ImageFiles } from './patterns/image-files';
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
export { checkManifest, checkManifests, formatFinding } from './checks/engine';
export type { Finding } from './checks/finding';
export { RULES } from './checks/rules-table';
export type { PodCheckOptions, PodSecurityLevel } from './checks/pod-context';
