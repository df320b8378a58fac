import { hasMajorDefaults, withoutMajorDefaults } from './cdk8s-plus-major';

/**
 * Snapshot serializer of `npm run test:majors`: a manifest is compared with the base major's snapshot
 * without the defaults its own major adds, so that the snapshots check our part of the manifest on every
 * major and any other difference still fails.
 */
module.exports = {
  test: (value: unknown) => typeof value === 'object' && value !== null && typeof (value as any).kind === 'string' && hasMajorDefaults(value),
  serialize: (value: unknown, config: any, indentation: string, depth: number, refs: any, printer: any) =>
    printer(withoutMajorDefaults(value), config, indentation, depth, refs),
};
