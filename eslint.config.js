import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const frameworkImports = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/engine is framework-free.' },
  {
    group: ['@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'elkjs', 'elkjs/*'],
    message: 'src/engine is framework-free.',
  },
  { group: ['zustand', 'zustand/*'], message: 'src/engine is framework-free.' },
  { group: ['**/app/*', '**/cli/*'], message: 'src/engine depends on nothing above it.' },
];
const nodeImports = [
  {
    group: ['node:*', 'fs', 'path', 'os', 'child_process', 'url'],
    message: 'src/engine runs in browsers and workers: no Node APIs.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...frameworkImports, ...nodeImports] }] },
  },
  {
    // Tests run in Node and may read fixtures from disk; they still may not pull in the UI.
    files: ['src/engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: frameworkImports }] },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['src/app/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['zustand', 'zustand/*'], message: 'Reach zustand through src/app/store only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
