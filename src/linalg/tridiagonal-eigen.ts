/**
 * Eigenvalues and eigenvectors of a small symmetric tridiagonal matrix by the implicit QL
 * method with Wilkinson-type shifts (the EISPACK routine tql2; Bowdler, Martin, Reinsch and
 * Wilkinson, Numer. Math. 11, 1968), as used by the Lanczos iteration (src/linalg/lanczos.ts)
 * for its k×k projection T_k. O(k³) with vectors; k is the Krylov dimension (tens to hundreds).
 */
import { RnnNtkError } from '../errors.js';

/** √(a² + b²) without overflow or destructive underflow (no engine-dependent Math.hypot). */
function pythag(a: number, b: number): number {
  const m = Math.max(Math.abs(a), Math.abs(b));
  if (m === 0) return 0;
  const p = a / m;
  const q = b / m;
  return m * Math.sqrt(p * p + q * q);
}

/** QL sweeps allowed per eigenvalue before giving up (tql2 needs ~2 on average). */
const MAX_SWEEPS = 60;

/** The spectrum of T: eigenvalues ascending, `vectors[r·k + j]` is component r of eigenvector j. */
export interface TridiagonalEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /**
   * Row-major matrix whose column j holds the unit eigenvector of values[j]: all k rows, or
   * only the last one (1×k) when asked for `'last'` (each row of the rotations is independent).
   */
  readonly vectors: Float64Array;
}

/**
 * The eigen-decomposition of the symmetric tridiagonal k×k matrix with diagonal `diagonal`
 * (length k) and off-diagonal `offDiagonal` (length k − 1, T[i+1][i] = offDiagonal[i]).
 * `rows`: 'all' eigenvector components (O(k³)), or only the 'last' (O(k²): what the Lanczos
 * residual estimate β_k·|s_k| needs at every step).
 */
export function tridiagonalEigen(
  diagonal: ArrayLike<number>, offDiagonal: ArrayLike<number>, rows: 'all' | 'last' = 'all',
): TridiagonalEigen {
  const k = diagonal.length;
  const first = rows === 'all' ? 0 : k - 1; // rows first..k−1 of V are kept
  const kept = k - first;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(k);
  for (let i = 0; i + 1 < k; i++) e[i] = offDiagonal[i];
  const v = new Float64Array(kept * k); // row r of V at (r − first)·k
  for (let i = first; i < k; i++) v[(i - first) * k + i] = 1;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < k; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < k - 1 && Math.abs(e[m]) > Number.EPSILON * tst1) m++;
    let sweeps = 0;
    while (m > l) {
      if (++sweeps > MAX_SWEEPS) throw new RnnNtkError(`the tridiagonal QL iteration did not converge at eigenvalue ${l} of ${k}`);
      let g = d[l];
      let p = (d[l + 1] - g) / (2 * e[l]);
      let r = pythag(p, 1);
      if (p < 0) r = -r;
      d[l] = e[l] / (p + r);
      d[l + 1] = e[l] * (p + r);
      const dl1 = d[l + 1];
      let h = g - d[l];
      for (let i = l + 2; i < k; i++) d[i] -= h;
      f += h;
      p = d[m];
      let c = 1;
      let c2 = c;
      let c3 = c;
      const el1 = e[l + 1];
      let s = 0;
      let s2 = 0;
      for (let i = m - 1; i >= l; i--) {
        c3 = c2;
        c2 = c;
        s2 = s;
        g = c * e[i];
        h = c * p;
        r = pythag(p, e[i]);
        e[i + 1] = s * r;
        s = e[i] / r;
        c = p / r;
        p = c * d[i] - s * g;
        d[i + 1] = h + s * (c * g + s * d[i]);
        for (let row = 0; row < kept; row++) {
          const t = v[row * k + i + 1];
          v[row * k + i + 1] = s * v[row * k + i] + c * t;
          v[row * k + i] = c * v[row * k + i] - s * t;
        }
      }
      p = (-s * s2 * c3 * el1 * e[l]) / dl1;
      e[l] = s * p;
      d[l] = c * p;
      if (!(Math.abs(e[l]) > Number.EPSILON * tst1)) break;
    }
    d[l] += f;
    e[l] = 0;
  }
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => d[a] - d[b] || a - b);
  const values = Float64Array.from(order, (j) => d[j]);
  const vectors = new Float64Array(kept * k);
  order.forEach((from, to) => {
    for (let row = 0; row < kept; row++) vectors[row * k + to] = v[row * k + from];
  });
  return { values, vectors };
}
