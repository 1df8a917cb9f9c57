import { describe, expect, it } from 'vitest';
import { sequenceBatch, type SequenceBatch } from '../../src/data/sequences.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import type { Variances } from '../../src/model/variances.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, TOL, expectBitEqual, expectClose } from '../helpers.js';
import { cholesky, referencePair } from './reference.js';

const rng = new Rng(2024, 'ts');

function randomBatch(n: number, L: number, d: number, scale = 1): SequenceBatch {
  return sequenceBatch(n, L, d, rng.normal(n * L * d, scale));
}

const general: Variances = { v0: 1.3, vW: 1.7, vA: 0.4, vB: 0.8 };

describe('analytic H∞ against the plain docs/theory.md#tangent-kernel reference', () => {
  const x = randomBatch(5, 7, 3, 1.5);
  const y = randomBatch(4, 7, 3, 0.7);
  for (const variances of ['paper', general] as const) {
    it(`joint kernel, cross kernel and every part (variances ${typeof variances === 'string' ? variances : 'general'})`, () => {
      const all = Array.from({ length: 8 }, (_, l) => l);
      const r = analyticNtk(x, { init: variances, other: y, parts: { k: all, b: all.slice(1), rho: all.slice(1), c: all.slice(1) }, perStep: true });
      const v = r.variances;
      for (let i = 0; i < x.n; i++) {
        for (let j = 0; j < y.n; j++) {
          const ref = referencePair(x, i, y, j, v);
          const at = (m: { data: Float64Array }) => m.data[i * y.n + j];
          expectClose([at(r.H)], [ref.H], TOL.analyticReference);
          for (let l = 0; l <= 7; l++) expectClose([at(r.k.get(l)!)], [ref.k[l]], TOL.analyticReference);
          for (let l = 1; l <= 7; l++) {
            expectClose([at(r.b.get(l)!)], [ref.b[l]], TOL.analyticReference);
            expectClose([at(r.rho.get(l)!)], [ref.rho[l]], TOL.analyticReference);
            expectClose([at(r.c.get(l)!)], [ref.c[l]], TOL.analyticReference);
            expectClose([at(r.perStep.get(l)!)], [ref.perStep[l]], TOL.analyticReference);
          }
        }
      }
      expectBitEqual(r.perStep.get(7)!.data, r.H.data);
    });
  }

  it('H∞ of the smallest shapes (L = 1, d = 1; L = 2, d = 2) against the reference, on both backends', () => {
    for (const [L, d] of [[1, 1], [2, 2]]) {
      const a = randomBatch(6, L, d);
      for (const backend of BACKENDS) {
        const H = analyticNtk(a, { backend, init: general }).H;
        for (let i = 0; i < 6; i++) {
          for (let j = 0; j < 6; j++) expectClose([H.data[i * 6 + j]], [referencePair(a, i, a, j, general).H], TOL.analyticReference);
        }
      }
    }
  });

  it('test × train equals the corresponding block of the joint kernel', () => {
    const joint = sequenceBatch(9, 7, 3, [...x.data, ...y.data]);
    for (const backend of BACKENDS) {
      const full = analyticNtk(joint, { backend, init: general }).H;
      const cross = analyticNtk(x, { backend, init: general, other: y }).H;
      const block = [];
      for (let i = 0; i < 5; i++) for (let j = 5; j < 9; j++) block.push(full.data[i * 9 + j]);
      expectBitEqual(cross.data, block);
    }
  });
});

