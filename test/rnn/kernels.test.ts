// The fused RNN kernels (assembly/rnn.ts) against their TS twins (bit-exact: same operation
// order) and against independent oracles: the scalar reference forward and the linalg
// rankUpdate kernel (the update skips only exact-zero terms, so values must agree exactly).
import { describe, expect, it } from 'vitest';
import { getBackend } from '../../src/backend/backend.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, TOL, expectBitEqual, expectClose, onBothBackends } from '../helpers.js';
import { referenceHidden } from './reference.js';

const rng = new Rng(7, 'ts');

/** A random instance; about half of each hidden state is zero, as after a ReLU. */
function instance(m: number, d: number, L: number) {
  const wT = rng.normal(m * m, Math.sqrt(2 / m));
  const a = rng.normal(m * d, 0.5);
  const b = rng.normal(m);
  const x = rng.normal(L * d, 2);
  const h0 = rng.normal(m).map((v) => Math.max(v, 0));
  return { wT, a, b, x, h0 };
}

describe('rnnForward', () => {
  for (const [m, d, L] of [[1, 1, 1], [7, 3, 4], [13, 2, 5], [34, 5, 3]]) {
    it(`matches its twin bit for bit and the scalar reference (m=${m}, d=${d}, L=${L})`, () => {
      const { wT, a, x, h0 } = instance(m, d, L);
      // rows 1..L start as the input terms A X_l, computed here independently
      const h = new Float64Array((L + 1) * m);
      h.set(h0);
      for (let l = 1; l <= L; l++) {
        for (let i = 0; i < m; i++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += a[i * d + k] * x[(l - 1) * d + k];
          h[l * m + i] = s;
        }
      }
      const [[wasm], [ts]] = onBothBackends([wT, h], (bk, [pw, ph]) => {
        bk.kernels.rnnForward(m, L, pw, ph);
        return [[ph, (L + 1) * m]];
      }) as Float64Array[][];
      expectBitEqual(wasm, ts);
      const W = new Float64Array(m * m);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) W[i * m + j] = wT[j * m + i];
      const M0 = h0; // ϕ(h0) = h0 since h0 ≥ 0
      const ref = referenceHidden({ W, A: a, B: new Float64Array(m), M0 }, m, d, L, x);
      for (let l = 0; l <= L; l++) expectClose(wasm.subarray(l * m, (l + 1) * m), ref[l], TOL.roundoff);
    });
  }
});

describe('rnnBackward', () => {
  for (const [m, L] of [[1, 2], [6, 4], [13, 5], [35, 3]]) {
    it(`matches its twin bit for bit and the recursion δ_l = D_l(Wᵀδ_{l+1} + e_l B) (m=${m}, L=${L})`, () => {
      const { wT, b } = instance(m, 1, L);
      const h = rng.normal((L + 1) * m).map((v) => Math.max(v, 0));
      const inject = rng.normal(L);
      const [[wasm], [ts]] = onBothBackends([wT, b, h, inject, new Float64Array(L * m)], (bk, [pw, pb, ph, pe, pd]) => {
        bk.kernels.rnnBackward(m, L, pw, pb, ph, pe, pd);
        return [[pd, L * m]];
      }) as Float64Array[][];
      expectBitEqual(wasm, ts);
      let next = new Float64Array(m);
      for (let l = L; l >= 1; l--) {
        const delta = new Float64Array(m);
        for (let j = 0; j < m; j++) {
          let t = inject[l - 1] * b[j];
          for (let i = 0; i < m; i++) t += wT[j * m + i] * next[i]; // (Wᵀ δ)_j = Σ_i W_ij δ_i
          delta[j] = h[l * m + j] > 0 ? t : 0;
        }
        expectClose(wasm.subarray((l - 1) * m, l * m), delta, TOL.roundoff);
        next = delta;
      }
    });
  }
});

describe('rnnUpdate', () => {
  // the last case spans two sequence groups of the wasm kernel (L·m = 4096 → 16 sequences a group)
  for (const [m, L, count] of [[1, 1, 1], [9, 3, 2], [16, 4, 1], [21, 2, 3], [64, 64, 20]]) {
    it(`matches its twin bit for bit and equals the dense rankUpdate (m=${m}, L=${L}, count=${count})`, () => {
      const wT = rng.normal(m * m);
      const h = rng.normal(count * (L + 1) * m).map((v) => Math.max(v, 0));
      const delta = rng.normal(count * L * m);
      const [[wasm], [ts]] = onBothBackends([wT, h, delta, new Float64Array(2 * count * L)], (bk, [pw, ph, pd, pk]) => {
        bk.kernels.rnnUpdate(m, L, count, pw, ph, pd, pk);
        return [[pw, m * m]];
      }) as Float64Array[][];
      expectBitEqual(wasm, ts);
      // Dense oracle: stack the rows h^s_{l−1} and δ^s_l in (s, l) order, apply rankUpdate.
      const u = new Float64Array(count * L * m);
      for (let s = 0; s < count; s++) u.set(h.subarray(s * (L + 1) * m, (s * (L + 1) + L) * m), s * L * m);
      const dense = getBackend('ts');
      const expected = dense.heap.scope((sc) => {
        const pw = sc.put(wT);
        dense.kernels.rankUpdate(m, m, count * L, 1, sc.put(u), m, sc.put(delta), m, pw, m);
        return dense.heap.read(pw, m * m);
      });
      // every entry equal (`!==` treats −0 and +0 as equal: skipping exact-zero terms may flip only a zero's sign)
      const differing = Array.from(wasm).filter((v, i) => v !== expected[i]);
      expect(differing).toEqual([]);
    });
  }
  it('is a no-op for rows whose hidden units are all inactive', () => {
    const m = 4;
    const L = 2;
    const wT = rng.normal(m * m);
    const h = new Float64Array((L + 1) * m); // all zero
    for (const bk of BACKENDS) {
      const out = bk.heap.scope((s) => {
        const pw = s.put(wT);
        bk.kernels.rnnUpdate(m, L, 1, pw, s.put(h), s.put(rng.normal(L * m)), s.alloc(2 * L));
        return bk.heap.read(pw, m * m);
      });
      expectBitEqual(out, wT);
    }
  });
});
