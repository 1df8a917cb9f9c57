// Plain-TS twin of assembly/potrf.ts: the same blocked right-looking algorithm in the same
// operation order (panel dots in the blas1 `dot` order, trailing update in the gemm engine's
// order), so the factor and the reported pivot are bit-exact.
import { CHOLESKY_BLOCK, gemmAccumulate } from '../blocked-accumulate.js';
import { portableLog } from '../../numeric/portable-log.js';
import { dot } from './blas1.js';

/** The diagonal block of block column [k0, k0 + nb) with its pivots: −1, or the failing pivot (d_p left in a[p, p]). */
export function potrfDiagonal(h: Float64Array, k0: number, nb: number, a: number, lda: number): number {
  for (let i = k0; i < k0 + nb; i++) {
    const rowI = a + i * lda + k0;
    const cols = i - k0;
    for (let c = 0; c < cols; c++) {
      const rowJ = a + (k0 + c) * lda + k0;
      h[rowI + c] = (h[rowI + c] - dot(h, c, rowI, rowJ)) / h[rowJ + c];
    }
    const d = h[rowI + cols] - dot(h, cols, rowI, rowI);
    if (!(d > 0) || !Number.isFinite(d)) {
      h[rowI + cols] = d;
      return i;
    }
    h[rowI + cols] = Math.sqrt(d);
  }
  return -1;
}

/** Panel rows i0 .. i1−1 below the diagonal block: columns k0 .. k0+nb (each row independent). */
export function potrfPanelRows(h: Float64Array, i0: number, i1: number, k0: number, nb: number, a: number, lda: number): void {
  for (let i = i0; i < i1; i++) {
    const rowI = a + i * lda + k0;
    for (let c = 0; c < nb; c++) {
      const rowJ = a + (k0 + c) * lda + k0;
      h[rowI + c] = (h[rowI + c] - dot(h, c, rowI, rowJ)) / h[rowJ + c];
    }
  }
}

/**
 * In-place lower Cholesky of the n×n matrix at `a` (leading dimension lda), upper triangle
 * untouched. Returns −1, or the first pivot p whose value d_p = A_pp − Σ L_pq² is not a finite
 * number > 0, with d_p left in a[p, p].
 */
export function potrf(h: Float64Array, n: number, a: number, lda: number): number {
  for (let k0 = 0; k0 < n; k0 += CHOLESKY_BLOCK) {
    const nb = Math.min(CHOLESKY_BLOCK, n - k0);
    const p = potrfDiagonal(h, k0, nb, a, lda);
    if (p >= 0) return p;
    potrfPanelRows(h, k0 + nb, n, k0, nb, a, lda);
    const rest = n - k0 - nb;
    if (rest > 0) {
      const l21 = a + (k0 + nb) * lda + k0;
      gemmAccumulate(h, false, true, rest, rest, nb, -1, l21, lda, l21, lda, l21 + nb, lda, true);
    }
  }
  return -1;
}

/** 2 Σ_i log L_ii in order i = 0, 1, … with the portable log (same bits as the wasm `plog`). */
export function cholLogDet(h: Float64Array, n: number, l: number, ldl: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += portableLog(h[l + i * ldl + i]);
  return 2 * s;
}
