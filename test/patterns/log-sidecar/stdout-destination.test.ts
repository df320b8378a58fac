import { LogDestination } from '../../../src';
import { configText, synthLogPod } from './_fixtures';

describe('LogDestination.stdout', () => {
  test('prints every line to the sidecar\'s stdout as JSON lines', () => {
    const { configMap, podDoc } = synthLogPod(() => LogDestination.stdout());
    expect(configText(configMap)).toContain([
      '[OUTPUT]',
      '    Name   stdout',
      '    Match  app.logs',
      '    Format json_lines',
    ].join('\n'));
    expect(podDoc.spec.containers[1].env).toBeUndefined();
  });
});
