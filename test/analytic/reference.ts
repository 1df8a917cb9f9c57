/**
 * An independent, deliberately plain reference for the analytic kernel of docs/theory.md#analytic-kernels: per pair,
 * the forward recursion with JS Math.acos, then the backward products and H∞ = Σ_l b_l k_{l−1}
 * written exactly as docs/theory.md states them (no Horner form, no shared helpers with src/).
 * Also a Cholesky and a Gaussian-elimination solve for the tests' linear algebra.
 */
import type { SequenceBatch } from '../../src/data/sequences.js';
import type { Variances } from '../../src/model/variances.js';

/** Per-pair quantities: k[l] (l = 0..L), c[l], b[l], rho[l] (l = 1..L, index 0 unused), H, perStep[l]. */
export interface ReferencePair {
  k: number[];
  c: number[];
  b: number[];
  rho: number[];
  H: number;
  perStep: number[];
}

function step(x: SequenceBatch, i: number, l: number): number[] {
  const off = (i * x.L + (l - 1)) * x.d;
  return Array.from(x.data.subarray(off, off + x.d));
}

function dot(u: number[], v: number[]): number {
  return u.reduce((s, ui, t) => s + ui * v[t], 0);
}

/** c_l(i,i) for l = 1..L (index 0 unused), by the diagonal recursion with κ1(1) = 1. */
function diagonalC(x: SequenceBatch, i: number, v: Variances): number[] {
  const c = [0];
  let k = v.v0 / 2;
  for (let l = 1; l <= x.L; l++) {
    const s = step(x, i, l);
    c.push(v.vW * k + v.vA * dot(s, s));
    k = c[l] / 2;
  }
  return c;
}

/** The docs/theory.md#analytic-kernels quantities for the pair (a_i, b_j). */
export function referencePair(a: SequenceBatch, i: number, bb: SequenceBatch, j: number, v: Variances): ReferencePair {
  const L = a.L;
  const ca = diagonalC(a, i, v);
  const cb = diagonalC(bb, j, v);
  const k = [v.v0 / 2];
  const cs = [NaN];
  const rho = [NaN];
  const kappa0 = [NaN];
  for (let l = 1; l <= L; l++) {
    const c = v.vW * k[l - 1] + v.vA * dot(step(a, i, l), step(bb, j, l));
    cs.push(c);
    const q = Math.sqrt(ca[l] * cb[l]);
    const r = Math.min(1, Math.max(-1, c / q));
    rho.push(r);
    kappa0.push((Math.PI - Math.acos(r)) / Math.PI);
    // √(1−ρ²) as √((1−ρ)(1+ρ)): 1 − ρ·ρ cancels catastrophically near ρ = 1
    k.push(0.5 * q * ((Math.sqrt((1 - r) * (1 + r)) + (Math.PI - Math.acos(r)) * r) / Math.PI));
  }
  const b = new Array<number>(L + 1).fill(NaN);
  b[L] = (v.vB * kappa0[L]) / 2;
  for (let l = L - 1; l >= 1; l--) b[l] = (b[l + 1] * v.vW * kappa0[l]) / 2;
  let H = 0;
  for (let l = 1; l <= L; l++) H += b[l] * k[l - 1];
  // per-step kernels H^t: the backward product started at t (Remark 3.2)
  const perStep = [NaN];
  for (let t = 1; t <= L; t++) {
    let bt = (v.vB * kappa0[t]) / 2;
    let Ht = bt * k[t - 1];
    for (let l = t - 1; l >= 1; l--) {
      bt = (bt * v.vW * kappa0[l]) / 2;
      Ht += bt * k[l - 1];
    }
    perStep.push(Ht);
  }
  return { k, c: cs, b, rho, H, perStep };
}

/** Lower-triangular Cholesky factor of a symmetric n×n row-major matrix; throws if not PD. */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] * l[j * n + k];
    if (!(s > 0)) throw new Error(`not positive definite at pivot ${j} (${s})`);
    l[j * n + j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / l[j * n + j];
    }
  }
  return l;
}

/** Solves A z = y by Gaussian elimination with partial pivoting (A n×n row-major). */
export function gaussSolve(a: ArrayLike<number>, y: ArrayLike<number>, n: number): number[] {
  const m = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => a[i * n + j]), y[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let t = c; t <= n; t++) m[r][t] -= f * m[c][t];
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let t = r + 1; t < n; t++) s -= m[r][t] * z[t];
    z[r] = s / m[r][r];
  }
  return z;
}
