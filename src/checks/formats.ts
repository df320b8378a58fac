/**
 * The value formats the Kubernetes API server enforces (apimachinery `pkg/util/validation`, v0.27).
 * Each function returns the API server's own complaint, or `undefined` when the value is valid, so that
 * constructs and checks report what `kubectl apply` would have said.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PORT_NAME_CHARS = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;

/** Control characters end a line or are not shown: names and one-line values may hold none. */
// eslint-disable-next-line no-control-regex -- matching control characters is what this pattern is for
export const CONTROL = /[\u0000-\u001f\u007f]/;

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/** Container, volume and hostname names. */
export function dnsLabelProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'Required value';
  if (value.length > DNS1123_LABEL_MAX_LENGTH) {
    return `must be no more than ${DNS1123_LABEL_MAX_LENGTH} characters`;
  }
  if (!DNS1123_LABEL.test(value)) {
    if (DNS1123_SUBDOMAIN.test(value)) {
      return 'must not contain dots';
    }
    return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
      + "and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')";
  }
  return undefined;
}

/** Pod names, service account names. */
export function dnsSubdomainProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'Required value';
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    return `must be no more than ${DNS1123_SUBDOMAIN_MAX_LENGTH} characters`;
  }
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
      + "and must start and end with an alphanumeric character (e.g. 'example.com')";
  }
  return undefined;
}

/**
 * A field the API server decodes as an integer (int32 or int64): JSON has no NaN or infinities, and a
 * fraction does not decode, so those are named as such rather than compared with the range.
 */
export function integerProblem(value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): string | undefined {
  if (typeof value !== 'number') return 'must be an integer';
  if (!Number.isFinite(value)) return 'must be a finite integer (JSON has no NaN or infinities)';
  if (!Number.isInteger(value)) return 'must be an integer';
  if (value < min) return min === 0 ? 'must be greater than or equal to 0' : min === 1 ? 'must be greater than 0' : `must be at least ${min}`;
  if (value > max) return `must be at most ${max}`;
  return undefined;
}

export function portNumberProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    return 'must be between 1 and 65535, inclusive';
  }
  return undefined;
}

/** IANA_SVC_NAME, used for container port names. */
export function portNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!PORT_NAME_CHARS.test(value)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (!HAS_LETTER.test(value)) return 'must contain at least one letter (a-z)';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/**
 * The API server only requires a non-empty mountPath; a relative path or one with ':' is accepted and then
 * fails on the node, so we hold mount paths to what the API documentation promises.
 */
export function mountPathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must not be empty';
  if (!value.startsWith('/')) return 'must be an absolute path (start with "/")';
  if (value.includes(':')) return "must not contain ':'";
  return undefined;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_CHARS = "must consist of alphanumeric characters, '-', '_' or '.', "
  + "and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')";

/** Label and annotation keys (`IsQualifiedName`): an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function qualifiedNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const parts = value.split('/');
  if (parts.length > 2) {
    return `a qualified name ${QUALIFIED_NAME_CHARS} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') return 'prefix part must be non-empty';
    const prefixProblem = dnsSubdomainProblem(parts[0]);
    if (prefixProblem) return `prefix part ${prefixProblem}`;
  }
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) return `name part ${QUALIFIED_NAME_CHARS}`;
  return undefined;
}

/** Label values (`IsValidLabelValue`): empty, or at most 63 characters that start and end alphanumeric. */
export function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
      + "and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')";
  }
  return undefined;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** A key of a ConfigMap or Secret (IsConfigMapKey): what `key` in a key selector or item may be. */
export function configKeyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must not be empty';
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!CONFIG_KEY.test(value)) {
    return "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name')";
  }
  if (value === '.') return "must not be '.'";
  if (value === '..') return "must not be '..'";
  if (value.startsWith('..')) return "must not start with '..'";
  return undefined;
}
