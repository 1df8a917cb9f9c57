import { describe, expect, it } from 'vitest';
import { sequenceBatch, sequencesFromNested, type SequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError, ShapeError } from '../../src/errors.js';
import { analyticNtk } from '../../src/kernels/analytic.js';
import { kernelFn } from '../../src/kernels/kernel-fn.js';
import type { ParameterGroup } from '../../src/kernels/parameter-groups.js';
import type { Variances } from '../../src/model/variances.js';
import { Rng } from '../../src/random/rng.js';
import { BACKENDS, TOL, expectBitEqual, expectClose, WORKED_EXAMPLE_X } from '../helpers.js';
import { referencePair } from './reference.js';

const rng = new Rng(909, 'ts');
const randomBatch = (n: number, L: number, d: number, scale = 1): SequenceBatch =>
  sequenceBatch(n, L, d, rng.normal(n * L * d, scale));
const general: Variances = { v0: 1.3, vW: 1.7, vA: 0.4, vB: 0.8 };

/** ⟨X_il, Y_jl⟩ computed plainly. */
function stepDot(x: SequenceBatch, i: number, y: SequenceBatch, j: number, l: number): number {
  let s = 0;
  for (let t = 0; t < x.d; t++) s += x.data[(i * x.L + l - 1) * x.d + t] * y.data[(j * y.L + l - 1) * y.d + t];
  return s;
}

/** The docs/kernel-function.md closed forms for one pair, from the plain docs/theory.md#backward-kernel reference's k_l and b_l. */
function referenceGroups(x: SequenceBatch, i: number, y: SequenceBatch, j: number, v: Variances, width?: number) {
  const r = referencePair(x, i, y, j, v);
  let thetaA = 0;
  for (let l = 1; l <= x.L; l++) thetaA += r.b[l] * stepDot(x, i, y, j, l);
  return { nngp: v.vB * r.k[x.L], W: r.H, A: thetaA, M0: (v.vW / 2) * r.b[1], B: width === undefined ? 0 : r.k[x.L] / width };
}

