import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..');

// `npm run lint` as a test, so that it runs beside the other test files instead of after them. scripts/lint.js
// lints src/, test/, bench/ and scripts/; eslint.config.js ignores lib/, dist/, imports/ and .readme-check/.
test('ESLint (node scripts/lint.js) reports no problem, error or warning', () => {
  let output: string;
  try {
    output = execFileSync(process.execPath, [path.join(root, 'scripts', 'lint.js')], {
      cwd: root, encoding: 'utf8', stdio: 'pipe', timeout: 120_000,
    });
  } catch (err: any) {
    const how = err.status !== null && err.status !== undefined ? `exit code ${err.status}` : `signal ${err.signal}`;
    throw new Error(`node scripts/lint.js failed (${how}):\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: err });
  }
  // The stylish formatter prints nothing when there is nothing to report; warnings leave the exit code 0.
  expect(output).toBe('');
}, 120_000);
