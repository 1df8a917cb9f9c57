/**
 * The TS mirror of assembly/gemm_blocking.ts (and of the block size of assembly/potrf.ts),
 * shared by the gemm, syrk and potrf twins (src/backend/ts/, which export kernels only, so the
 * shared engine sits next to them). It keeps only what fixes the floating-point result — the depth blocking
 * and the per-element summation order — not the packing or register tiles, which do not
 * change any rounding. Results are therefore bit-exact with the wasm engine.
 */

/** Depth block KC of the wasm engine (assembly/gemm_blocking.ts); the twins sum in blocks of it. */
const GEMM_K_BLOCK = 128;

/** Block-column width NB of the wasm Cholesky (assembly/potrf.ts); the potrf twin blocks alike. */
export const CHOLESKY_BLOCK = 96;

/** C ← βC on an m×n block of heap `h` (only j ≤ i when `lower`); β = 0 writes zeros without reading C. */
export function scaleBlock(
  h: Float64Array, m: number, n: number, beta: number, c: number, ldc: number, lower: boolean,
): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = c + i * ldc;
    const cols = lower ? Math.min(i + 1, n) : n;
    if (beta === 0) h.fill(0, row, row + cols);
    else for (let j = 0; j < cols; j++) h[row + j] = beta * h[row + j];
  }
}

/**
 * C(m×n) ← C + α op(A) op(B) in heap `h`, in the wasm engine's order: for each depth block
 * [p0, p0 + GEMM_K_BLOCK), s = Σ_p op(A)_ip op(B)_pj summed sequentially from 0, then
 * C_ij = C_ij + α s. With `lower`, only entries i ≥ j are touched.
 */
export function gemmAccumulate(
  h: Float64Array, transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: number, lda: number, b: number, ldb: number, c: number, ldc: number, lower: boolean,
): void {
  // op(A)_ip = h[a + i·aRow + p·aStep]; op(B)_pj = h[b + p·bRow + j·bStep]
  const aRow = transA ? 1 : lda;
  const aStep = transA ? lda : 1;
  const bRow = transB ? 1 : ldb;
  const bStep = transB ? ldb : 1;
  for (let p0 = 0; p0 < k; p0 += GEMM_K_BLOCK) {
    const p1 = Math.min(k, p0 + GEMM_K_BLOCK);
    for (let i = 0; i < m; i++) {
      const jEnd = lower ? Math.min(n, i + 1) : n;
      for (let j = 0; j < jEnd; j++) {
        let s = 0;
        for (let p = p0; p < p1; p++) s = s + h[a + i * aRow + p * aStep] * h[b + p * bRow + j * bStep];
        h[c + i * ldc + j] = h[c + i * ldc + j] + alpha * s;
      }
    }
  }
}
