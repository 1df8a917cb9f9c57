// Symmetric rank-k update, lower triangle, row-major with leading dimensions:
// C(n×n) ← α A Aᵀ + β C on entries i ≥ j only (the strict upper triangle is neither read nor
// written), A n×k. Runs the gemm engine (assembly/gemm_blocking.ts, which states the operation
// order) with op(B) = Aᵀ, skipping register tiles above the diagonal; the TS twin
// src/backend/ts/syrk.ts repeats the order, so results are bit-exact.
import { gemmAccumulate, scaleBlock } from './gemm_blocking';

/** Lower triangle of C ← α A Aᵀ + β C (β = 0: C not read; α = 0 or k = 0: A not read). */
export function syrk(n: i32, k: i32, alpha: f64, a: u32, lda: i32, beta: f64, c: u32, ldc: i32): void {
  scaleBlock(n, n, beta, c, ldc, true);
  if (alpha == 0.0 || k == 0) return;
  gemmAccumulate(false, true, n, n, k, alpha, a, lda, a, lda, c, ldc, true);
}
