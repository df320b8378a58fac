// ESLint (flat config), run by `npm run lint` and `npm test` through scripts/lint.js.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');

/** Long lines hide what changed in a review; 150 keeps a line and its diff readable side by side. */
const MAX_LEN = 150;

module.exports = tseslint.config(
  { ignores: ['lib/**', 'dist/**', 'imports/**', 'node_modules/**', 'coverage/**', '.readme-check/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'max-len': ['error', { code: MAX_LEN, ignoreUrls: true, ignoreRegExpLiterals: true }],
      'import-x/order': ['error', {
        groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
        alphabetize: { order: 'asc', caseInsensitive: true },
      }],
      'import-x/no-duplicates': 'error',
      // Manifests are plain JSON of any shape: the engine reads them as unknown, the tests as any.
      '@typescript-eslint/no-explicit-any': 'off',
      // tsc reports unused locals and parameters (noUnusedLocals, noUnusedParameters), faster and exactly.
      '@typescript-eslint/no-unused-vars': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Test tables put a case's input, rule id and field path on one line; their strings may run long.
    files: ['test/**/*.ts'],
    rules: {
      'max-len': ['error', { code: MAX_LEN, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['scripts/**/*.js', 'test/_support/*.js', 'eslint.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'max-len': ['error', { code: MAX_LEN, ignoreUrls: true, ignoreStrings: true }] },
  },
);
