/** Linear-algebra benchmarks (filled in with the kernels): see bench/common.ts for the harness. */
import type { BenchContext } from './common.js';
import { getBackend } from '../src/backend/backend.js';

/** matvec rows for now; GEMM and Cholesky land with their kernels. */
export function run(ctx: BenchContext): void {
  const rows = [];
  for (const name of ['wasm', 'ts'] as const) {
    const b = getBackend(name);
    const m = 1024;
    const [a, x, y] = [b.heap.alloc(m * m), b.heap.alloc(m), b.heap.alloc(m)];
    const ms = ctx.medianMs(`gemv ${name}`, () => b.kernels.gemv(m, m, 1, a, m, x, 0, y));
    rows.push({ group: 'linalg', op: 'matvec', impl: name, size: m, medianMs: ms, gflops: (2 * m * m) / ms / 1e6 });
    for (const off of [a, x, y]) b.heap.free(off);
  }
  ctx.report(rows);
}
