import * as k8s from '../../imports/k8s';

/**
 * The article's pods, field by field, as the article writes them (typed with the imported Kubernetes 1.27
 * API). Images are the article's repositories; the example pins each to an explicit tag.
 */
export interface ArticlePod {
  readonly chart: string;
  readonly metadata: k8s.ObjectMeta;
  readonly spec: k8s.PodSpec;
}

export const ARTICLE_PODS: ArticlePod[] = [
  {
    chart: 'two-contrains',
    metadata: { name: 'two-contrains', namespace: 'name01' },
    spec: {
      restartPolicy: 'Always',
      volumes: [{ name: 'shared-data', hostPath: { path: '/data' } }],
      containers: [
        {
          name: 'nginx-controller',
          image: 'nginx',
          volumeMounts: [{ name: 'shared-data', mountPath: '/usr/share/nginx/html' }],
        },
        {
          name: 'debian-container',
          image: 'debian',
          volumeMounts: [{ name: 'shared-data', mountPath: '/pod-data' }],
          command: ['/bin/sh'],
          args: ['-c', 'echo Hello from the debian container ! > /pod-data/index.html'],
        },
      ],
    },
  },
  {
    chart: 'init-chain',
    metadata: { name: 'my-app' },
    spec: {
      initContainers: [
        { name: 'init-container-1', image: 'busybox', command: ['sh', '-c', 'echo "init-container-1 done"'] },
        { name: 'init-container-2', image: 'busybox', command: ['sh', '-c', 'echo "init-container-2 done"'] },
      ],
      containers: [{ name: 'my-app', image: 'busybox', command: ['sh', '-c', 'echo "my-app is running" && sleep 3600'] }],
    },
  },
  {
    chart: 'javaweb-2',
    metadata: { name: 'javaweb-2' },
    spec: {
      initContainers: [
        {
          name: 'war',
          image: 'geektime/sample:v2',
          command: ['cp', '/sample.war', '/app'],
          volumeMounts: [{ name: 'app-volume', mountPath: '/app' }],
        },
      ],
      containers: [
        {
          name: 'tomcat',
          image: 'geektime/tomcat:7.0',
          command: ['sh', '-c', '/root/apache-tomcat-7.0.42-v2/bin/start.sh'],
          volumeMounts: [{ name: 'app-volume', mountPath: '/root/apache-tomcat-7.0.42-v2/webapps' }],
          ports: [{ containerPort: 8080, hostPort: 8001 }],
        },
      ],
      volumes: [{ name: 'app-volume', emptyDir: {} }],
    },
  },
];
