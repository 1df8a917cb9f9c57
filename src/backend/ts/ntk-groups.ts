// Plain-TS twin of assembly/ntk_groups.ts (the analytic NNGP and per-group tangent kernels,
// docs/kernel-function.md). Same contract and operation order (bit-exact): the dot products in
// the blas1 lane order, the portable arccos, the Horner sums of Θ_W and Θ_A, the left-to-right
// product for b_1, and ntk = ((wW·Θ_W + wA·Θ_A) + wM0·Θ_M0) + wB·k_L.
import { INV_PI, PI, clampedCorrelation } from '../../numeric/arc-cosine.js';
import { portableAcos } from '../../numeric/portable-trig.js';
import { dot } from './blas1.js';

/**
 * NNGP and the weighted sum of group kernels for rows [i0, i1). Arguments and layout as the
 * wasm `ntkGroups` (see assembly/ntk_groups.ts): shape 0 cross, 1 symmetric, 2 diagonal only.
 */
export function ntkGroups(
  h: Float64Array, na: number, nb: number, L: number, d: number, xa: number, xb: number, ca: number, cb: number,
  vars: number, weights: number, shape: number, i0: number, i1: number, wantNngp: number, nngp: number, ntk: number,
): void {
  const v0 = h[vars];
  const vW = h[vars + 1];
  const vA = h[vars + 2];
  const vB = h[vars + 3];
  const wW = h[weights];
  const wA = h[weights + 1];
  const wM0 = h[weights + 2];
  const wB = h[weights + 3];
  const halfVW = 0.5 * vW;
  const pair = (i: number, j: number, xj: number, cj: number, diag: boolean, o: number, om: number): void => {
    let kPrev = 0.5 * v0;
    let k0Prev = 0;
    let G = 0;
    let GA = 0;
    let P = 1;
    for (let l = 1; l <= L; l++) {
      const dt = dot(h, d, xa + (i * L + l - 1) * d, xj + (j * L + l - 1) * d);
      const c = vW * kPrev + vA * dt;
      const q = Math.sqrt(h[ca + i * L + l - 1] * h[cj + j * L + l - 1]);
      const rho = diag ? 1 : clampedCorrelation(c, q);
      const piMinusAcos = PI - portableAcos(rho);
      const k0 = piMinusAcos * INV_PI;
      const k1 = (Math.sqrt((1 - rho) * (1 + rho)) + piMinusAcos * rho) * INV_PI;
      const decay = halfVW * k0Prev;
      G = kPrev + decay * G;
      GA = dt + decay * GA;
      kPrev = 0.5 * q * k1;
      k0Prev = k0;
      if (l < L) P = P * (halfVW * k0);
    }
    const top = 0.5 * vB * k0Prev;
    const theta = wW * (top * G) + wA * (top * GA) + wM0 * (halfVW * (top * P)) + wB * kPrev;
    h[ntk + o] = theta;
    h[ntk + om] = theta;
    if (wantNngp !== 0) {
      h[nngp + o] = vB * kPrev;
      h[nngp + om] = vB * kPrev;
    }
  };
  if (shape === 2) {
    for (let i = i0; i < i1; i++) pair(i, i, xa, ca, true, i, i);
    return;
  }
  const sym = shape === 1;
  for (let i = i0; i < i1; i++) {
    for (let j = sym ? i : 0; j < nb; j++) {
      const o = i * nb + j;
      pair(i, j, xb, cb, sym && i === j, o, sym ? j * nb + i : o);
    }
  }
}
