/**
 * Independent plain-TS oracles for the empirical-kernel tests, written from docs/theory.md with
 * textbook loops (no heap, no tiles, no kernels): a width-m ReLU RNN with its backward pass
 * and the explicit gradient ∇_W f = Σ_l δ_l h_{l−1}ᵀ.
 */
import type { StackedActivations } from '../../src/kernels/empirical-activations.js';
import type { StackedHiddenStates } from '../../src/kernels/empirical-correlations.js';
import { Rng } from '../../src/random/rng.js';

/** The four initialisation variances (docs/theory.md#initialisation). */
export interface RefVariances {
  v0: number;
  vW: number;
  vA: number;
  vB: number;
}

/** The paper's default variances for length L (docs/theory.md#initialisation table). */
export function paperVariances(L: number): RefVariances {
  return { v0: 2, vW: 2, vA: 2 / (L * L * L), vB: 1 };
}

/** A width-m network: W (m×m), A (m×d), B (m), h0 = ϕ(M0), all row-major plain arrays. */
export interface RefNetwork {
  m: number;
  d: number;
  W: Float64Array;
  A: Float64Array;
  B: Float64Array;
  h0: Float64Array;
}

/** Draws a network with entries N(0, v/m) (B: N(0, vB)) from `rng` (docs/theory.md#initialisation). */
export function refNetwork(rng: Rng, m: number, d: number, v: RefVariances): RefNetwork {
  const M0 = rng.normal(m, Math.sqrt(v.v0 / m));
  return {
    m,
    d,
    W: rng.normal(m * m, Math.sqrt(v.vW / m)),
    A: rng.normal(m * d, Math.sqrt(v.vA / m)),
    B: rng.normal(m, Math.sqrt(v.vB)),
    h0: M0.map((z) => Math.max(z, 0)),
  };
}

/**
 * Forward and backward pass of one sequence x (L×d row-major): h_0..h_L and δ_1..δ_L with
 * δ_L = D_L B, δ_{l−1} = D_{l−1} Wᵀ δ_l (docs/theory.md#gradient).
 */
export function refPass(net: RefNetwork, x: Float64Array, L: number): { h: Float64Array[]; delta: Float64Array[] } {
  const { m, d, W, A } = net;
  const h: Float64Array[] = [net.h0];
  const g: Float64Array[] = [new Float64Array(0)];
  for (let l = 1; l <= L; l++) {
    const gl = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += W[r * m + c] * h[l - 1][c];
      for (let k = 0; k < d; k++) s += A[r * d + k] * x[(l - 1) * d + k];
      gl[r] = s;
    }
    g.push(gl);
    h.push(gl.map((z) => Math.max(z, 0)));
  }
  const delta: Float64Array[] = new Array(L + 1);
  delta[L] = net.B.map((bv, r) => (g[L][r] > 0 ? bv : 0));
  for (let l = L; l > 1; l--) {
    const prev = new Float64Array(m); // Wᵀ δ_l, accumulated row by row of W (contiguous)
    for (let r = 0; r < m; r++) {
      const dr = delta[l][r];
      if (dr !== 0) for (let c = 0; c < m; c++) prev[c] += W[r * m + c] * dr;
    }
    delta[l - 1] = prev.map((v, c) => (g[l - 1][c] > 0 ? v : 0));
  }
  return { h, delta };
}

/**
 * Stacked activations (docs/theory.md#empirical-ntk layout) of n sequences (n×L×d flat) through `net`, with the
 * hidden states h_0..h_L (n×(L+1)×m) as `hidden`.
 */
export function refActivations(
  net: RefNetwork, xs: Float64Array, n: number, L: number,
): StackedActivations & { hidden: StackedHiddenStates } {
  const { m, d } = net;
  const delta = new Float64Array(n * L * m);
  const hPrev = new Float64Array(n * L * m);
  const hAll = new Float64Array(n * (L + 1) * m);
  for (let i = 0; i < n; i++) {
    const { h, delta: dl } = refPass(net, xs.subarray(i * L * d, (i + 1) * L * d), L);
    for (let l = 1; l <= L; l++) {
      delta.set(dl[l], (i * L + l - 1) * m);
      hPrev.set(h[l - 1], (i * L + l - 1) * m);
    }
    for (let l = 0; l <= L; l++) hAll.set(h[l], (i * (L + 1) + l) * m);
  }
  return { n, L, m, delta, hPrev, hidden: { n, L, m, h: hAll } };
}

/** The explicit m×m gradient Σ_l δ_l h_{l−1}ᵀ of sequence i (small m only). */
export function explicitGradient(acts: StackedActivations, i: number): Float64Array {
  const { L, m } = acts;
  const grad = new Float64Array(m * m);
  for (let l = 0; l < L; l++) {
    const row = (i * L + l) * m;
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) grad[r * m + c] += acts.delta[row + r] * acts.hPrev[row + c];
  }
  return grad;
}
