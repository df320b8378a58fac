/**
 * Fluentd 1.16's configuration grammar (v1 syntax), as far as our generated files use it, with the
 * parameters of the plugins involved: in_tail and parser_none of fluentd v1.16.11, the file buffer, and the
 * `mongo` output of fluent-plugin-mongo 1.6.3 (lib/fluent/plugin/out_mongo.rb). CI has no Fluentd (it runs
 * from source trees that CI cannot fetch: `npm run verify:fluentd-mongo` runs it by hand), so the unit tests
 * check the files against these documented parameters.
 */
type ParamType = 'bool' | 'integer' | 'size' | 'time' | 'string' | 'log_level';

const FORMATS: Record<ParamType, (v: string) => boolean> = {
  bool: (v) => v === 'true' || v === 'false',
  integer: (v) => /^-?\d+$/.test(v),
  size: (v) => /^\d+(\.\d+)?[kmgt]?$/i.test(v),
  time: (v) => /^\d+(\.\d+)?[smhd]?$/.test(v),
  string: (v) => v.length > 0,
  log_level: (v) => /^(trace|debug|info|warn|error|fatal)$/.test(v),
};

interface DirectiveSpec {
  readonly params: Record<string, ParamType>;
  readonly required?: string[];
  /** Nested directives allowed, by name (`parse`, `buffer`). */
  readonly children?: Record<string, (type: string | undefined) => DirectiveSpec | undefined>;
  readonly requiredChildren?: string[];
  /** Whether the directive takes an argument (`<match tag>`). */
  readonly arg?: boolean;
}

const SYSTEM: DirectiveSpec = {
  params: { log_level: 'log_level', suppress_config_dump: 'bool', workers: 'integer', root_dir: 'string', without_source: 'bool', enable_jit: 'bool' },
};

const PARSE_NONE: DirectiveSpec = { params: { '@type': 'string', message_key: 'string' } };

const BUFFER_FILE: DirectiveSpec = {
  params: {
    '@type': 'string', path: 'string', path_suffix: 'string', flush_mode: 'string', flush_interval: 'time', flush_at_shutdown: 'bool',
    flush_thread_count: 'integer', chunk_limit_size: 'size', total_limit_size: 'size', overflow_action: 'string',
    retry_forever: 'bool', retry_max_times: 'integer', retry_timeout: 'time', retry_type: 'string', retry_wait: 'time',
    retry_max_interval: 'time', compress: 'string',
  },
  required: ['path'],
};

const IN_TAIL: DirectiveSpec = {
  params: {
    '@type': 'string', path: 'string', tag: 'string', exclude_path: 'string', rotate_wait: 'time', pos_file: 'string',
    read_from_head: 'bool', refresh_interval: 'time', read_lines_limit: 'integer', path_key: 'string', follow_inodes: 'bool',
    enable_watch_timer: 'bool', enable_stat_watcher: 'bool', encoding: 'string', max_line_size: 'size', emit_unmatched_lines: 'bool',
    skip_refresh_on_startup: 'bool', limit_recently_modified: 'time', open_on_every_update: 'bool',
  },
  required: ['path', 'tag'],
  children: { parse: (type) => (type === 'none' ? PARSE_NONE : undefined) },
  requiredChildren: ['parse'],
};

const OUT_MONGO: DirectiveSpec = {
  arg: true,
  params: {
    '@type': 'string', connection_string: 'string', database: 'string', collection: 'string', host: 'string', port: 'integer',
    write_concern: 'integer', journaled: 'bool', replace_dot_in_key_with: 'string', replace_dollar_in_key_with: 'string',
    ssl: 'bool', ssl_cert: 'string', ssl_key: 'string', ssl_verify: 'bool', ssl_ca_cert: 'string', ordered: 'bool',
    user: 'string', password: 'string', auth_source: 'string', auth_mech: 'string', mongo_log_level: 'string', expire_after: 'time',
  },
  // The plugin raises unless `collection` is written, and unless connection_string or database is given.
  required: ['collection'],
  children: { buffer: (type) => (type === 'file' ? BUFFER_FILE : undefined) },
};

const TOP: Record<string, (type: string | undefined) => DirectiveSpec | undefined> = {
  system: () => SYSTEM,
  source: (type) => (type === 'tail' ? IN_TAIL : undefined),
  match: (type) => (type === 'mongo' ? OUT_MONGO : undefined),
};

interface Directive { name: string; arg?: string; params: Array<[string, string, number]>; children: Directive[]; line: number }

function parse(text: string, problems: string[]): Directive[] {
  const root: Directive = { name: '', params: [], children: [], line: 0 };
  const stack = [root];
  text.split('\n').forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const open = /^<([a-z_]+)(?: ([^>]+))?>$/.exec(line);
    const close = /^<\/([a-z_]+)>$/.exec(line);
    if (open) {
      const d: Directive = { name: open[1], arg: open[2], params: [], children: [], line: n };
      stack[stack.length - 1].children.push(d);
      stack.push(d);
    } else if (close) {
      const top = stack.pop();
      if (!top || top.name !== close[1]) problems.push(`line ${n}: </${close[1]}> closes <${top?.name}>`);
    } else {
      const param = /^(@?[a-z_]+) (.+)$/.exec(line);
      if (!param || stack.length === 1) problems.push(`line ${n}: not "name value" inside a directive: ${JSON.stringify(raw)}`);
      else stack[stack.length - 1].params.push([param[1], param[2], n]);
    }
  });
  if (stack.length !== 1) problems.push(`<${stack[stack.length - 1].name}> is never closed`);
  return root.children;
}

