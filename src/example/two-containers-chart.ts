import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { RootImage, SharedVolumePod } from '..';
import { smallResources } from './_resources';

/**
 * The article's shared-volume pod: nginx serves the page that a debian container writes into a shared
 * hostPath volume. Both official images run as root and write to their root filesystem, so they opt out
 * of the non-root, read-only defaults explicitly.
 */
export class TwoContainersChart extends Chart {
  public readonly pod: SharedVolumePod;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'name01', ...props });

    this.pod = new SharedVolumePod(this, 'two-contrains', {
      metadata: { name: 'two-contrains' },
      restartPolicy: kplus.RestartPolicy.ALWAYS,
      // Root images and a hostPath volume: this pod meets only the "privileged" Pod Security Standard.
      podSecurity: 'privileged',
      securityContext: RootImage.podSecurityContext(),
      // hostPath, as in the article: node-local data, and forbidden by the baseline Pod Security Standard.
      volume: kplus.Volume.fromHostPath(this, 'shared-data', 'shared-data', { path: '/data' }),
      containers: [
        {
          name: 'nginx-controller',
          image: 'nginx:1.25.3',
          mountPath: '/usr/share/nginx/html',
          securityContext: RootImage.containerSecurityContext(),
          resources: smallResources(),
        },
        {
          name: 'debian-container',
          image: 'debian:12.4',
          command: ['/bin/sh'],
          args: ['-c', 'echo Hello from the debian container ! > /pod-data/index.html'],
          mountPath: '/pod-data',
          securityContext: RootImage.containerSecurityContext(),
          resources: smallResources(),
        },
      ],
    });
  }
}
