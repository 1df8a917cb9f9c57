/**
 * Vite configuration of the browser example: `npx vite examples/browser` serves it, `vite build`
 * bundles it. The dev and preview servers send the two headers that make the page
 * cross-origin isolated, so the library runs its threaded build there (a page served without
 * them falls back to the single-thread build, with the same bits).
 */
import { defineConfig } from 'vite';

const crossOriginIsolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  server: { host: '127.0.0.1', headers: crossOriginIsolation },
  preview: { host: '127.0.0.1', headers: crossOriginIsolation },
});
