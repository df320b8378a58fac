#!/usr/bin/env node
// Writes the generated references: docs/rules.md from the rules table and docs/api.md from the doc
// comments of the public API. Run after `npm run build` (it reads lib/src/); the tests fail when the
// committed files differ from what this writes.
const fs = require('fs');
const path = require('path');
const { renderRulesMarkdown } = require('./docs/rules-markdown');
const { renderApiMarkdown } = require('./docs/api-markdown');

const root = path.resolve(__dirname, '..');
const { RULES } = require(path.join(root, 'lib', 'src', 'checks', 'rules-table.js'));
fs.writeFileSync(path.join(root, 'docs', 'rules.md'), renderRulesMarkdown(RULES));
fs.writeFileSync(path.join(root, 'docs', 'api.md'), renderApiMarkdown(root));
console.log('generate-docs: wrote docs/rules.md and docs/api.md');
