import { Testing } from 'cdk8s';
import { RootImage, SharedVolumePod } from '../../src';

describe('RootImage', () => {
  test('opts one container and its pod out of the non-root, read-only defaults, and nothing else', () => {
    const chart = Testing.chart();
    new SharedVolumePod(chart, 'pod', {
      podSecurity: 'baseline',
      securityContext: RootImage.podSecurityContext(),
      containers: [{ name: 'root', image: 'nginx:1.25.3', mountPath: '/a', securityContext: RootImage.containerSecurityContext() }, { name: 'other', image: 'x:1', mountPath: '/b' }],
    });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.securityContext.runAsNonRoot).toBe(false);
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: false, runAsNonRoot: false,
    });
    expect(spec.containers[1].securityContext.runAsNonRoot).toBe(true);
  });
});
