/**
 * The Kubernetes minor versions the engine judges pods for: 1.27 (the oldest whose rules it encodes) to
 * 1.37 (current on 2026-12-01). A target is a minor number, 27 for 1.27.
 */
export const OLDEST_MINOR = 27;
export const NEWEST_MINOR = 37;
/**
 * The target when none is given: 1.35, the oldest minor the Kubernetes project still supports on 2026-12-01
 * (it supports the three newest, 1.35 to 1.37). Older clusters (managed extended support reaches back to
 * about 1.31) set their target; checking for the oldest supported minor flags what a newer one only allows.
 */
export const DEFAULT_MINOR = 35;

/** What is wrong with a target minor, or undefined for one in the supported range. */
export function minorProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a Kubernetes minor version as an integer, e.g. 33 for 1.33';
  if (value < OLDEST_MINOR || value > NEWEST_MINOR) {
    return `Unsupported value: 1.${value}: supported targets are 1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}`;
  }
  return undefined;
}
