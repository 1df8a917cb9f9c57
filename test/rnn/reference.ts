/**
 * An independent scalar reference of the RNN (docs/theory.md#the-network), written from the equations with plain
 * loops over W in row-major order and no kernel: the oracle for the forward pass and, through
 * central finite differences, for the gradient.
 */
import type { RnnParameters } from '../../src/rnn/model.js';

/** h_0..h_L of one sequence (flat L×d) as arrays of length m. */
export function referenceHidden(p: RnnParameters, m: number, d: number, L: number, x: ArrayLike<number>): Float64Array[] {
  const hs = [Float64Array.from(p.M0, (v) => Math.max(v, 0))];
  for (let l = 1; l <= L; l++) {
    const prev = hs[l - 1];
    const h = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let g = 0;
      for (let j = 0; j < m; j++) g += p.W[i * m + j] * prev[j];
      for (let k = 0; k < d; k++) g += p.A[i * d + k] * x[(l - 1) * d + k];
      h[i] = Math.max(g, 0);
    }
    hs.push(h);
  }
  return hs;
}

/** f_l = Bᵀ h_l of one sequence (default l = L). */
export function referenceOutput(p: RnnParameters, m: number, d: number, L: number, x: ArrayLike<number>, l = L): number {
  const h = referenceHidden(p, m, d, L, x)[l];
  let f = 0;
  for (let i = 0; i < m; i++) f += p.B[i] * h[i];
  return f;
}
