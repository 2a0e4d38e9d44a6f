import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const frameworkImports = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/engine is framework-free.' },
  {
    group: ['@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'elkjs', 'elkjs/*'],
    message: 'src/engine is framework-free.',
  },
  { group: ['zustand', 'zustand/*'], message: 'src/engine is framework-free.' },
  { group: ['**/app/*', '**/cli/*'], message: 'src/engine depends on nothing above it.' },
];
const nodeMessage = 'src/engine runs in browsers and workers: no Node APIs.';
/** Every Node builtin by its exact name (a pattern such as `util` would also match `../util/raw`). */
const nodeModules = builtinModules.map((name) => ({ name, message: nodeMessage }));
const nodeImports = [{ group: ['node:*'], message: nodeMessage }];
/**
 * Globals of browsers, workers and Node that ECMAScript does not define. The engine may use only
 * what every host it runs in provides (src/engine/host.d.ts declares those).
 */
const hostOnly = ['structuredClone', 'TextDecoder'];
const hostGlobals = [
  ...new Set([...Object.keys(globals.browser), ...Object.keys(globals.worker), ...Object.keys(globals.node)]),
]
  .filter((name) => !(name in globals.builtin) && !hostOnly.includes(name))
  .map((name) => ({ name, message: 'src/engine is pure: it uses no browser, worker or Node globals.' }));
/** The engine's one public surface is src/engine/index.ts. */
const deepEngineImports = {
  group: ['**/engine/*', '**/engine/**'],
  message: 'Import the engine from src/engine (its index.ts), its one public surface.',
};
const yamlImports = {
  regex: '^yaml(/.*)?$',
  message: 'The app never reads YAML itself: the engine parses, edits and exports the text.',
};
/**
 * The view-model builders (src/app/view-model) turn an engine evaluation into plain data for the
 * screen. They run in the engine worker and in Node tests and benchmarks, so, like the engine, they
 * touch no DOM, React, worker globals or store: only the worker entry talks to the page.
 */
const viewModelImports = [
  {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    message: 'View-model builders are framework-free.',
  },
  {
    group: ['@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'elkjs', 'elkjs/*'],
    message: 'View-model builders are framework-free.',
  },
  {
    group: ['zustand', 'zustand/*', '**/store', '**/store/*'],
    message: 'View-model builders read an evaluation, never the store.',
  },
  {
    group: ['**/engine-client/*', '**/worker/engine-bridge', '**/worker/engine.worker'],
    message: 'View-model builders are called by the worker entry; they do not reach back to it.',
  },
];
/**
 * What every host of the builders (browser, worker, Node) provides and they use: a clock, a yield
 * to the event loop, and decoding a stream of flow-log bytes.
 */
const viewModelHost = ['performance', 'setTimeout', 'TextDecoderStream'];
const viewModelGlobals = hostGlobals
  .filter(({ name }) => !viewModelHost.includes(name))
  .map(({ name }) => ({
    name,
    message: 'View-model builders touch no DOM, worker or Node globals (only the worker entry does).',
  }));
const zustandImports = {
  group: ['zustand', 'zustand/*'],
  message: 'Reach zustand through src/app/store only.',
};

export default tseslint.config(
  // fixtures/ holds inputs as they were found (and the corpus's own converter), not our code.
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'fixtures/'] },
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
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeModules, patterns: [...frameworkImports, ...nodeImports] },
      ],
      'no-restricted-globals': ['error', ...hostGlobals],
    },
  },
  {
    // Tests run in Node and may read fixtures from disk; they still may not pull in the UI.
    files: ['src/engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: frameworkImports }] },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [zustandImports, deepEngineImports, yamlImports] }],
    },
  },
  {
    files: ['src/app/view-model/**/*.ts'],
    ignores: ['src/app/view-model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...viewModelImports, deepEngineImports, yamlImports] }],
      'no-restricted-globals': ['error', ...viewModelGlobals],
    },
  },
  {
    files: ['src/app/store/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepEngineImports, yamlImports] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepEngineImports,
            {
              group: ['**/app', '**/app/*', '**/app/**'],
              message: 'The CLI uses the engine, never the app.',
            },
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
