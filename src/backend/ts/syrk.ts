// Plain-TS twin of assembly/syrk.ts: same contract and operation order (bit-exact), with the
// engine's summation order kept by src/backend/blocked-accumulate.ts.
import { gemmAccumulate, scaleBlock } from '../blocked-accumulate.js';

/** Lower triangle (i ≥ j) of C(n×n) ← α A Aᵀ + β C, A n×k; the strict upper triangle is untouched. */
export function syrk(
  h: Float64Array, n: number, k: number, alpha: number, a: number, lda: number, beta: number, c: number, ldc: number,
): void {
  scaleBlock(h, n, n, beta, c, ldc, true);
  if (alpha === 0 || k === 0) return;
  gemmAccumulate(h, false, true, n, n, k, alpha, a, lda, a, lda, c, ldc, true);
}
