// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'bench/results/', 'tools/', '*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Suites must come from test/support/suite.ts, which makes a forgotten `.run()` fail the run.
    files: ['test/**/*.ts'],
    ignores: ['test/support/suite.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'uvu', message: "Use suite() from test/support/suite.ts; assertions come from 'uvu/assert'." },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read in one place, src/main/config.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/main/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/main/config.ts.' },
      ],
    },
  },
);
