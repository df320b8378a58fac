export * from './lib/src/validation/validation-plugin';
