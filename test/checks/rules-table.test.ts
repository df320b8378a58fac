import * as fs from 'fs';
import * as path from 'path';
import { RULES, RuleSeverity } from '../../src/checks/rules-table';
import { NATIVE_SIDECAR_MIN_MINOR } from '../../src/patterns/native-sidecars';
import { ruleIdsInSource } from '../_support/rule-ids';

// The generator is the script's own module, plain JavaScript, as `node scripts/generate-docs.js` runs it.
 
const { renderRulesMarkdown, severityText } = require('../../scripts/docs/rules-markdown') as {
  renderRulesMarkdown: (rules: typeof RULES) => string; severityText: (severity: RuleSeverity) => string;
};

const source = ruleIdsInSource();
const table = new Map(RULES.map((r) => [r.id, r]));

describe('the rule table and the source', () => {
  test('has one entry per id', () => {
    expect(RULES.length).toBe(table.size);
  });

  test('every rule id written in src/ is in the table', () => {
    expect([...source.ids.keys()].filter((id) => !table.has(id)).sort()).toEqual([]);
  });

  test('every entry of the table is written somewhere in src/', () => {
    expect(RULES.map((r) => r.id).filter((id) => !source.ids.has(id))).toEqual([]);
  });

  test('the source writes rule ids only in ways the test reads', () => {
    expect(source.unrecognized).toEqual([]);
  });

  // The constructs' early checks of names, mount paths and ports call the engine's judgements, so an id the
  // engine writes may be raised by a construct too ('both'); an id only the construct side writes is 'constructs'.
  test('reportedBy: constructs exactly for the ids that src/checks/ does not write', () => {
    const wrong = RULES.flatMap((r) => {
      const files = [...(source.ids.get(r.id) ?? [])];
      const engine = files.some((f) => f.startsWith(`checks${path.sep}`));
      const both = files.some((f) => !f.startsWith(`checks${path.sep}`));
      if (engine ? r.reportedBy === 'constructs' || (both && r.reportedBy !== 'both') : r.reportedBy !== 'constructs') {
        return [`${r.id}: table ${r.reportedBy}, written in ${files.join(', ')}`];
      }
      return [];
    });
    expect(wrong).toEqual([]);
  });

  test('the severity fits how the source reports the id', () => {
    // A decision the pod records (accepted) can be about a finding of any severity.
    const fits = (severity: RuleSeverity, as: string) => as === 'unknown' || as === 'accepted'
      || (as === 'error' && (severity === 'error' || severity.startsWith('error-at-')))
      || (as === 'warning' && (severity === 'warning' || severity.startsWith('error-at-')))
      || (as === 'either' && (severity.startsWith('error-from-') || severity === 'warning-error-if-pinned-images'));
    const wrong = RULES.flatMap((r) => [...(source.writtenAs.get(r.id) ?? [])]
      .filter((as) => !fits(r.severity, as)).map((as) => `${r.id}: table ${r.severity}, written as ${as}`));
    expect(wrong).toEqual([]);
  });

  test('the constructs raise only errors, and the Pod Security checks are errors at their level', () => {
    expect(RULES.filter((r) => r.reportedBy === 'constructs' && r.severity !== 'error').map((r) => r.id)).toEqual([]);
    expect(RULES.filter((r) => r.source === 'pod-security' && !r.severity.startsWith('error-at-')).map((r) => r.id)).toEqual([]);
    expect(RULES.filter((r) => r.severity.startsWith('error-at-') && r.source !== 'pod-security').map((r) => r.id)).toEqual([]);
  });

  test('since: 1.27 but where the code needs a newer Kubernetes', () => {
    expect(table.get('native-sidecar-container')?.since).toBe(NATIVE_SIDECAR_MIN_MINOR);
    expect(RULES.filter((r) => r.since < 27).map((r) => r.id)).toEqual([]);
  });

  test('summaries are one line', () => {
    expect(RULES.filter((r) => r.summary === '' || r.summary.includes('\n')).map((r) => r.id)).toEqual([]);
  });
});

/** docs/rules.md is generated from the table (scripts/generate-docs.js), so the reference cannot drift. */
describe('the rules reference, docs/rules.md', () => {
  const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');

  test('is what the rules table generates (after a change: npm run build && node scripts/generate-docs.js)', () => {
    expect(committed).toBe(renderRulesMarkdown(RULES));
  });

  test('lists every rule once, with its words for the severity and its since', () => {
    for (const rule of RULES) {
      const rows = committed.split('\n').filter((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect(rows).toHaveLength(1);
      if (rule.reportedBy !== 'constructs') expect(rows[0]).toContain(`| ${severityText(rule.severity)} | 1.${rule.since} |`);
      else expect(rows[0]).toContain(`| 1.${rule.since} |`);
    }
  });
});
