import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.js';
import { TOL, expectBitEqual, expectClose, onBothBackends } from '../helpers.js';

/** Naive oracle: Σ_{a,b<L} gd(iL+a, jL+b)·gh(iL+a, jL+b) over full (not triangular) tiles. */
function naiveBlockSums(ni: number, nj: number, L: number, gd: Float64Array, gh: Float64Array, ldg: number): Float64Array {
  const out = new Float64Array(ni * nj);
  for (let i = 0; i < ni; i++)
    for (let j = 0; j < nj; j++) {
      let s = 0;
      for (let a = 0; a < L; a++)
        for (let b = 0; b < L; b++) s += gd[(i * L + a) * ldg + j * L + b] * gh[(i * L + a) * ldg + j * L + b];
      out[i * nj + j] = s;
    }
  return out;
}

/** A random symmetric r×r matrix, row-major. */
function symmetric(rng: Rng, r: number): Float64Array {
  const g = rng.normal(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < i; j++) g[j * r + i] = g[i * r + j];
  return g;
}

describe('ntkBlockSum: sums of L×L blocks of a Hadamard product (docs/theory.md#empirical-ntk)', () => {
  const rng = new Rng(3, 'ts');
  for (const [ni, nj, L] of [[3, 2, 1], [2, 3, 4], [4, 4, 5], [1, 1, 7]] as const) {
    it(`full tiles ${ni}×${nj} blocks of ${L}×${L}: wasm = twin bit for bit, = naive oracle`, () => {
      const ldg = nj * L + 3; // padded leading dimension
      const gd = rng.normal(ni * L * ldg);
      const gh = rng.normal(ni * L * ldg);
      const init = rng.normal(ni * nj);
      const [w, t] = onBothBackends([gd, gh, init], (b, [pd, ph, po]) => {
        b.kernels.ntkBlockSum(ni, nj, L, pd, ph, ldg, 0, 0.5, po, nj);
        return [[po, ni * nj]];
      }) as Float64Array[][];
      expectBitEqual(w[0], t[0]);
      const ref = naiveBlockSums(ni, nj, L, gd, gh, ldg).map((v, k) => init[k] + 0.5 * v);
      // the oracle sums the L² products in another order: round-off grows with the term count
      expectClose(w[0], ref, TOL.roundoff * L * L);
    });
  }

  for (const [n, L] of [[1, 1], [3, 2], [4, 3], [5, 6]] as const) {
    it(`lower (diagonal) tile of ${n} sequences, L = ${L}: equals the full-tile sums on j ≤ i`, () => {
      const r = n * L;
      const gd = symmetric(rng, r);
      const gh = symmetric(rng, r);
      const lowerOnly = (g: Float64Array) => g.map((v, k) => (k % r <= Math.floor(k / r) ? v : NaN));
      const [w, t] = onBothBackends([lowerOnly(gd), lowerOnly(gh), new Float64Array(n * n)], (b, [pd, ph, po]) => {
        b.kernels.ntkBlockSum(n, n, L, pd, ph, r, 1, 1, po, n);
        return [[po, n * n]];
      }) as Float64Array[][];
      expectBitEqual(w[0], t[0]);
      const ref = naiveBlockSums(n, n, L, gd, gh, r);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          // the upper triangle is not touched; the lower one matches the full-tile oracle
          if (j > i) expect(w[0][i * n + j]).toBe(0);
          else expect(Math.abs(w[0][i * n + j] - ref[i * n + j])).toBeLessThanOrEqual(TOL.roundoff * L * L * Math.max(1, Math.abs(ref[i * n + j])));
        }
    });
  }
});
