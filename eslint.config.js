import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const frameworkImports = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/engine is framework-free.' },
  { group: ['@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'elkjs', 'elkjs/*'], message: 'src/engine is framework-free.' },
  { group: ['zustand', 'zustand/*'], message: 'src/engine is framework-free.' },
  { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'url'], message: 'src/engine runs in browsers and workers: no Node APIs.' },
  { group: ['**/app/*', '**/cli/*'], message: 'src/engine depends on nothing above it.' },
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
    rules: { 'no-restricted-imports': ['error', { patterns: frameworkImports }] },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['src/app/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['zustand', 'zustand/*'], message: 'Reach zustand through src/app/store only.' }] },
      ],
    },
  },
  {
    files: ['src/app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
