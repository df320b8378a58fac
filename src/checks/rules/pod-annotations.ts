import { obj } from '../_plain';
import { quote } from '../_quote';
import { PodContext } from '../pod-context';

/**
 * The pod annotations the API server validates (validation.go ValidatePodSpecificAnnotations; validation_test.go
 * TestValidatePod: "invalid pod-deletion-cost", "invalid leading zeros pod-deletion-cost", "mirror-pod present
 * without nodeName").
 */
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const MIRROR = 'kubernetes.io/config.mirror';
/** An int32 in canonical decimal form: no "+", no leading zeros (strconv.ParseInt, then a round trip). */
const CANONICAL_INT = /^(0|-?[1-9][0-9]*)$/;

export function checkPodAnnotations(ctx: PodContext): void {
  const annotations = obj(ctx.metadata?.annotations);
  if (!annotations) return;
  const cost = annotations[DELETION_COST];
  if (cost !== undefined && cost !== null) {
    const text = String(cost);
    const value = CANONICAL_INT.test(text) ? Number(text) : NaN;
    if (!(value >= -2147483648 && value <= 2147483647)) {
      ctx.error('pod-annotations', ctx.metadataAt(`annotations[${DELETION_COST}]`), `Invalid value: ${quote(cost)}: must be a 32bit integer`,
        'give the cost as a whole number, e.g. "-100" or "100", without "+" or leading zeros');
    }
  }
  if (ctx.ownerKind === 'Pod' && annotations[MIRROR] !== undefined && annotations[MIRROR] !== null
    && (typeof ctx.spec.nodeName !== 'string' || ctx.spec.nodeName === '')) {
    ctx.error('pod-annotations', ctx.metadataAt(`annotations[${MIRROR}]`),
      `Invalid value: ${quote(annotations[MIRROR])}: must set spec.nodeName if mirror pod annotation is set`,
      'remove the annotation: the kubelet sets it on the mirror pods of static pods');
  }
}
