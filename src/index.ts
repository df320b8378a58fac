export * from './patterns/pod-pattern-error';
export * from './patterns/shared-volume';
export * from './patterns/init-chain';
export * from './security/root-image';
