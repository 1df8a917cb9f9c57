// Plain-TS twin of assembly/gemm.ts: same contract and operation order (bit-exact), with the
// engine's summation order kept by src/backend/blocked-accumulate.ts.
import { gemmAccumulate, scaleBlock } from '../blocked-accumulate.js';

/** C(m×n) ← α op(A) op(B) + β C, trans flags 0/1 (β = 0: C not read; α = 0 or k = 0: A, B not read). */
export function gemm(
  h: Float64Array, transA: number, transB: number, m: number, n: number, k: number, alpha: number,
  a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number,
): void {
  scaleBlock(h, m, n, beta, c, ldc, false);
  if (alpha === 0 || k === 0) return;
  gemmAccumulate(h, transA !== 0, transB !== 0, m, n, k, alpha, a, lda, b, ldb, c, ldc, false);
}
