import * as fs from 'fs';
import * as path from 'path';
import { RuleInfo, RULES, RuleSeverity } from '../../src/checks/rules-table';
import { NATIVE_SIDECAR_MIN_MINOR } from '../../src/patterns/native-sidecars';
import { ruleIdsInSource } from '../_support/rule-ids';

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

/**
 * The README's "### Rules" section: the table of the engine's rules (`| Rule | Severity | Since | What it
 * prevents |`) and the paragraph that lists the construct-only rules. In the table, `-x` after a
 * `pod-security-...` id abbreviates `pod-security-x`; in the paragraph, `(1.NN+)` after an id gives its since.
 */
interface ReadmeRules {
  readonly header: string;
  readonly rows: Array<{ ids: string[]; severity: string; since: string }>;
  readonly constructOnly: Array<{ id: string; since: number }>;
}

function readmeRules(): ReadmeRules {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Rules\n');
  const section = readme.slice(start, readme.indexOf('\n#', start + 1));
  const lines = section.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| Rule |'));
  const rows = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [idCell, severity, since] = line.split(' | ').map((cell) => cell.replace(/^\| /, ''));
    const ids = [...idCell.matchAll(/`([^`]+)`/g)].map((m) => m[1])
      .map((id) => (id.startsWith('-') ? `pod-security${id}` : id));
    rows.push({ ids, severity, since });
  }
  const paragraph = section.slice(section.indexOf('The construct-only rules'));
  const constructOnly = [...paragraph.slice(0, paragraph.indexOf('\n\n')).matchAll(/`([^`]+)`(?: \(1\.(\d+)\+\))?/g)]
    .map((m) => ({ id: m[1], since: m[2] ? Number(m[2]) : 27 }));
  return { header: lines[header], rows, constructOnly };
}

/** The README's words for a severity; a row may explain it further in parentheses. */
function severityText(severity: RuleSeverity): string {
  if (severity === 'error-at-baseline') return 'error when the pod must meet baseline or restricted; warning when no level is chosen';
  if (severity === 'error-at-restricted') return 'error when the pod must meet restricted';
  if (severity === 'warning-error-if-pinned-images') return 'warning; error when pinned images are required';
  const from = /^error-from-(1\.\d+)$/.exec(severity);
  return from ? `error from Kubernetes ${from[1]}, warning before` : severity;
}

describe('the README rule table', () => {
  const { header, rows, constructOnly } = readmeRules();
  const engineRules = RULES.filter((r) => r.reportedBy !== 'constructs');

  test('has the columns the test reads', () => {
    expect(header).toBe('| Rule | Severity | Since | What it prevents |');
  });

  test('lists exactly the rules the engine reports, each once', () => {
    const listed = rows.flatMap((r) => r.ids);
    expect([...listed].sort()).toEqual(engineRules.map((r) => r.id).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  test('gives each rule its severity and since', () => {
    const wrong = rows.flatMap((row) => row.ids.flatMap((id) => {
      const rule: RuleInfo | undefined = table.get(id);
      if (!rule) return [];
      const severity = row.severity.replace(/ \(.*\)$/, '');
      return severity === severityText(rule.severity) && row.since === `1.${rule.since}` ? []
        : [`${id}: README "${severity}", "${row.since}"; table "${severityText(rule.severity)}", "1.${rule.since}"`];
    }));
    expect(wrong).toEqual([]);
  });

  test('lists exactly the construct-only rules below the table, with their since', () => {
    const ids = constructOnly.filter((r) => r.id !== 'PodPatternError');
    expect(ids.map((r) => r.id).sort()).toEqual(RULES.filter((r) => r.reportedBy === 'constructs').map((r) => r.id).sort());
    expect(ids.filter((r) => table.get(r.id)?.since !== r.since).map((r) => r.id)).toEqual([]);
  });
});
