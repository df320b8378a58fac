/**
 * Trimming without regular expressions: `/\/+$/` and the like try every position of a long run and take
 * quadratic time on input such as many slashes followed by a letter. These loops are linear on any input.
 */

/** The text without the trailing characters in `chars`; `keep` characters at the start always stay. */
export function trimTrailing(text: string, chars: string, keep = 0): string {
  let end = text.length;
  while (end > keep && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}
