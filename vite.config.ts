import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built app's Content-Security-Policy: only its own origin, plus what Monaco needs (workers,
 * and the <style> elements it injects). Injected by `vite build` only, so that the dev server's
 * HMR client (inline scripts, a WebSocket) keeps working.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * What only a header can say: browsers ignore `frame-ancestors` in a meta tag, so the policy that
 * keeps other sites from framing the app (clickjacking) is a header of `vite preview`, and the
 * hosting docs (docs/app.md) ask for the same header.
 */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

function contentSecurityPolicy(): Plugin {
  return {
    name: 'netpol-canvas:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * `monaco-editor`'s entry registers every language it knows, and the CSS, HTML, JSON and
 * TypeScript language services among them each bring a worker of 0.4–7 MB that the build would
 * ship although the app only ever opens YAML. This drops those registrations from the entry (the
 * editor's own features stay), keeps the YAML grammar, and fails the build if a language worker
 * is emitted anyway (a Monaco upgrade that moved them), so the build ships exactly two Monaco
 * workers: the editor's and monaco-yaml's.
 */
function monacoYamlOnly(): Plugin {
  const entry = /[\\/]monaco-editor[\\/]esm[\\/]vs[\\/]index\.js$/;
  const unused =
    /^(import .*'\.\/languages\/(features\/[\w-]+|definitions\/(?!yaml\/)[\w-]+)\/register\.js';|export \{ __src_languages_features_\w+ as \w+ \};)$/;
  const languageWorker = /(^|\/)(ts|css|html|json)\.worker[-.]/;
  return {
    name: 'netpol-canvas:monaco-yaml-only',
    transform(code, id) {
      if (!entry.test(id)) return null;
      const lines = code.split('\n');
      const kept = lines.filter((line) => !unused.test(line));
      if (kept.length === lines.length) this.error(`no language registration found to drop in ${id}`);
      return { code: kept.join('\n'), map: null };
    },
    generateBundle(_options, bundle) {
      const shipped = Object.keys(bundle).filter((name) => languageWorker.test(name));
      if (shipped.length)
        this.error(`the build would ship unused Monaco language workers: ${shipped.join(', ')}`);
    },
  };
}

// monaco-editor 0.57 maps `monaco-editor/*` to `esm/vs/*`, but monaco-yaml's worker helper still
// imports `monaco-editor/esm/vs/...`; point those deep imports at the real files.
const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), monacoYamlOnly()],
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` }],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco is one large chunk by nature; it is loaded once and cached.
    chunkSizeWarningLimit: 4096,
  },
  preview: {
    port: 4317,
    strictPort: true,
    headers: {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
      'X-Content-Type-Options': 'nosniff',
    },
  },
});
