import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ImageFiles, PodChecks, RootImage } from '..';
import { KUBERNETES_TARGET_CONTEXT } from '../validation/kubernetes-target';
import { smallResources } from './_resources';

/** The article's Tomcat, and where it deploys web applications from. */
const TOMCAT = '/root/apache-tomcat-7.0.42-v2';

export interface JavaWebImageFilesChartProps extends ChartProps {
  /** The Kubernetes minor this chart is for: 1.35 and newer get an image volume, older ones the init copy. */
  readonly kubernetesMinor: number;
}

/**
 * The article's javaweb-2 as one call: Tomcat serves the WAR of `geektime/sample:v2`, mounted from the image
 * (an image volume) on 1.35 and newer, copied by an init container of that image into an emptyDir below.
 */
export class JavaWebImageFilesChart extends Chart {
  public readonly pod: kplus.Pod;
  public readonly war: ImageFiles;

  constructor(scope: Construct, id: string, props: JavaWebImageFilesChartProps) {
    super(scope, id, props);
    this.node.setContext(KUBERNETES_TARGET_CONTEXT, props.kubernetesMinor);
    // Named after the chart: the example app's pods are applied together, so each needs its own name.
    this.pod = new kplus.Pod(this, id, {
      metadata: { name: id },
      securityContext: RootImage.podSecurityContext(),
    });
    // Root images and a hostPort, as in the article: this pod meets only the "privileged" Pod Security Standard.
    PodChecks.of(this.pod).requirePodSecurity('privileged');
    const tomcat = this.pod.addContainer({
      name: 'tomcat',
      image: 'geektime/tomcat:7.0',
      command: ['sh', '-c', `${TOMCAT}/bin/start.sh`],
      ports: [{ number: 8080, hostPort: 8001 }],
      securityContext: RootImage.containerSecurityContext(),
      resources: smallResources(),
    });
    this.war = ImageFiles.addTo(this.pod, {
      image: 'geektime/sample:v2',
      path: '/sample.war',
      container: tomcat,
      mountPath: `${TOMCAT}/webapps/sample.war`,
      volumeName: 'app-volume',
      // The article's image runs as root; `cp` writes the copy as root.
      copySecurityContext: RootImage.containerSecurityContext(),
    });
  }
}
