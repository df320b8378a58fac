import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { RootImage, useRuntimeDefaultSeccomp } from '../../src';
import { withRestrictedCapabilities } from '../../src/core/restricted-defaults';

describe('restricted defaults', () => {
  test('drop all capabilities of a non-root container that declares none', () => {
    expect(withRestrictedCapabilities<kplus.ContainerProps>({ image: 'x:1' }).securityContext?.capabilities).toEqual({ drop: ['ALL'] });
  });
  test('leave alone a container that declares capabilities, runs privileged or runs as root', () => {
    const own = { image: 'x:1', securityContext: { capabilities: { add: [kplus.Capability.NET_BIND_SERVICE] } } };
    expect(withRestrictedCapabilities(own)).toBe(own);
    const root = { image: 'x:1', securityContext: RootImage.containerSecurityContext() };
    expect(withRestrictedCapabilities(root)).toBe(root);
  });
  test('set the runtime seccomp profile on any workload, once', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'd', { containers: [{ image: 'x:1' }] });
    useRuntimeDefaultSeccomp(deployment);
    useRuntimeDefaultSeccomp(deployment);
    expect(Testing.synth(chart)[0].spec.template.spec.securityContext).toEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });
});
