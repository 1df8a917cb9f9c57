import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // the package name resolves to the sources (the playground imports the library as 'rnn-ntk')
  resolve: {
    alias: [
      { find: /^rnn-ntk\/report$/, replacement: fileURLToPath(new URL('./src/report/plot-spec.ts', import.meta.url)) },
      { find: /^rnn-ntk$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
