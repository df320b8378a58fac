/** Small builders of raw manifests for the engine and plugin tests. */
/** busybox runs as root: under runAsNonRoot it needs a uid to start (rule run-as-non-root-image-user). */
export const restrictedContext = {
  allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
};

export function container(name: string, extra: Record<string, unknown> = {}): any {
  return { name, image: 'busybox:1.36.1', securityContext: restrictedContext, ...extra };
}

export function pod(spec: Record<string, unknown>, name = 'pod'): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

export function deployment(spec: Record<string, unknown>, name = 'web'): any {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
  };
}

export function cronJob(spec: Record<string, unknown>, name = 'nightly'): any {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name },
    spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', ...spec } } } } },
  };
}