describe('kernelFn: NNGP and per-group NTK (docs/kernel-function.md)', () => {
  const x = randomBatch(7, 6, 3, 1.5); // 7 rows: quads plus a scalar tail
  const y = randomBatch(6, 6, 3, 0.8);

  for (const backend of BACKENDS) {
    it(`the default is analyticNtk's H∞, and Θ_W of the all-groups pass has its bits (${backend.name})`, () => {
      const H = analyticNtk(x, { backend }).H;
      expectBitEqual(kernelFn(x, undefined, { get: ['ntk'], backend }).ntk!.data, H.data);
      expectBitEqual(kernelFn(x, undefined, { backend }).ntk!.data, H.data);
      const Hxy = analyticNtk(x, { other: y, backend }).H;
      expectBitEqual(kernelFn(x, y, { backend, get: ['nngp', 'ntk'] }).ntk!.data, Hxy.data);
      const kL = analyticNtk(x, { other: y, backend, parts: { k: [6] } }).k.get(6)!;
      expectBitEqual(kernelFn(x, y, { backend, get: ['nngp'] }).nngp!.data, kL.data.map((k) => 1 * k));
    });
  }

  it('wasm and the TS twin give the same bits for every group set, shape and variance', () => {
    const sets: ParameterGroup[][] = [['A'], ['M0'], ['B'], ['W', 'A', 'M0', 'B']];
    for (const trainable of sets) {
      for (const init of ['paper', general] as const) {
        const opts = { trainable, init, m: 64 };
        const [w, t] = BACKENDS.map((backend) => [
          kernelFn(x, undefined, { ...opts, backend }),
          kernelFn(x, y, { ...opts, backend }),
          kernelFn(x, undefined, { ...opts, backend, diagonal: true }),
        ]);
        for (let s = 0; s < 3; s++) {
          expectBitEqual(w[s].ntk!.data, t[s].ntk!.data);
          expectBitEqual(w[s].nngp!.data, t[s].nngp!.data);
        }
      }
    }
  });

  for (const variances of ['paper', general] as const) {
    it(`each group against the closed forms on the plain reference (${typeof variances === 'string' ? variances : 'general'} variances)`, () => {
      const width = 50;
      for (const group of ['W', 'A', 'M0', 'B'] as const) {
        const r = kernelFn(x, y, { trainable: [group], init: variances, m: width });
        const v = r.variances;
        for (let i = 0; i < x.n; i++) {
          for (let j = 0; j < y.n; j++) {
            const ref = referenceGroups(x, i, y, j, v, width);
            expectClose([r.ntk!.data[i * y.n + j]], [ref[group]], TOL.analyticReference);
            expectClose([r.nngp!.data[i * y.n + j]], [ref.nngp], TOL.analyticReference);
          }
        }
      }
      const sum = kernelFn(x, y, { trainable: ['W', 'A', 'M0', 'B'], init: variances, m: width }).ntk!;
      const parts = (['W', 'A', 'M0', 'B'] as const).map((g) => kernelFn(x, y, { trainable: [g], init: variances, m: width }).ntk!.data);
      expectClose(sum.data, sum.data.map((_, t) => parts[0][t] + parts[1][t] + parts[2][t] + parts[3][t]), TOL.roundoff);
    });
  }

  it('ntkGroups over row ranges [0, 3) and [3, n) writes exactly the single call (symmetric and cross), on both backends', () => {
    const L = x.L;
    for (const shape of [0, 1]) {
      const nb = shape === 1 ? x.n : y.n;
      const results = BACKENDS.map((b) =>
        b.heap.scope((s) => {
          const k = b.kernels;
          const v = s.put([general.v0, general.vW, general.vA, general.vB]);
          const wt = s.put([1, 1, 1, 1 / 64]);
          const xa = s.put(x.data);
          const ca = s.alloc(x.n * L);
          k.ntkDiagonal(x.n, L, x.d, xa, v, ca);
          let [xb, cb] = [xa, ca];
          if (shape === 0) {
            xb = s.put(y.data);
            cb = s.alloc(y.n * L);
            k.ntkDiagonal(y.n, L, y.d, xb, v, cb);
          }
          const out = [0, 1, 2, 3].map(() => s.alloc(x.n * nb));
          k.ntkGroups(x.n, nb, L, x.d, xa, xb, ca, cb, v, wt, shape, 0, x.n, 1, out[0], out[1]);
          k.ntkGroups(x.n, nb, L, x.d, xa, xb, ca, cb, v, wt, shape, 0, 3, 1, out[2], out[3]);
          k.ntkGroups(x.n, nb, L, x.d, xa, xb, ca, cb, v, wt, shape, 3, x.n, 1, out[2], out[3]);
          return out.map((o) => b.heap.read(o, x.n * nb));
        }),
      );
      for (const r of results) {
        expectBitEqual(r[2], r[0]);
        expectBitEqual(r[3], r[1]);
      }
      expectBitEqual(results[0][1], results[1][1]);
    }
  });

  it('B vanishes without a width (the infinite-width limit at fixed vB)', () => {
    const r = kernelFn(x, y, { trainable: ['B'] });
    expect(r.ntk!.data.every((v) => v === 0)).toBe(true);
  });

  it('the worked example (docs/theory.md#worked-example): NNGP = k_3 and Θ_M0 = b_1 under the defaults (vB = 1, vW/2 = 1)', () => {
    const ex = sequencesFromNested(WORKED_EXAMPLE_X);
    const k3 = [1.268518518518518, 0.97831547345726, 0.983843025312092, 0.97831547345726, 1.157407407407407, 1.08919005277792, 0.983843025312092, 1.08919005277792, 1.314814814814815];
    const b1 = [0.5, 0.305483176996029, 0.287006836664405, 0.305483176996029, 0.5, 0.34721782478199, 0.287006836664405, 0.34721782478199, 0.5];
    const r = kernelFn(ex, undefined, { trainable: ['M0'] });
    expectClose(r.nngp!.data, k3, TOL.specExample);
    expectClose(r.ntk!.data, b1, TOL.specExample);
  });

  it('diagonal: the full kernel’s diagonal bit for bit, and the closed forms with ρ = 1', () => {
    const v = general;
    const full = kernelFn(x, undefined, { trainable: ['W', 'A', 'M0'], init: v });
    const diag = kernelFn(x, undefined, { trainable: ['W', 'A', 'M0'], init: v, diagonal: true });
    expect([diag.ntk!.rows, diag.ntk!.cols]).toEqual([x.n, 1]);
    expectBitEqual(diag.ntk!.data, Array.from({ length: x.n }, (_, i) => full.ntk!.data[i * x.n + i]));
    expectBitEqual(diag.nngp!.data, Array.from({ length: x.n }, (_, i) => full.nngp!.data[i * x.n + i]));
    // ρ_l = 1: k_l = c_l/2, b_l = (vB/2)(vW/2)^{L−l}, b_0 = (vB/2)(vW/2)^L
    const L = x.L;
    for (let i = 0; i < x.n; i++) {
      let k = v.v0 / 2;
      let theta = 0;
      for (let l = 1; l <= L; l++) {
        const b = (v.vB / 2) * (v.vW / 2) ** (L - l);
        const sq = stepDot(x, i, x, i, l);
        theta += b * (k + sq);
        k = (v.vW * k + v.vA * sq) / 2;
      }
      theta += (v.vB / 2) * (v.vW / 2) ** L;
      expectClose([diag.ntk!.data[i]], [theta], TOL.analyticReference);
      expectClose([diag.nngp!.data[i]], [v.vB * k], TOL.analyticReference);
    }
  });

  it('rejects unknown groups and kinds, empty lists, mismatched shapes and diagonal with x2', () => {
    expect(() => kernelFn(x, undefined, { trainable: ['V' as ParameterGroup] })).toThrow(InvalidArgumentError);
    expect(() => kernelFn(x, undefined, { trainable: [] })).toThrow(/at least one/);
    expect(() => kernelFn(x, undefined, { get: ['nngq' as 'nngp'] })).toThrow(/'nngp', 'ntk'/);
    expect(() => kernelFn(x, randomBatch(2, 5, 3))).toThrow(ShapeError);
    expect(() => kernelFn(x, y, { diagonal: true })).toThrow(InvalidArgumentError);
    expect(() => kernelFn(x, undefined, { init: 'algorithm1' })).toThrow(/width/);
  });
});