describe('analytic H∞: algebraic properties', () => {
  it('diagonal oracle with the defaults: H_ii = L/2 + (1/(2L³)) Σ_{k<L} (L−k)‖X_ik‖²', () => {
    for (const L of [1, 4, 32]) {
      const x = randomBatch(6, L, 5, 2);
      const H = analyticNtk(x).H;
      for (let i = 0; i < x.n; i++) {
        let s = 0;
        for (let k = 1; k < L; k++) {
          let norm2 = 0;
          for (let t = 0; t < 5; t++) norm2 += x.data[(i * L + k - 1) * 5 + t] ** 2;
          s += (L - k) * norm2;
        }
        expectClose([H.data[i * x.n + i]], [L / 2 + s / (2 * L ** 3)], TOL.roundoff);
      }
    }
  });

  it('diagonal oracle for general variances: H_ii = Σ_l (vB/2)(vW/2)^{L−l} k_{l−1}(i,i)', () => {
    const L = 9;
    const x = randomBatch(4, L, 3);
    const { v0, vW, vA, vB } = general;
    const r = analyticNtk(x, { init: general, parts: { b: [1, 5, 9] } });
    for (let i = 0; i < x.n; i++) {
      let k = v0 / 2;
      let h = 0;
      for (let l = 1; l <= L; l++) {
        h += (vB / 2) * (vW / 2) ** (L - l) * k;
        let norm2 = 0;
        for (let t = 0; t < 3; t++) norm2 += x.data[(i * L + l - 1) * 3 + t] ** 2;
        k = (vW * k + vA * norm2) / 2; // k_l(i,i) = c_l(i,i)/2
      }
      expectClose([r.H.data[i * 4 + i]], [h], TOL.roundoff);
      for (const l of [1, 5, 9]) expectClose([r.b.get(l)!.data[i * 4 + i]], [(vB / 2) * (vW / 2) ** (L - l)], TOL.roundoff);
    }
  });

  it('tends to (L/2)·J as ‖X‖²/L³ → 0 (docs/theory.md#tangent-kernel), at the rate √(‖X‖²/L³) set by κ0′(ρ) ~ (1−ρ)^{−1/2}', () => {
    const L = 16;
    const base = randomBatch(5, L, 3);
    const deviation = (scale: number) => {
      const H = analyticNtk(sequenceBatch(5, L, 3, base.data.map((v) => v * scale))).H;
      return Math.max(...Array.from(H.data, (v) => Math.abs(v - L / 2)));
    };
    const [big, small] = [deviation(1e-3), deviation(1e-5)];
    expect(big).toBeLessThan(1e-3 * (L / 2));
    // 1 − ρ_l ∝ scale², so the deviation ∝ scale: 100× smaller inputs, ~100× closer (≥ 50× allowed)
    expect(small).toBeLessThan(big / 50);
    expect(small).toBeGreaterThan(big / 200);
  });

  it('is symmetric and positive definite on distinct sequences (Cholesky succeeds)', () => {
    for (const [n, L, variances] of [[12, 5, 'paper'], [10, 16, general]] as const) {
      const x = randomBatch(n, L, 3);
      const H = analyticNtk(x, { init: variances }).H;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(H.data[i * n + j]).toBe(H.data[j * n + i]);
      expect(() => cholesky(H.data, n)).not.toThrow();
    }
  });

  it('duplicated sequences give identical rows (and 0 < b_l ≤ 1/2 with the defaults)', () => {
    const base = randomBatch(4, 6, 2);
    const data = new Float64Array(5 * 12);
    data.set(base.data);
    data.set(base.data.subarray(12, 24), 48); // sequence 4 = sequence 1
    const x = sequenceBatch(5, 6, 2, data);
    const r = analyticNtk(x, { parts: { b: [1, 3, 6], rho: [1, 6] } });
    const H = r.H.data;
    for (const rho of r.rho.values()) for (let i = 0; i < 5; i++) expect(rho.data[i * 5 + i]).toBe(1);
    for (const j of [0, 2, 3]) expect(H[4 * 5 + j]).toBe(H[1 * 5 + j]);
    // the pair of copies: q = √(c·c) = c exactly, so ρ_l = 1 and they equal the diagonal bit for bit
    for (const v of [H[4 * 5 + 4], H[4 * 5 + 1], H[1 * 5 + 4]]) expect(v).toBe(H[1 * 5 + 1]);
    for (const b of r.b.values()) for (const v of b.data) expect(v > 0 && v <= 0.5).toBe(true);
  });

  it('the wasm loop and its TS twin agree bit for bit (parts, per-step, cross kernel, odd d)', () => {
    const x = randomBatch(7, 6, 3);
    const y = randomBatch(3, 6, 3);
    const opts = { init: general, parts: { k: [0, 2, 6], b: [1, 6], rho: [3], c: [2] }, perStep: true } as const;
    const [w, t] = BACKENDS.map((backend) => [analyticNtk(x, { ...opts, backend }), analyticNtk(x, { ...opts, backend, other: y })]);
    for (let c = 0; c < 2; c++) {
      expectBitEqual(w[c].H.data, t[c].H.data);
      for (const key of ['k', 'b', 'rho', 'c'] as const) {
        for (const [l, m] of w[c][key]) expectBitEqual(m.data, t[c][key].get(l)!.data);
      }
      w[c].perStep.forEach((m, l) => expectBitEqual(m.data, t[c].perStep.get(l)!.data));
    }
  });
});

