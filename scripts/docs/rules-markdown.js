// docs/rules.md from the rules table (src/checks/rules-table.ts): the reference cannot drift from the code,
// because test/checks/rules-table.test.ts compares the committed file with what this writes.

const SOURCE = {
  'api-server': 'the API server (`kubectl apply` fails)',
  'kubelet/runtime': 'the kubelet or the container runtime (the pod fails on the node)',
  'pod-security': 'Pod Security admission, where a namespace enforces the level',
  library: 'nobody else: accepted, and it does the wrong thing',
};

/** The words for a severity of the table. */
function severityText(severity) {
  if (severity === 'error-at-baseline') return 'error when the pod must meet baseline or restricted; warning when no level is chosen';
  if (severity === 'error-at-restricted') return 'error when the pod must meet restricted';
  if (severity === 'warning-error-if-pinned-images') return 'warning; error when pinned images are required';
  const from = /^error-from-(1\.\d+)$/.exec(severity);
  return from ? `error from Kubernetes ${from[1]}, warning before` : severity;
}

const cell = (text) => text.replace(/\|/g, '\\|');

function table(rules, withSource) {
  const head = withSource
    ? ['| Rule | Severity | Since | Refused otherwise by | What it prevents |', '| --- | --- | --- | --- | --- |']
    : ['| Rule | Since | What it prevents |', '| --- | --- | --- |'];
  return [...head, ...rules.map((r) => (withSource
    ? `| \`${r.id}\` | ${severityText(r.severity)} | 1.${r.since} | ${SOURCE[r.source]} | ${cell(r.summary)} |`
    : `| \`${r.id}\` | 1.${r.since} | ${cell(r.summary)} |`))].join('\n');
}

function renderRulesMarkdown(rules) {
  const engine = rules.filter((r) => r.reportedBy !== 'constructs');
  const constructs = rules.filter((r) => r.reportedBy === 'constructs');
  return `<!-- Generated from src/checks/rules-table.ts by scripts/generate-docs.js; do not edit by hand. -->
# Rules

Every rule id the library reports, from the rules table the code uses (also exported as \`RULES\`). A
finding or error carries its id; \`--accept\` and the \`cdk8s-pod-patterns/accept\` annotation take ids too
([checks.md](checks.md)). "Since" is the oldest Kubernetes minor the rule applies to.

## What the check engine reports

On every face: the constructs at \`cdk8s synth\`, the validation plugin, \`checkManifest\` and the \`check\`
command. ${engine.length} rules.

${table(engine, true)}

## What only the constructs report

Errors about pattern props, raised as a \`PodPatternError\` with the construct path, the field and the fix,
when the pattern is applied. ${constructs.length} rules.

${table(constructs, false)}
`;
}

module.exports = { renderRulesMarkdown, severityText };
