/**
 * nginx's configuration format: `name args;` directives and `name args { ... }` blocks, indented two spaces
 * per level. Values reach here checked (host names, numbers, paths of our own), so none needs quoting;
 * the writer refuses a value with a character nginx would read as syntax, against the library's own mistakes.
 */
export type NginxDirective =
  | readonly [string, ...string[]]
  | { readonly block: readonly [string, ...string[]]; readonly body: readonly NginxDirective[] };

export function renderNginxConfig(header: string, directives: readonly NginxDirective[]): string {
  return `# ${header}\n${directives.map((d) => render(d, 0)).join('\n')}\n`;
}

function render(directive: NginxDirective, depth: number): string {
  const indent = '  '.repeat(depth);
  if (Array.isArray(directive)) return `${indent}${words(directive as readonly string[])};`;
  const block = directive as { block: readonly string[]; body: readonly NginxDirective[] };
  return [`${indent}${words(block.block)} {`, ...block.body.map((d) => render(d, depth + 1)), `${indent}}`].join('\n');
}

function words(parts: readonly string[]): string {
  for (const part of parts) {
    // A quoted word is written by the library itself (a return body, a header value).
    if (!/^"[^"\\\n]*"$/.test(part) && /[\s;{}#"'\\]/.test(part)) throw new Error(`nginx: a word must not hold spaces or ; { } # quotes, got ${JSON.stringify(part)}`);
  }
  return parts.join(' ');
}

/**
 * Where nginx writes at run time, all under /tmp (an emptyDir: the root filesystem is read-only): its pid
 * file and the temporary files of each module. The image's nginx is built with other paths; these
 * override them, so the configuration runs the same on the image and on Debian's nginx in the tests.
 */
export const NGINX_RUNTIME_DIRECTORY = '/tmp';

/** The top of every generated configuration: one worker, the pid under /tmp, errors to stderr. */
export function nginxMain(): NginxDirective[] {
  return [
    ['worker_processes', '1'],
    ['pid', `${NGINX_RUNTIME_DIRECTORY}/nginx.pid`],
    ['error_log', 'stderr', 'notice'],
    { block: ['events'], body: [['worker_connections', '1024']] },
  ];
}

/** The temporary paths of the http module, and no version in error pages or headers. */
export function httpCommon(): NginxDirective[] {
  return [
    ['client_body_temp_path', `${NGINX_RUNTIME_DIRECTORY}/client_body`],
    ['proxy_temp_path', `${NGINX_RUNTIME_DIRECTORY}/proxy`],
    ['fastcgi_temp_path', `${NGINX_RUNTIME_DIRECTORY}/fastcgi`],
    ['uwsgi_temp_path', `${NGINX_RUNTIME_DIRECTORY}/uwsgi`],
    ['scgi_temp_path', `${NGINX_RUNTIME_DIRECTORY}/scgi`],
    ['server_tokens', 'off'],
  ];
}
