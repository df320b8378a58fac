const templateOf = (doc: any) => (doc.kind === 'Pod' ? doc.spec : doc.kind === 'CronJob' ? doc.spec.jobTemplate.spec.template.spec : doc.spec.template.spec);

/** Everything a reviewer needs to see: each container, its image and ports, each volume, each mount path. */
export function expectedNames(doc: any): string[] {
  const spec = templateOf(doc);
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  return [
    ...containers.flatMap((c: any) => [c.name, c.image, ...(c.ports ?? []).map((p: any) => `:${p.containerPort}/`), ...(c.volumeMounts ?? []).map((m: any) => m.mountPath)]),
    ...(spec.volumes ?? []).map((v: any) => `volume ${v.name}`),
  ];
}
