import { PodPatternError } from '../../src';

/** The PodPatternError that `f` throws; any other error is rethrown, and no error fails the test. */
export function patternError(f: () => unknown): PodPatternError {
  try {
    f();
  } catch (e) {
    if (e instanceof PodPatternError) return e;
    throw e;
  }
  throw new Error('did not throw');
}
