/**
 * Vite configuration of the playground: `npm run playground` serves it, `npm run
 * build:playground` writes the static site to site/. The library is imported by its package
 * name, 'rnn-ntk', mapped to src/index.ts. Both servers send the cross-origin-isolation headers
 * (a static host must send them too, see playground/README.md) so that shared-memory threads can
 * be used where the browser allows; without them the page runs single-threaded.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Cross-origin isolation: needed for SharedArrayBuffer (threaded WebAssembly). */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: {
    alias: [
      { find: /^rnn-ntk\/report$/, replacement: fileURLToPath(new URL('../src/report/plot-spec.ts', import.meta.url)) },
      { find: /^rnn-ntk$/, replacement: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../site', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
