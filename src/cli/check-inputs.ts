import { checkManifest, POD_LOCATIONS } from '../checks/engine';
import { Finding } from '../checks/finding';
import { PodCheckOptions } from '../checks/pod-context';
import { InputText, ReadProblem } from './read-inputs';
import { parseYamlDocuments, Position, TEMPLATE_ACTION } from './yaml-documents';

/** A finding with the place in the input of the field it names. */
export interface LocatedFinding extends Finding {
  readonly line: number;
  readonly column: number;
}

/** One Kubernetes object of an input (a document, or an item of a `kind: List`), with its findings. */
export interface CheckedObject {
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly document: number;
  /** 0-based index in the document's `items`, for an object of a `kind: List`. */
  readonly item?: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly line: number;
  readonly column: number;
  readonly findings: LocatedFinding[];
}

/** Why an input, or a document of it, was not checked. */
export interface InputError {
  readonly file: string;
  readonly message: string;
  readonly document?: number;
  readonly line?: number;
  readonly column?: number;
}

/**
 * A document that is an object but not a Kubernetes object (no `kind`): a chart's values.yaml, a cdk8s
 * construct-metadata.json beside the manifests. Reported, not checked, and not an error: directories of
 * manifests commonly hold such files, and there is nothing in them a cluster would run.
 */
/**
 * What is not a Kubernetes object, and so not checked: a document without a kind (a Helm values file, a
 * config file), one that is a list or a scalar, a template (`{{ }}`), a file with no document at all. Each
 * gets one note; none makes the run incomplete, so a directory that merely holds such files exits 0 or 1.
 */
export interface SkippedDocument {
  readonly file: string;
  /** The document (from 0); none for a file with no document. */
  readonly document?: number;
  readonly item?: number;
  readonly line?: number;
  readonly column?: number;
  /** Why it is skipped, as the note says it (`is not a Kubernetes object (it has no kind)`). */
  readonly reason: string;
}

const TEMPLATE_REASON = 'is a template ({{ }}): check what it renders (helm template ... | cdk8s-pod-patterns check -)';

export interface CheckReport {
  readonly files: string[];
  /** The Kubernetes objects of each input, in order (a List's items flattened), for the diagrams. */
  readonly manifests: ReadonlyMap<string, unknown[]>;
  readonly objects: CheckedObject[];
  readonly inputErrors: InputError[];
  readonly skipped: SkippedDocument[];
}

export interface CheckInputOptions extends Omit<PodCheckOptions, 'ownerKind' | 'podSecurityDeclared'> {
  /** Rules accepted for every pod, as `--accept` gives them. */
  readonly accept?: readonly string[];
}

/** The reason an `--accept` finding carries. */
export const COMMAND_LINE_ACCEPT_REASON = 'accepted on the command line (--accept)';

/** Checks every object of every input; problems of one input or document never stop the others. */
export function checkInputs(inputs: readonly InputText[], readProblems: readonly ReadProblem[], options: CheckInputOptions = {}): CheckReport {
  const inputErrors: InputError[] = readProblems.map((p) => ({ file: p.name, message: p.message }));
  const objects: CheckedObject[] = [];
  const skipped: SkippedDocument[] = [];
  const manifests = new Map<string, unknown[]>();
  const accepted = new Set(options.accept ?? []);
  const { accept: _accept, ...checkOptions } = options;
  for (const input of inputs) {
    const { documents, problems, templates } = parseYamlDocuments(input.text);
    for (const p of problems) inputErrors.push({ file: input.name, message: p.message, document: p.index, ...p.position });
    for (const t of templates) skipped.push({ file: input.name, document: t.index, ...t.position, reason: TEMPLATE_REASON });
    if (documents.length === 0 && problems.length === 0 && templates.length === 0) {
      skipped.push({ file: input.name, reason: 'holds no YAML document (the file is empty or only comments)' });
    }
    const objectsOfInput: unknown[] = [];
    manifests.set(input.name, objectsOfInput);
    for (const doc of documents) {
      const value = doc.value;
      if (!isObject(value)) {
        skipped.push({ file: input.name, document: doc.index, ...doc.position,
          reason: `is not a Kubernetes object: it is ${describe(value)}, and a manifest is a mapping with apiVersion and kind` });
        continue;
      }
      for (const [object, item, prefix] of listEntries(value, '')) {
        const at = doc.locate(prefix.slice(0, -1));
        if (!isObject(object)) {
          inputErrors.push({ file: input.name, document: doc.index, ...at,
            message: `${prefix.slice(0, -1)} of the List is not an object but ${describe(object)}` });
          continue;
        }
        if (object.kind === undefined && item === undefined) {
          skipped.push({ file: input.name, document: doc.index, ...at, reason: 'is not a Kubernetes object (it has no kind)' });
          continue;
        }
        if (hasPod(object) && TEMPLATE_ACTION.test(JSON.stringify(object))) {
          // Read as YAML, but its values are template actions (`image: "{{ .Values.image }}"`): no pod yet.
          skipped.push({ file: input.name, document: doc.index, ...at, reason: TEMPLATE_REASON });
          continue;
        }
        if (typeof object.kind !== 'string' || object.kind === '') {
          inputErrors.push({ file: input.name, document: doc.index, ...at,
            message: `${item === undefined ? `document ${doc.index + 1}` : `items[${item}] of the List`} has an empty kind, or one not a string` });
          continue;
        }
        objectsOfInput.push(object);
        const metadata = isObject(object.metadata) ? object.metadata : {};
        const findings = checkManifest(object, checkOptions).map((f): LocatedFinding => {
          const position: Position = doc.locate(prefix + f.path);
          const finding = accepted.has(f.rule) && f.severity !== 'accepted'
            ? { ...f, severity: 'accepted' as const, acceptedBecause: COMMAND_LINE_ACCEPT_REASON }
            : f;
          return { ...finding, path: prefix + f.path, line: position.line, column: position.column };
        });
        // In the order of the file, as an editor shows them (sort is stable: the engine's order within a line).
        findings.sort((a, b) => a.line - b.line || a.column - b.column);
        objects.push({
          file: input.name,
          document: doc.index,
          ...(item !== undefined ? { item } : {}),
          kind: object.kind,
          name: typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '',
          ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
          ...at,
          findings,
        });
      }
    }
  }
  return { files: inputs.map((i) => i.name), manifests, objects, inputErrors, skipped };
}

/**
 * The objects of a document, as kubectl applies them: a `kind: List` or any `<Kind>List` (`PodList`,
 * `DeploymentList`, as `kubectl get -o yaml` writes them) stands for its items, lists inside lists too.
 * Each comes with its index in its list and the path prefix of its fields.
 */
function listEntries(value: Record<string, unknown>, prefix: string): Array<[unknown, number | undefined, string]> {
  const isList = typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
  if (!isList) return [[value, undefined, prefix]];
  return (value.items as unknown[]).flatMap((item, i): Array<[unknown, number | undefined, string]> => {
    const at = `${prefix}items[${i}].`;
    return isObject(item) ? listEntries(item, at).map(([o, index, p]) => [o, index ?? i, p]) : [[item, i, at]];
  });
}

/** Whether the object is of a kind whose pod the engine checks. */
function hasPod(object: Record<string, unknown>): boolean {
  return typeof object.kind === 'string' && Object.hasOwn(POD_LOCATIONS, object.kind);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}
