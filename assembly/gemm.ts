// General matrix multiply on row-major f64 with leading dimensions:
// C(m×n) ← α op(A) op(B) + β C, op(X) = X (trans 0) or Xᵀ (trans 1); op(A) m×k, op(B) k×n.
// Packed panels and a 5×4 f64x2 register tile (assembly/gemm_blocking.ts, which states the
// operation order; the TS twin src/backend/ts/gemm.ts repeats it, so results are bit-exact).
// β = 0 sets C to zero without reading it; α = 0 or k = 0 leaves C = βC (A, B not read).
import { gemmAccumulate, scaleBlock } from './gemm_blocking';

/** C ← α op(A) op(B) + β C (trans flags 0/1; C must not overlap A or B). */
export function gemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: u32, lda: i32, b: u32, ldb: i32, beta: f64, c: u32, ldc: i32,
): void {
  scaleBlock(m, n, beta, c, ldc, false);
  if (alpha == 0.0 || k == 0) return;
  gemmAccumulate(transA != 0, transB != 0, m, n, k, alpha, a, lda, b, ldb, c, ldc, false);
}
