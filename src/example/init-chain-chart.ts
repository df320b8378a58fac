import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { InitChainPod } from '..';
import { smallResources } from './_resources';

/**
 * The article's init chain: two busybox steps that each print a line and exit, in order, then the app.
 * busybox runs its shell as any user and writes nothing, so the secure defaults stay on.
 */
export class InitChainChart extends Chart {
  public readonly pod: InitChainPod;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const busybox = 'busybox:1.36.1';
    // busybox's image has no user of its own; a fixed non-root uid satisfies runAsNonRoot.
    const nonRoot = { user: 1000, group: 1000 };
    this.pod = new InitChainPod(this, 'my-app', {
      metadata: { name: 'my-app' },
      steps: [
        {
          name: 'init-container-1',
          image: busybox,
          command: ['sh', '-c', 'echo "init-container-1 done"'],
          securityContext: nonRoot,
          resources: smallResources(),
        },
        {
          name: 'init-container-2',
          image: busybox,
          command: ['sh', '-c', 'echo "init-container-2 done"'],
          securityContext: nonRoot,
          resources: smallResources(),
        },
      ],
      containers: [
        {
          name: 'my-app',
          image: busybox,
          command: ['sh', '-c', 'echo "my-app is running" && sleep 3600'],
          securityContext: nonRoot,
          resources: smallResources(),
        },
      ],
    });
  }
}
