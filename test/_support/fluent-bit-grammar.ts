/**
 * Fluent Bit 3.2.10's classic configuration grammar, as far as our generated files use it, to check them in
 * CI where the real binary is not available. The key tables come from that version's `fluent-bit -J`
 * schema (plugin keys) and from its sources (src/flb_config.c [SERVICE] keys, src/flb_input.c and
 * src/flb_output.c generic keys, src/tls/flb_tls.c TLS keys). Keys match case-insensitively, as in Fluent Bit.
 */
type ValueType = 'bool' | 'int' | 'double' | 'size' | 'time' | 'string' | 'log_level' | 'retry_limit' | 'storage_type' | 'stdout_format';

const BOOL = /^(true|false|on|off|yes|no)$/i;
const VALUE_FORMATS: Record<ValueType, (v: string) => boolean> = {
  bool: (v) => BOOL.test(v),
  int: (v) => /^-?\d+$/.test(v),
  double: (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0,
  // Decimal units only: Fluent Bit rejects Kubernetes-style Mi/Ki.
  size: (v) => /^\d+(\.\d+)?([kmg]b?)?$/i.test(v) || /^false$/i.test(v),
  time: (v) => /^\d+[smhd]?$/i.test(v),
  string: (v) => v.length > 0,
  log_level: (v) => /^(off|error|warn|warning|info|debug|trace)$/i.test(v),
  retry_limit: (v) => /^([1-9]\d*|no_limits|false|off|no_retries)$/i.test(v),
  storage_type: (v) => /^(memory|filesystem|memrb)$/i.test(v),
  stdout_format: (v) => /^(msgpack|json|json_lines|json_stream)$/i.test(v),
};

const SERVICE_KEYS: Record<string, ValueType> = {
  'flush': 'double', 'grace': 'int', 'daemon': 'bool', 'log_file': 'string', 'log_level': 'log_level',
  'parsers_file': 'string', 'plugins_file': 'string', 'http_server': 'bool', 'http_listen': 'string', 'http_port': 'int',
  'health_check': 'bool', 'hc_errors_count': 'int', 'hc_retry_failure_count': 'int', 'hc_period': 'int',
  'storage.path': 'string', 'storage.sync': 'string', 'storage.metrics': 'bool', 'storage.checksum': 'bool',
  'storage.backlog.mem_limit': 'size', 'storage.max_chunks_up': 'int', 'hot_reload': 'bool',
};

const INPUT_GENERIC: Record<string, ValueType> = {
  'name': 'string', 'tag': 'string', 'alias': 'string', 'log_level': 'log_level', 'log_suppress_interval': 'time',
  'routable': 'bool', 'mem_buf_limit': 'size', 'storage.type': 'storage_type', 'storage.pause_on_chunks_overlimit': 'bool', 'threaded': 'bool',
};

const OUTPUT_GENERIC: Record<string, ValueType> = {
  'name': 'string', 'match': 'string', 'match_regex': 'string', 'alias': 'string', 'log_level': 'log_level',
  'log_suppress_interval': 'time', 'retry_limit': 'retry_limit', 'storage.total_limit_size': 'size', 'workers': 'int',
};

const NETWORK_OUTPUT: Record<string, ValueType> = {
  'host': 'string', 'port': 'int', 'ipv6': 'bool',
  'tls': 'bool', 'tls.verify': 'bool', 'tls.verify_hostname': 'bool', 'tls.debug': 'int', 'tls.ca_file': 'string',
  'tls.ca_path': 'string', 'tls.crt_file': 'string', 'tls.key_file': 'string', 'tls.key_passwd': 'string', 'tls.vhost': 'string',
  'net.keepalive': 'bool', 'net.keepalive_idle_timeout': 'time', 'net.connect_timeout': 'time', 'net.io_timeout': 'time',
};

const PLUGINS: Record<string, { section: 'INPUT' | 'OUTPUT'; keys: Record<string, ValueType> }> = {
  tail: {
    section: 'INPUT',
    keys: {
      ...INPUT_GENERIC,
      'path': 'string', 'exclude_path': 'string', 'key': 'string', 'read_from_head': 'bool', 'refresh_interval': 'time',
      'rotate_wait': 'time', 'path_key': 'string', 'offset_key': 'string', 'ignore_older': 'time', 'buffer_chunk_size': 'size',
      'buffer_max_size': 'size', 'skip_long_lines': 'bool', 'skip_empty_lines': 'bool', 'exit_on_eof': 'bool', 'parser': 'string',
      'tag_regex': 'string', 'db': 'string', 'db.sync': 'string', 'db.locking': 'bool', 'db.journal_mode': 'string',
      'multiline.parser': 'string', 'inotify_watcher': 'bool',
    },
  },
  es: {
    section: 'OUTPUT',
    keys: {
      ...OUTPUT_GENERIC, ...NETWORK_OUTPUT,
      'index': 'string', 'type': 'string', 'suppress_type_name': 'bool', 'http_user': 'string', 'http_passwd': 'string',
      'compress': 'string', 'cloud_id': 'string', 'cloud_auth': 'string', 'logstash_format': 'bool', 'logstash_prefix': 'string',
      'logstash_dateformat': 'string', 'time_key': 'string', 'time_key_format': 'string', 'time_key_nanos': 'bool',
      'include_tag_key': 'bool', 'tag_key': 'string', 'buffer_size': 'size', 'path': 'string', 'pipeline': 'string',
      'generate_id': 'bool', 'write_operation': 'string', 'id_key': 'string', 'replace_dots': 'bool',
      'current_time_index': 'bool', 'trace_output': 'bool', 'trace_error': 'bool',
    },
  },
  stdout: {
    section: 'OUTPUT',
    keys: { ...OUTPUT_GENERIC, 'format': 'stdout_format', 'json_date_format': 'string', 'json_date_key': 'string' },
  },
};

/** Returns every way the text departs from the grammar; an empty list means the file is valid. */
export function fluentBitProblems(text: string): string[] {
  const problems: string[] = [];
  let section: string | undefined;
  let entries: Array<[string, string, number]> = [];
  const indents = new Set<string>();

  const closeSection = () => {
    if (section) problems.push(...sectionProblems(section, entries));
    entries = [];
  };
  text.split('\n').forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const header = /^\[([A-Za-z_]+)\]$/.exec(line);
    if (header) {
      closeSection();
      section = header[1].toUpperCase();
      if (!['SERVICE', 'INPUT', 'FILTER', 'OUTPUT'].includes(section)) problems.push(`line ${n}: unknown section [${header[1]}]`);
      return;
    }
    const entry = /^([ \t]+)([^ \t=]+) +(\S.*)$/.exec(line);
    if (!entry || !section) {
      problems.push(`line ${n}: not "<indent><key> <value>" inside a section: ${JSON.stringify(line)}`);
      return;
    }
    indents.add(entry[1]);
    entries.push([entry[2], entry[3], n]);
  });
  closeSection();
  if (indents.size > 1) problems.push('inconsistent indentation');
  return problems;
}

function sectionProblems(section: string, entries: Array<[string, string, number]>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [key] of entries) {
    const k = key.toLowerCase();
    if (seen.has(k)) problems.push(`[${section}] ${key} is set twice`);
    seen.add(k);
  }
  let keys: Record<string, ValueType>;
  if (section === 'SERVICE') {
    keys = SERVICE_KEYS;
  } else {
    const name = entries.find(([k]) => k.toLowerCase() === 'name')?.[1];
    const plugin = name ? PLUGINS[name] : undefined;
    if (!plugin || plugin.section !== section) return [...problems, `[${section}] unknown or missing plugin Name ${JSON.stringify(name)}`];
    keys = plugin.keys;
  }
  for (const [key, value, line] of entries) {
    const type = keys[key.toLowerCase()];
    if (!type) {
      problems.push(`line ${line}: [${section}] unknown key ${key}`);
    } else if (!/\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(value) && !VALUE_FORMATS[type](value)) {
      problems.push(`line ${line}: [${section}] ${key}: ${JSON.stringify(value)} is not a valid ${type}`);
    }
  }
  return problems;
}
