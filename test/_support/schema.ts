/**
 * Checks synthesized documents against the Kubernetes 1.27 JSON schemas that `kubernetes-models` carries:
 * types and required fields, the part of validation that a schema can see.
 */
export function schemaProblems(doc: any): string | undefined {
  if (isCustomResource(doc)) return undefined;
  const kind: string = doc.kind;
  const apiVersion: string = doc.apiVersion;
  const model = require(`kubernetes-models/${apiVersion}/${kind}`);
  const Model = model[kind] ?? model.default;
  try {
    new Model(doc).validate();
    return undefined;
  } catch (err) {
    return `${kind} ${doc.metadata?.name}: ${(err as Error).message}`;
  }
}

export function expectSchemaValid(docs: any[]): void {
  expect(docs.length).toBeGreaterThan(0);
  const problems = docs.map(schemaProblems).filter((p) => p !== undefined);
  expect(problems).toEqual([]);
}

/**
 * The custom resources the library writes (the Prometheus Operator's PodMonitor): no Kubernetes schema has
 * them; their shape is tested where they are made (test/patterns/adapter).
 */
export function isCustomResource(doc: any): boolean {
  return doc.apiVersion === 'monitoring.coreos.com/v1';
}
