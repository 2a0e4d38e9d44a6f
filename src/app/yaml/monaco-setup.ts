/**
 * Wires Monaco once, from the bundled `monaco-editor` package: its workers are built by Vite from
 * node_modules, so the editor never fetches anything from another origin. Importing this module
 * has side effects (worker factory, YAML language service, themes).
 */
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import { workspaceSchema } from './schema';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    // Vite resolves worker URLs without adding extensions, hence the explicit `.js`.
    if (label === 'yaml')
      return new Worker(new URL('monaco-yaml/yaml.worker.js', import.meta.url), {
        type: 'module',
        name: 'yaml',
      });
    return new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), {
      type: 'module',
      name: 'editor',
    });
  },
};

/** The model's URI; the schema applies to it by name. */
export const WORKSPACE_URI = monaco.Uri.parse('file:///workspace.yaml');

/** What monaco-worker-manager 2 (inside monaco-yaml 5.5) passes to `editor.createWebWorker`. */
interface LegacyWorkerOptions {
  label: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

/**
 * monaco-editor 0.55+ takes a ready Worker in `createWebWorker` and expects the creator to send
 * the worker its create data first (as its own language workers do); monaco-yaml still passes
 * the older `{ moduleId, label, createData }`. This adapter speaks the new protocol on its behalf.
 */
function createLegacyWebWorker<T extends object>(
  options: LegacyWorkerOptions | monaco.editor.IInternalWebWorkerOptions,
) {
  if ('worker' in options) return monaco.editor.createWebWorker<T>(options);
  const worker = self.MonacoEnvironment!.getWorker!('workerMain.js', options.label) as Worker;
  // The first message only wakes the worker's initializer; the second carries the create data.
  worker.postMessage('ignore');
  worker.postMessage(options.createData);
  return monaco.editor.createWebWorker<T>({
    worker,
    host: options.host,
    keepIdleModels: options.keepIdleModels,
  });
}

const monacoForYaml = {
  ...monaco,
  editor: { ...monaco.editor, createWebWorker: createLegacyWebWorker },
} as unknown as typeof monaco;

configureMonacoYaml(monacoForYaml, {
  // Diagnostics come from the engine only; the schema drives completion and hover.
  validate: false,
  completion: true,
  hover: true,
  enableSchemaRequest: false,
  isKubernetes: true,
  yamlVersion: '1.1',
  schemas: [
    {
      uri: 'file:///schemas/netpol-canvas-workspace.json',
      fileMatch: ['workspace.yaml'],
      schema: workspaceSchema as never,
    },
  ],
});

// Line numbers and comments keep a contrast of at least 4.5:1 (WCAG AA), the current line's highlight included.
monaco.editor.defineTheme('netpol-light', {
  base: 'vs',
  inherit: true,
  // vs's teal keys, green numbers and comments fall just under 4.5:1 on the highlighted lines.
  rules: [
    { token: 'type', foreground: '007373' },
    { token: 'number', foreground: '077650' },
    { token: 'comment', foreground: '007800' },
  ],
  colors: {
    'editorLineNumber.foreground': '#626b7d',
    'editor.background': '#fbfcfe',
    'editor.lineHighlightBackground': '#eef2f8',
  },
});
monaco.editor.defineTheme('netpol-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '7ca668' }],
  colors: {
    'editorLineNumber.foreground': '#8f99aa',
    'editor.background': '#151a23',
    'editor.lineHighlightBackground': '#1e2532',
  },
});

export { monaco };
