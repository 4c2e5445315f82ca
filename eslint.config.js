import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Import direction is architecture: these zones fail the lint run when a folder reaches into one it must
 * not know (as VS Code's layering rules do). Do not relax them to make a change pass; move the code.
 */
const forbid = (files, patterns, message) => ({
  files,
  // Tests may reach anything (helpers, fixtures, other transports); the zones guard shipped code.
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', '.eakte-data/**', 'archive/xdomea/schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**', 'scripts/**', 'bin/**'], rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
  forbid(['contract/**'], ['**/core/**', '**/host/**', '**/electron/**', '**/renderer/**', '**/ocr/**', '**/classify/**', '**/archive/**', '**/sync/**', 'node:*'], 'contract/ depends on zod only.'),
  forbid(['core/**'], ['**/host/**', '**/electron/**', '**/renderer/**', '**/ocr/**', '**/classify/**', '**/archive/**', '**/sync/**', 'electron'], 'core/ knows no transport and no feature folder.'),
  forbid(['ocr/**'], ['**/host/**', '**/electron/**', '**/renderer/**', '**/classify/**', '**/sync/**', '**/archive/sign/**', '**/archive/xdomea/**', 'electron'], 'ocr/ may use core/, contract/ and archive/pdfa only.'),
  forbid(['classify/**'], ['**/host/**', '**/electron/**', '**/renderer/**', '**/ocr/**', '**/archive/**', '**/sync/**', 'electron'], 'classify/ may use core/ and contract/ only.'),
  forbid(['archive/**'], ['**/host/**', '**/electron/**', '**/renderer/**', '**/ocr/**', '**/classify/**', '**/sync/**', 'electron'], 'archive/ may use core/ and contract/ only.'),
  forbid(['sync/**'], ['**/host/**', '**/electron/**', '**/renderer/**', '**/ocr/**', '**/classify/**', '**/archive/**', 'electron'], 'sync/ may use core/ and contract/ only.'),
  forbid(['renderer/**'], ['**/core/**', '**/host/**', '**/electron/**', '**/ocr/**', '**/classify/**', '**/archive/**', '**/sync/**', '**/fixtures/**', 'node:*', 'electron'], 'renderer/ speaks to the core only through contract/ and its API client.'),
  forbid(['electron/preload/**'], ['**/core/**', '**/host/**', '**/main/**', 'node:*'], 'The preload only forwards IPC.'),
);
