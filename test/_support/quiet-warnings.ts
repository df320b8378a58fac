/**
 * Keeps the library's own warnings (`[cdk8s-pod-patterns] ...` lines on stderr, one per finding) out of the
 * test output: hundreds of fixtures are warned about on purpose, and the lines would bury a real failure.
 * Tests that assert on warnings spy on `process.stderr.write` themselves (`jest.spyOn` replaces this filter
 * for the test and restores it afterwards), so they still see every line.
 */
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  if (typeof chunk === 'string' && chunk.startsWith('[cdk8s-pod-patterns] ')) return true;
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stderr.write;
