import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// monaco-editor 0.57 maps `monaco-editor/*` to `esm/vs/*`, but monaco-yaml's worker helper still
// imports `monaco-editor/esm/vs/...`; point those deep imports at the real files.
const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` }],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco is one large chunk by nature; it is loaded once and cached.
    chunkSizeWarningLimit: 4096,
  },
  preview: { port: 4317, strictPort: true },
});
