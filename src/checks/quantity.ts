const SUFFIXES: Record<string, number> = {
  '': 1, 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};
const QUANTITY = /^([+-]?[0-9]+(?:\.[0-9]*)?|[+-]?\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/;

/**
 * The value of a Kubernetes resource quantity (`500m`, `1.5`, `512Mi`, `1e3`), or undefined if it is not one.
 * A float: good for showing and estimating; compare quantities with {@link parseQuantityNanos}.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  return parseQuantityCached(value);
}

/** Only short texts are cached: real quantities are a few characters, and a hostile one must not stay in memory. */
const MAX_CACHED_LENGTH = 64;

/**
 * Pods repeat a few quantities ("20m", "128Mi") many times over, and parsing is the costly part. The cache
 * holds at most 1,024 texts of at most 64 characters, for the life of the process.
 */
function cachedByText<T>(parse: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (text.length > MAX_CACHED_LENGTH) return parse(text);
    if (cache.has(text)) return cache.get(text)!;
    const parsed = parse(text);
    if (cache.size >= 1024) cache.clear();
    cache.set(text, parsed);
    return parsed;
  };
}

function parseQuantityText(value: string): number | undefined {
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const base = Number(match[1]);
  if (match[3] !== undefined) return base * 10 ** Number(match[3]);
  return base * SUFFIXES[match[2] ?? ''];
}

const DECIMAL_EXPONENTS: Record<string, number> = { '': 0, 'n': -9, 'u': -6, 'm': -3, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY_EXPONENTS: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
/** apimachinery caps every quantity at 2^63-1 units. */
const MAX_NANOS = ((1n << 63n) - 1n) * 1_000_000_000n;
const INT32_MAX = 2147483647;

/**
 * A quantity as an exact count of nano-units (`102m` and `0.102` are both 102000000n), or undefined if it is
 * not a quantity. Floats cannot compare quantities: 0.102 is not 102 * 0.001 in binary. Like the API server
 * (apimachinery `ParseQuantity`), a non-zero value finer than 1n is rounded up, away from zero, and values
 * are capped at 2^63-1 units, so comparisons agree with what the server stores.
 */
export function parseQuantityNanos(value: unknown): bigint | undefined {
  // A YAML number (`cpu: 0.5`) reaches the API server as its JSON text, which the server parses as a quantity.
  const textForm = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : undefined) : typeof value === 'string' ? value : undefined;
  if (textForm === undefined) return undefined;
  return parseNanosCached(textForm);
}

function parseNanosText(value: string): bigint | undefined {
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const negative = match[1].startsWith('-');
  const [whole, rawFraction = ''] = match[1].replace(/^[+-]/, '').split('.');
  // Judged on its form first, so no big-number arithmetic sees more than 64 digits: trailing zeros of the
  // fraction and leading zeros change nothing, and past 64 significant digits the magnitude is rounded up
  // at the 64th (the API server keeps at most 2^63-1 nano-units, 28 digits, so this never shows).
  const fraction = rawFraction.slice(0, lastNonZero(rawFraction) + 1);
  const all = `${whole}${fraction}`;
  let significant = all.slice(firstNonZero(all));
  if (significant === '') return 0n;
  let exponent10 = -fraction.length;
  let sticky = 0n;
  if (significant.length > 64) {
    sticky = lastNonZero(significant) >= 64 ? 1n : 0n;
    exponent10 += significant.length - 64;
    significant = significant.slice(0, 64);
  }
  const digits = BigInt(significant) + sticky;
  let tens: number;
  let twos = 0;
  if (match[3] !== undefined) {
    const exponent = Number(match[3]);
    // Far beyond any real quantity: treated as not a quantity (apimachinery would overflow its int32 scale).
    if (!Number.isInteger(exponent) || Math.abs(exponent) > INT32_MAX) return undefined;
    tens = exponent;
  } else if (match[2] !== undefined && BINARY_EXPONENTS[match[2]] !== undefined) {
    tens = 0;
    twos = BINARY_EXPONENTS[match[2]];
  } else {
    tens = DECIMAL_EXPONENTS[match[2] ?? ''];
  }
  // value = digits * 10^(tens + exponent10) * 2^twos; in nanos, shift by 9 more.
  const shift = tens + exponent10 + 9;
  const scaled = digits << BigInt(twos);
  let nanos: bigint;
  if (shift >= 0) {
    // Anything with more than 40 digits is far above the cap; do not build a huge number to find that out.
    nanos = shift + scaled.toString().length > 40 ? MAX_NANOS : scaled * 10n ** BigInt(shift);
  } else if (-shift > scaled.toString().length) {
    nanos = 1n;
  } else {
    const divisor = 10n ** BigInt(-shift);
    nanos = (scaled + divisor - 1n) / divisor;
  }
  if (nanos > MAX_NANOS) nanos = MAX_NANOS;
  return negative ? -nanos : nanos;
}

/** Index of the first character that is not "0" (the length when there is none); a loop, linear on any input. */
function firstNonZero(digits: string): number {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 48) i++;
  return i;
}

/** Index of the last character that is not "0" (-1 when there is none). */
function lastNonZero(digits: string): number {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 48) i--;
  return i;
}

const parseQuantityCached = cachedByText(parseQuantityText);
const parseNanosCached = cachedByText(parseNanosText);
