import { ApiObject } from 'cdk8s';
import { kplus } from './cdk8s-plus';

/**
 * The L1's filters, read from its generated code: for each type, what the installed cdk8s-plus major's
 * `kplus.k8s.toJson_<Type>` (public in every major) does with each field of its input, as a table, read
 * once per type and process from the function's own source. `l1-render.ts` applies the tables.
 *
 * Every such function has one form, which is what is read here, line by line and exactly:
 *
 *     function toJson_<Type>(obj) {
 *       if (obj === undefined) { return undefined; }
 *       const result = { '<key>': <one of the Form expressions below>, ... };
 *       // filter undefined values
 *       return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
 *     }
 *
 * A function of any other form, or with an expression of any other form, has no table (null), and
 * neither has any type that holds it: the renders of such objects go through the L1 itself. So does an
 * L1 class that is not the bound major's own, or whose `toJson()` is not the generated
 * `{ ...KubeX.GVK, ...toJson_KubeXProps(super.toJson()) }`.
 */

/** What a generated `toJson_<Type>` does with one field of its input. */
export type Form =
  | 'value' // 'f': obj.f
  | 'object' // 'f': toJson_T(obj.f)
  | 'object-list' // 'f': obj.f?.map(y => toJson_T(y))
  | 'value-list' // 'f': obj.f?.map(y => y)
  | 'unwrap' // 'f': obj.f?.value  (IntOrString, Quantity)
  | 'map' // 'f': Object.entries(obj.f) without the undefined values
  | 'unwrap-map' // 'f': the same, each value's .value  (a map of Quantity)
  | 'timestamp'; // 'f': obj.f?.toISOString()

export interface Field {
  /** The key written (the Kubernetes name). */
  readonly key: string;
  /** The key read (the L1's TypeScript name: `hostIpc` for `hostIPC`). */
  readonly from: string;
  readonly form: Form;
  /** For 'object' and 'object-list': the generated function of the field's type. */
  readonly type?: string;
  /** That type's table, read on first use (null: the L1's function has a form this does not know). */
  table?: Table | null;
}

export type Table = readonly Field[];

const tables = new Map<string, Table | null>();
const l1Classes = new WeakMap<object, L1Class | null>();

export interface L1Class {
  readonly apiVersion: string;
  readonly kind: string;
  readonly props: Table;
}

/**
 * The L1 class of the object, when its `toJson()` is the generated one: `{ ...KubeX.GVK,
 * ...toJson_KubeXProps(super.toJson()) }`, directly over cdk8s's ApiObject.
 */
export function l1ClassOf(apiObject: ApiObject): L1Class | undefined {
  const constructor = Object.getPrototypeOf(apiObject)?.constructor;
  if (typeof constructor !== 'function') return undefined;
  let known = l1Classes.get(constructor);
  if (known === undefined) {
    known = readL1Class(constructor);
    l1Classes.set(constructor, known);
  }
  return known ?? undefined;
}

function readL1Class(constructor: { readonly prototype: unknown; readonly name: string }): L1Class | null {
  // The bound major's own class: the tables are read from its functions, and another major's L1 (or a
  // `cdk8s import`ed one) has other fields under the same names.
  if ((kplus.k8s as unknown as Record<string, unknown>)[constructor.name] !== constructor) return null;
  const prototype = constructor.prototype as { toJson?: unknown };
  if (Object.getPrototypeOf(prototype) !== ApiObject.prototype || !Object.prototype.hasOwnProperty.call(prototype, 'toJson')) return null;
  const source = String(prototype.toJson).replace(/\s+/g, ' ');
  const form = /^toJson\(\) \{ const resolved = super\.toJson\(\); return \{ \.\.\.(\w+)\.GVK, \.\.\.(toJson_\w+)\(resolved\), \}; \}$/
    .exec(source);
  const gvk = (constructor as { GVK?: unknown }).GVK;
  if (!form || form[1] !== constructor.name || !isPlainObject(gvk)) return null;
  const keys = Object.keys(gvk);
  if (keys.length !== 2 || keys[0] !== 'apiVersion' || keys[1] !== 'kind') return null;
  if (typeof gvk.apiVersion !== 'string' || typeof gvk.kind !== 'string') return null;
  const props = tableOf(form[2]);
  return props ? { apiVersion: gvk.apiVersion, kind: gvk.kind, props } : null;
}

export function tableOf(name: string): Table | null {
  let table = tables.get(name);
  if (table === undefined) {
    const generated = (kplus.k8s as unknown as Record<string, unknown>)[name];
    table = typeof generated === 'function' ? readTable(name, String(generated)) : null;
    tables.set(name, table);
  }
  return table;
}

const ID = '(\\w+)';
const FIELD_FORMS: ReadonlyArray<readonly [RegExp, Form]> = [
  [new RegExp(`^obj\\.${ID}$`), 'value'],
  [new RegExp(`^(toJson_\\w+)\\(obj\\.${ID}\\)$`), 'object'],
  [new RegExp(`^obj\\.${ID}\\?\\.map\\(y => (toJson_\\w+)\\(y\\)\\)$`), 'object-list'],
  [new RegExp(`^obj\\.${ID}\\?\\.map\\(y => y\\)$`), 'value-list'],
  [new RegExp(`^obj\\.${ID}\\?\\.value$`), 'unwrap'],
  [new RegExp(`^obj\\.${ID}\\?\\.toISOString\\(\\)$`), 'timestamp'],
  [mapForm('i[1]'), 'map'],
  [mapForm('i[1]?.value'), 'unwrap-map'],
];

function mapForm(value: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\(\\(obj\\.${ID}\\) === undefined\\) \\? undefined : \\(Object\\.entries\\(obj\\.\\1\\)\\.reduce\\(`
    + `${escape(`(r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: ${value} }), {}))`)}$`);
}

const HEAD = 'if (obj === undefined) { return undefined; } const result = {';
const TAIL = '}; // filter undefined values '
  + 'return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {}); }';

/** The table of a generated `toJson_<Type>` from its source, one field per line; null for any other form. */
function readTable(name: string, source: string): Table | null {
  const lines = source.split('\n').map((line) => line.trim());
  if (lines[0] !== `function ${name}(obj) {`) return null;
  const first = lines.indexOf('const result = {');
  const last = lines.indexOf('};', first);
  if (first < 0 || last < 0 || lines.slice(1, first + 1).join(' ') !== HEAD || lines.slice(last).join(' ') !== TAIL) return null;
  const table: Field[] = [];
  for (const line of lines.slice(first + 1, last)) {
    const field = /^'([^'\\]+)': (.+),$/.exec(line);
    const parsed = field ? readField(field[1], field[2]) : undefined;
    if (parsed === undefined) return null;
    table.push(parsed);
  }
  return table;
}

function readField(key: string, expression: string): Field | undefined {
  for (const [pattern, form] of FIELD_FORMS) {
    const match = pattern.exec(expression);
    if (!match) continue;
    if (form === 'object') return { key, from: match[2], form, type: match[1] };
    if (form === 'object-list') return { key, from: match[1], form, type: match[2] };
    return { key, from: match[1], form };
  }
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
