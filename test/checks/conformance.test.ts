import { checkManifest } from '../../src/checks/engine';
import { CASES as FIRST_CASES, ConformanceCase } from '../fixtures/conformance/cases';
import { KNOWN_MISSED } from '../fixtures/conformance/known-missed';
import { MORE_CASES } from '../fixtures/conformance/more-cases';
import { ROW_CASES } from '../fixtures/conformance/row-cases';

const CASES = [...FIRST_CASES, ...MORE_CASES, ...ROW_CASES];

/**
 * The conformance corpus: whole Pods after the cases of kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go (each names its test and case), valid or invalid for exactly
 * the reason the upstream case names, judged at the target each needs (1.35, the default, unless it needs
 * more). Every valid pod must raise no error. Every invalid pod must raise one, except those listed in
 * known-missed.ts, which must still be missed: the list can only shrink, and each fix is recorded there.
 */
const key = (c: ConformanceCase) => `${c.source} | ${c.reason}`;
const errors = (c: ConformanceCase) => checkManifest(c.pod, { podSecurity: 'privileged', kubernetesMinor: c.minMinor ?? 35 })
  .filter((f) => f.severity === 'error');

test('the corpus has at least 400 invalid and 200 valid cases, each with a source', () => {
  expect(CASES.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(400);
  expect(CASES.filter((c) => c.valid).length).toBeGreaterThanOrEqual(200);
  expect(CASES.filter((c) => !/^Test\w+/.test(c.source))).toEqual([]);
});

test('no valid pod raises an error', () => {
  const wrong = CASES.filter((c) => c.valid).flatMap((c) => errors(c).map((f) => `${key(c)}: ${f.rule} ${f.path}: ${f.message}`));
  expect(wrong).toEqual([]);
});

test('every invalid pod raises an error, but those known to be missed', () => {
  const missed = CASES.filter((c) => !c.valid && errors(c).length === 0).map(key).sort();
  const known = [...KNOWN_MISSED].sort();
  expect({ newlyMissed: missed.filter((m) => !known.includes(m)), nowCaught: known.filter((k) => !missed.includes(k)) })
    .toEqual({ newlyMissed: [], nowCaught: [] });
});
