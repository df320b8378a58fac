import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { InitChainPod, RootImage } from '..';
import { smallResources } from './_resources';

/** The article's init step: copy the WAR into the shared emptyDir (the image runs as root). */
export function warStep(appVolume: kplus.Volume): kplus.ContainerProps & { readonly name: string } {
  return {
    name: 'war',
    image: 'geektime/sample:v2',
    command: ['cp', '/sample.war', '/app'],
    volumeMounts: [{ volume: appVolume, path: '/app' }],
    securityContext: RootImage.containerSecurityContext(),
    resources: smallResources(),
  };
}

/**
 * The article's Tomcat, serving the WAR from its webapps directory on 8080. `ports` rather than
 * `portNumber`: the article's pod has no probe, and portNumber adds one.
 */
export function tomcat(appVolume: kplus.Volume, ports: kplus.ContainerPort[]): kplus.ContainerProps {
  return {
    name: 'tomcat',
    image: 'geektime/tomcat:7.0',
    command: ['sh', '-c', '/root/apache-tomcat-7.0.42-v2/bin/start.sh'],
    volumeMounts: [{ volume: appVolume, path: '/root/apache-tomcat-7.0.42-v2/webapps' }],
    ports,
    securityContext: RootImage.containerSecurityContext(),
    resources: smallResources(),
  };
}

/**
 * The article's WAR hand-off: the init step `war` copies the application into an emptyDir, then Tomcat
 * serves it from its webapps directory. Both images run as root and write to their root filesystem.
 */
export class JavaWebChart extends Chart {
  public readonly pod: InitChainPod;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const appVolume = kplus.Volume.fromEmptyDir(this, 'app-volume', 'app-volume');
    this.pod = new InitChainPod(this, 'javaweb-2', {
      metadata: { name: 'javaweb-2' },
      // Root images and a hostPort: this pod meets only the "privileged" Pod Security Standard.
      podSecurity: 'privileged',
      securityContext: RootImage.podSecurityContext(),
      steps: [warStep(appVolume)],
      containers: [tomcat(appVolume, [{ number: 8080, hostPort: 8001 }])],
    });
  }
}
