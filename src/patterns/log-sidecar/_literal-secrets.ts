import { IConstruct } from 'constructs';
import { PodPatternError } from '../../core/pod-pattern-error';

/**
 * The typed API has no field for a literal password, but JavaScript callers and `as any` can still pass
 * one. A literal would end up in a ConfigMap in clear text, so it is refused.
 */
export function assertNoLiteralSecret(scope: IConstruct, where: string, props: object | undefined, fields: string[]): void {
  if (!props) return;
  for (const field of fields) {
    if (field in props && (props as Record<string, unknown>)[field] !== undefined) {
      throw new PodPatternError(scope, {
        rule: 'literal-secret',
        field: `destination(${where}).${field}`,
        problem: 'a password given as a literal would be written in clear text into the manifest',
        fix: 'put it in a Secret and reference it (e.g. basicAuth: { username, passwordSecret, passwordKey })',
      });
    }
  }
}