/**
 * A double-quoted value is Ruby-interpolated; it must be well formed, and `\` may only escape r n t f b 0 " \.
 * The one interpolation allowed is a whole value read from the environment: `ENV['X']`, `ENV['X'] || use_nil`,
 * or the library's required-credential guard (`fluentdRequiredEnv`), whose statements are checked one by one.
 */
function valueOf(raw: string, problems: string[], where: string): string {
  if (!raw.startsWith('"')) return raw;
  if (!raw.endsWith('"') || raw.length < 2) {
    problems.push(`${where}: unterminated double-quoted value ${raw}`);
    return raw;
  }
  const body = raw.slice(1, -1);
  if (body.startsWith('#{') && body.endsWith('}')) {
    const problem = embeddedCodeProblem(body.slice(2, -1));
    if (problem) problems.push(`${where}: unexpected interpolation ${body} (${problem})`);
    return 'x';
  }
  if (/\\[^rntfb0"\\#]/.test(body)) problems.push(`${where}: invalid escape in ${raw}`);
  if (body.includes('#{')) problems.push(`${where}: unexpected interpolation in ${raw}`);
  return body || 'x';
}

const RUBY_STRING = "'(?:[^'\\\\]|\\\\.)*'";
const GUARD_STATEMENTS = [
  /^v = ENV\['[A-Z_][A-Z0-9_]*'\]\.to_s$/,
  new RegExp(`^abort\\(${RUBY_STRING}( \\+ d\\.inspect \\+ ${RUBY_STRING})?\\) if (v\\.empty\\?|d\\.empty\\?|d != ${RUBY_STRING})$`),
  /^require 'uri'$/,
  /^d = URI::DEFAULT_PARSER\.unescape\(v\[%r\{[^}]*\}, 1\]\.to_s\)$/,
];

function embeddedCodeProblem(code: string): string | undefined {
  if (/^ENV\['[A-Z_][A-Z0-9_]*'\]( \|\| use_nil)?$/.test(code)) return undefined;
  const statements = code.split('; ');
  if (!statements[0].startsWith('v = ENV[') || statements[statements.length - 1] !== 'v') return 'not a value from the environment';
  const unknown = statements.slice(0, -1).find((s) => !GUARD_STATEMENTS.some((pattern) => pattern.test(s)));
  return unknown === undefined ? undefined : `unknown statement ${unknown}`;
}

function check(d: Directive, spec: DirectiveSpec, problems: string[]): void {
  const where = `line ${d.line} <${d.name}>`;
  if (spec.arg && !d.arg) problems.push(`${where}: needs an argument`);
  const seen = new Set<string>();
  for (const [key, raw, n] of d.params) {
    if (seen.has(key)) problems.push(`line ${n}: ${key} is set twice`);
    seen.add(key);
    const type = spec.params[key];
    if (!type) {
      problems.push(`line ${n}: <${d.name}> unknown parameter ${key}`);
      continue;
    }
    const value = valueOf(raw, problems, `line ${n}`);
    if (!FORMATS[type](value)) problems.push(`line ${n}: ${key}: ${JSON.stringify(raw)} is not a valid ${type}`);
  }
  for (const key of spec.required ?? []) if (!seen.has(key)) problems.push(`${where}: required parameter ${key} is missing`);
  for (const child of d.children) {
    const type = child.params.find(([k]) => k === '@type')?.[1];
    const childSpec = spec.children?.[child.name]?.(type);
    if (!childSpec) problems.push(`line ${child.line}: <${child.name}> (@type ${type}) is not allowed in <${d.name}>`);
    else check(child, childSpec, problems);
  }
  for (const name of spec.requiredChildren ?? []) {
    if (!d.children.some((c) => c.name === name)) problems.push(`${where}: <${name}> section is required`);
  }
}

/** Returns every way the text departs from the grammar; an empty list means the file is valid. */
export function fluentdProblems(text: string): string[] {
  const problems: string[] = [];
  const directives = parse(text, problems);
  if (directives.filter((d) => d.name === 'system').length > 1) problems.push('only one <system> is allowed');
  for (const d of directives) {
    const type = d.params.find(([k]) => k === '@type')?.[1];
    const spec = TOP[d.name]?.(type);
    if (!spec) problems.push(`line ${d.line}: <${d.name}> (@type ${type}) is not a known directive here`);
    else check(d, spec, problems);
  }
  const mongo = directives.find((d) => d.name === 'match');
  if (mongo && !mongo.params.some(([k]) => k === 'connection_string' || k === 'database')) {
    problems.push('<match> mongo: connection_string or database parameter is required');
  }
  return problems;
}
