// Plain-TS twins of assembly/ntk.ts (the analytic tangent kernel, docs/theory.md#tangent-kernel). Same contract and
// operation order (bit-exact): the dot products in the blas1 lane order, the portable
// arccos, and the forward (Horner) accumulation of H∞ described in assembly/ntk.ts.
import { INV_PI, PI, clampedCorrelation } from '../../numeric/arc-cosine.js';
import { portableAcos } from '../../numeric/portable-trig.js';
import { dot } from './blas1.js';

/** Number of part kinds in `sel`: k_l, b_l, ρ_l, H^l, c_l. */
const PART_KINDS = 5;

/**
 * The diagonal pre-activation variances: cd[i·L + l−1] = c_l(i,i), where
 * c_l(i,i) = vW·k_{l−1}(i,i) + vA·‖X_il‖², k_l(i,i) = c_l(i,i)/2, k_0 = v0/2 (κ1(1) = 1).
 */
export function ntkDiagonal(h: Float64Array, n: number, L: number, d: number, x: number, vars: number, cd: number): void {
  const v0 = h[vars];
  const vW = h[vars + 1];
  const vA = h[vars + 2];
  for (let i = 0; i < n; i++) {
    let kPrev = 0.5 * v0;
    for (let l = 0; l < L; l++) {
      const p = x + (i * L + l) * d;
      const c = vW * kPrev + vA * dot(h, d, p, p);
      h[cd + i * L + l] = c;
      kPrev = 0.5 * c;
    }
  }
}

/**
 * H∞ between batches a (na sequences) and b (nb) into out (na×nb, ld nb); parts on request.
 * Arguments and layout as the wasm `ntkAnalytic` (see assembly/ntk.ts).
 */
export function ntkAnalytic(
  h: Float64Array, na: number, nb: number, L: number, d: number, xa: number, xb: number, ca: number, cb: number,
  vars: number, symmetric: number, out: number, sel: number, parts: number, scratch: number,
): void {
  ntkAnalyticRows(h, na, nb, L, d, xa, xb, ca, cb, vars, symmetric, out, sel, parts, scratch, 0, na);
}

/** ntkAnalytic restricted to the rows i0 ≤ i < i1 (as the wasm `ntkAnalyticRows`). */
export function ntkAnalyticRows(
  h: Float64Array, na: number, nb: number, L: number, d: number, xa: number, xb: number, ca: number, cb: number,
  vars: number, symmetric: number, out: number, sel: number, parts: number, scratch: number, i0: number, i1: number,
): void {
  const v0 = h[vars];
  const vW = h[vars + 1];
  const vA = h[vars + 2];
  const vB = h[vars + 3];
  const halfVW = 0.5 * vW;
  const halfVB = 0.5 * vB;
  let anySel = false;
  let anyB = false;
  for (let t = 0; t < PART_KINDS * (L + 1); t++) {
    if (h[sel + t] >= 0) {
      anySel = true;
      if (t >= L + 1 && t < 2 * (L + 1)) anyB = true;
    }
  }
  const slab = na * nb;
  const sym = symmetric !== 0;
  const writePart = (kind: number, l: number, i: number, j: number, mirror: boolean, v: number): void => {
    const which = h[sel + kind * (L + 1) + l];
    if (which >= 0) {
      h[parts + which * slab + i * nb + j] = v;
      if (mirror) h[parts + which * slab + j * nb + i] = v;
    }
  };
  for (let i = i0; i < i1; i++) {
    for (let j = sym ? i : 0; j < nb; j++) {
      const diag = sym && i === j;
      const mirror = sym && i !== j;
      let kPrev = 0.5 * v0;
      let k0Prev = 0;
      let G = 0;
      if (anySel) writePart(0, 0, i, j, mirror, kPrev);
      for (let l = 1; l <= L; l++) {
        const c = vW * kPrev + vA * dot(h, d, xa + (i * L + l - 1) * d, xb + (j * L + l - 1) * d);
        const q = Math.sqrt(h[ca + i * L + l - 1] * h[cb + j * L + l - 1]);
        const rho = diag ? 1 : clampedCorrelation(c, q);
        const piMinusAcos = PI - portableAcos(rho);
        const k0 = piMinusAcos * INV_PI;
        const k1 = (Math.sqrt((1 - rho) * (1 + rho)) + piMinusAcos * rho) * INV_PI;
        G = kPrev + halfVW * k0Prev * G;
        kPrev = 0.5 * q * k1;
        k0Prev = k0;
        if (anySel) {
          writePart(0, l, i, j, mirror, kPrev);
          writePart(2, l, i, j, mirror, rho);
          writePart(3, l, i, j, mirror, halfVB * k0 * G);
          writePart(4, l, i, j, mirror, c);
        }
        if (anyB) h[scratch + l] = k0;
      }
      const hij = halfVB * k0Prev * G;
      h[out + i * nb + j] = hij;
      if (mirror) h[out + j * nb + i] = hij;
      if (anyB) {
        let b = halfVB * h[scratch + L];
        writePart(1, L, i, j, mirror, b);
        for (let l = L - 1; l >= 1; l--) {
          b = b * (halfVW * h[scratch + l]);
          writePart(1, l, i, j, mirror, b);
        }
      }
    }
  }
}