describe('the four-pair f64x2 loop (no parts requested) equals the scalar loop and the twin', () => {
  it('bit for bit, on every branch of arccos (ρ near −1, near 0, near 1), odd and even sizes', () => {
    // vA = 2 ('algorithm1') lets inputs dominate: negated and scaled copies give ρ_1 ≈ −1, 1
    const base = randomBatch(6, 5, 3);
    const data = [...base.data, ...base.data.slice(0, 15).map((v) => -v), ...base.data.slice(15, 30).map((v) => 3 * v), ...rng.normal(15, 1e-3)];
    const x = sequenceBatch(9, 5, 3, data);
    const y = randomBatch(4, 5, 3);
    const rhos = analyticNtk(x, { init: 'algorithm1', m: 1, parts: { rho: [1, 2, 3, 4, 5] } }).rho;
    const all = [...rhos.values()].flatMap((m) => Array.from(m.data));
    expect(all.some((r) => r < -0.5 && r > -1)).toBe(true);
    expect(all.some((r) => Math.abs(r) < 0.5)).toBe(true);
    expect(all.some((r) => r >= 0.5 && r < 1)).toBe(true);
    for (const other of [undefined, y]) {
      const opts = { init: 'algorithm1', m: 1, other } as const;
      const lanes = analyticNtk(x, { ...opts, backend: 'wasm' }).H.data;
      const scalar = analyticNtk(x, { ...opts, backend: 'wasm', parts: { k: [0] } }).H.data;
      const twin = analyticNtk(x, { ...opts, backend: 'ts' }).H.data;
      expectBitEqual(lanes, scalar);
      expectBitEqual(lanes, twin);
    }
  });
});

describe('backward correlations decay polynomially in L − l (Remark 4.2, docs/experiments.md)', () => {
  const L = 64;
  const d = 4;
  const decayRng = new Rng(64, 'ts');
  /** Random unit-norm tokens (scaled by `scale`), then an antipodal and an orthogonal pair. */
  function tokens(scale: number): SequenceBatch {
    const raw = new Float64Array(7 * L * d);
    raw.set(decayRng.normal(3 * L * d));
    for (let t = 0; t < 3 * L; t++) {
      const norm = Math.hypot(...raw.subarray(t * d, (t + 1) * d));
      for (let k = 0; k < d; k++) raw[t * d + k] /= norm;
    }
    for (let t = 0; t < L; t++) {
      raw[(3 * L + t) * d] = 1; // sequence 3 = e_1 at every step, 4 = −e_1, 5 = e_2, 6 = e_1 again
      raw[(4 * L + t) * d] = -1;
      raw[(5 * L + t) * d + 1] = 1;
      raw[(6 * L + t) * d] = 1;
    }
    return sequenceBatch(7, L, d, raw.map((v) => v * scale));
  }
  const steps = Array.from({ length: L }, (_, t) => t + 1);
  const offDiagonal = (m: { data: Float64Array }) => Array.from(m.data).filter((_, t) => Math.floor(t / 7) !== t % 7);

  it('unit-norm tokens, paper variances: off-diagonal b_l stays within [0.33, 0.5] for L − l up to 63', () => {
    const x = tokens(1);
    const b = analyticNtk(x, { parts: { b: steps } }).b;
    // ρ_l grows with every ⟨X_ik, X_jk⟩, so antipodal tokens (pair 3, 4) are the worst case:
    // its b_1 ≈ 0.3305 by the plain reference; orthogonal tokens (pair 3, 5) stay above 0.37,
    // the figure docs/experiments.md#what-to-expect-at-small-sizes reports for its random tokens.
    const antipodal = referencePair(x, 3, x, 4, { v0: 2, vW: 2, vA: 2 / L ** 3, vB: 1 });
    for (const l of steps) expectClose([b.get(l)!.data[3 * 7 + 4]], [antipodal.b[l]], TOL.nearDegenerateKernel);
    expect(antipodal.b[1]).toBeGreaterThan(0.33);
    for (const l of steps) {
      for (const v of offDiagonal(b.get(l)!)) {
        expect(v).toBeGreaterThanOrEqual(antipodal.b[l] * (1 - TOL.nearDegenerateKernel));
        expect(v).toBeLessThanOrEqual(0.5);
      }
      expect(b.get(l)!.data[3 * 7 + 5]).toBeGreaterThanOrEqual(0.37);
    }
    // 2^{−(L−1)} ≈ 1e−19: an exponential decay would be ~18 orders of magnitude below this
    for (const v of offDiagonal(b.get(1)!)) expect(v).toBeGreaterThan(1e18 * 2 ** -(L - 1));
  });

  it('inputs with ‖X‖²/L³ = 1 instead decay exponentially (the contrast of docs/experiments.md)', () => {
    const b = analyticNtk(tokens(L ** 1.5), { parts: { b: [1, L] } }).b;
    for (const [i, j] of [[0, 1], [0, 2], [1, 2], [3, 4], [3, 5]]) {
      const ratio = b.get(1)!.data[i * 7 + j] / b.get(L)!.data[i * 7 + j];
      expect(ratio).toBeLessThan(0.9 ** (L - 1));
    }
  });
});
