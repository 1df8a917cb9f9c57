/**
 * The per-group empirical tangent kernels (empiricalNtk's `trainable`) and the empirical NNGP
 * (docs/kernel-function.md): exact against central finite differences of f in each parameter,
 * and, over seeds, convergent to `kernelFn`'s closed forms.
 *
 * Monte-Carlo tolerance, derived as in convergence.test.ts: docs/theory.md#convergence measured a one-seed maximum
 * entrywise error of the W kernel ≈ C/√m with C = 0.20·√1024 = 6.4 (L = 6, d = 3, n = 4,
 * X ~ N(0, 1.5²)); S averaged seeds give C/√(S·m), and twice that is the tolerance. The other
 * groups have no separate docs/theory.md figure; each is built from the same fluctuating pieces (b_l from
 * (1/m)⟨δ_l, δ′_l⟩ for A and M0, k_L from ⟨h_L, h′_L⟩ for B and the NNGP), so it is held to the
 * same relative tolerance. Here S = 8, m = 1024: tolerance 2·6.4/√8192 = 0.141.
 * The rate: the per-seed error (relative Frobenius, averaged over S seeds, so a typical value
 * rather than one draw) should fall like 1/√m, i.e. by 4 from m = 64 to 1024; we require 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src/data/sequences.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { empiricalNngp } from '../../src/kernels/empirical-groups.js';
import { empiricalNtk, empiricalNtkCross } from '../../src/kernels/empirical-network.js';
import { kernelFn } from '../../src/kernels/kernel-fn.js';
import { empiricalKernelFn, monteCarloKernelFn } from '../../src/kernels/monte-carlo-kernel.js';
import type { ParameterGroup } from '../../src/kernels/parameter-groups.js';
import { Rng } from '../../src/random/rng.js';
import { forward } from '../../src/rnn/forward.js';
import { createRnn, type Rnn, type RnnParameters } from '../../src/rnn/model.js';
import { BACKENDS, TOL, expectBitEqual, expectClose } from '../helpers.js';

const GROUPS = ['W', 'A', 'M0', 'B'] as const;

describe('per-group empirical NTK against finite differences', () => {
  const m = 6;
  const d = 2;
  const L = 3;
  const rng = new Rng(31, 'ts');
  const x = sequenceBatch(3, L, d, rng.normal(3 * L * d, 1.5));
  const xTest = sequenceBatch(2, L, d, rng.normal(2 * L * d, 1.5));
  const models = BACKENDS.map((backend) => createRnn({ m, d, L, seed: 8, init: { v0: 2, vW: 2, vA: 2, vB: 1 }, backend }));
  afterAll(() => models.forEach((model) => model.dispose()));

  /** ∂f(x_i)/∂θ_k for every entry k of `key`, by central differences (ε = 1e−6), as n rows. */
  function finiteDifferenceGradients(model: Rnn, batch: typeof x, key: keyof RnnParameters): Float64Array[] {
    const base = model.parameters();
    const size = base[key].length;
    const rows = Array.from({ length: batch.n }, () => new Float64Array(size));
    const eps = 1e-6;
    for (let k = 0; k < size; k++) {
      const f = [eps, -eps].map((e) => {
        const p = { ...base, [key]: Float64Array.from(base[key]) };
        p[key][k] += e;
        model.setParameters(p);
        return forward(model, batch);
      });
      for (let i = 0; i < batch.n; i++) rows[i][k] = (f[0][i] - f[1][i]) / (2 * eps);
    }
    model.setParameters(base);
    return rows;
  }

  const key = { A: 'A', M0: 'M0', B: 'B' } as const;
  for (const model of models) {
    for (const group of ['A', 'M0', 'B'] as const) {
      it(`${model.backend.name}: Θ_${group} = (1/m)⟨∇f, ∇f′⟩ of the finite-difference gradients (square and cross)`, () => {
        const ga = finiteDifferenceGradients(model, x, key[group]);
        const gb = finiteDifferenceGradients(model, xTest, key[group]);
        const gram = (u: Float64Array[], v: Float64Array[]) =>
          u.flatMap((ui) => v.map((vj) => ui.reduce((s, e, t) => s + e * vj[t], 0) / m));
        expectClose(empiricalNtk(model, x, { trainable: [group] }).data, gram(ga, ga), TOL.finiteDifference);
        expectClose(empiricalNtkCross(model, xTest, x, { trainable: [group] }).data, gram(gb, ga), TOL.finiteDifference);
      });
    }

    it(`${model.backend.name}: the default is W's kernel, groups sum, and the NNGP is vB·⟨h_L, h′_L⟩`, () => {
      expectBitEqual(empiricalNtk(model, x, { trainable: ['W'] }).data, empiricalNtk(model, x).data);
      const singles = GROUPS.map((g) => empiricalNtk(model, x, { trainable: [g] }).data);
      const all = empiricalNtk(model, x, { trainable: [...GROUPS] }).data;
      expectClose(all, all.map((_, t) => singles[0][t] + singles[1][t] + singles[2][t] + singles[3][t]), TOL.roundoff);
      // B's gradient is h_L: Θ_B = (1/m)⟨h_L, h′_L⟩ and the NNGP vB·⟨h_L, h′_L⟩ = m·Θ_B at vB = 1
      expectClose(empiricalNngp(model, x, x).data, singles[3].map((v) => v * m), TOL.roundoff);
      const r = empiricalKernelFn(model, x, undefined, { trainable: ['A'] });
      expectBitEqual(r.ntk!.data, singles[1]);
    });
  }

  it('rejects an unknown group and a bad output step with a typed error', () => {
    expect(() => empiricalNtk(models[0], x, { trainable: ['Z' as ParameterGroup] })).toThrow(InvalidArgumentError);
    expect(() => empiricalNtk(models[0], x, { trainable: ['B'], output: 9 })).toThrow(/output must be a step/);
  });
});

describe('Monte-Carlo: empirical per-group kernels and NNGP approach kernelFn (tolerance 2·C/√(S·m))', () => {
  const L = 6;
  const d = 3;
  const n = 4;
  const S = 8;
  const C_SPEC = 0.2 * Math.sqrt(1024);
  const x = sequenceBatch(n, L, d, new Rng(2024, 'wasm').normal(n * L * d, 1.5));
  const kinds = [...GROUPS, 'nngp'] as const;
  const analytic = (kind: (typeof kinds)[number], m: number) =>
    kind === 'nngp' ? kernelFn(x, undefined, { get: ['nngp'] }).nngp!.data : kernelFn(x, undefined, { trainable: [kind], m }).ntk!.data;
  const frob = (a: ArrayLike<number>) => Math.hypot(...Array.from(a));

  /** Seed means and seed-averaged relative Frobenius errors of every kind at width m. */
  function sweep(m: number) {
    const mean = Object.fromEntries(kinds.map((k) => [k, new Float64Array(n * n)])) as Record<(typeof kinds)[number], Float64Array>;
    const perSeed = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<(typeof kinds)[number], number>;
    for (let s = 0; s < S; s++) {
      const model = createRnn({ m, d, L, seed: 300 + s, backend: 'wasm' });
      for (const kind of kinds) {
        const e = kind === 'nngp' ? empiricalNngp(model, x, x).data : empiricalNtk(model, x, { trainable: [kind] }).data;
        const a = analytic(kind, m);
        e.forEach((v, t) => (mean[kind][t] += v / S));
        perSeed[kind] += frob(e.map((v, t) => v - a[t])) / frob(a) / S;
      }
      model.dispose();
    }
    return { mean, perSeed };
  }
  const wide = sweep(1024);
  const narrow = sweep(64);

  for (const kind of kinds) {
    it(`${kind === 'nngp' ? 'the NNGP' : `Θ_${kind}`}: seed mean within tolerance at m = 1024, per-seed error falling ≈ 1/√m`, () => {
      const a = analytic(kind, 1024);
      const maxAbs = (v: ArrayLike<number>) => Math.max(...Array.from(v, Math.abs));
      const err = maxAbs(wide.mean[kind].map((v, t) => v - a[t])) / maxAbs(a);
      const tol = (2 * C_SPEC) / Math.sqrt(S * 1024);
      expect(err, `max error ${err} vs tolerance ${tol}`).toBeLessThanOrEqual(tol);
      const ratio = narrow.perSeed[kind] / wide.perSeed[kind];
      expect(ratio, `per-seed error ${narrow.perSeed[kind]} at m = 64, ${wide.perSeed[kind]} at m = 1024`).toBeGreaterThanOrEqual(2);
    });
  }

  it('monteCarloKernelFn is the seed mean of empiricalKernelFn', () => {
    const mc = monteCarloKernelFn({ width: 32, seeds: 3, seed: 5, trainable: ['W', 'M0'] })(x);
    const sum = { nngp: new Float64Array(n * n), ntk: new Float64Array(n * n) };
    for (let s = 5; s < 8; s++) {
      const model = createRnn({ m: 32, d, L, seed: s });
      const r = empiricalKernelFn(model, x, undefined, { trainable: ['W', 'M0'] });
      r.nngp!.data.forEach((v, t) => (sum.nngp[t] += v / 3));
      r.ntk!.data.forEach((v, t) => (sum.ntk[t] += v / 3));
      model.dispose();
    }
    expectBitEqual(mc.nngp!.data, sum.nngp);
    expectBitEqual(mc.ntk!.data, sum.ntk);
  });
});

describe('the covariance of f over initialisations is the NNGP', () => {
  // f(x) = Bᵀh_L has mean 0; the S-seed mean of f(x_i) f(x_j) has standard deviation
  // √((K_ii K_jj + K_ij²)/S) (Gaussian fourth moments at large m); 4 of them is the tolerance
  // (the O(1/m) finite-width bias at m = 128 is ≲ 1% and far below it).
  it('mean of f(x_i) f(x_j) over 300 networks of width 128 is within 4σ of vB·k_L', () => {
    const L = 5;
    const d = 2;
    const n = 3;
    const S = 300;
    const x = sequenceBatch(n, L, d, new Rng(7, 'wasm').normal(n * L * d, 1.5));
    const K = kernelFn(x, undefined, { get: ['nngp'], init: { v0: 2, vW: 2, vA: 0.5, vB: 1.5 } }).nngp!.data;
    const cov = new Float64Array(n * n);
    for (let s = 0; s < S; s++) {
      const model = createRnn({ m: 128, d, L, seed: 9000 + s, init: { v0: 2, vW: 2, vA: 0.5, vB: 1.5 } });
      const f = forward(model, x);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cov[i * n + j] += (f[i] * f[j]) / S;
      model.dispose();
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const sigma = Math.sqrt((K[i * n + i] * K[j * n + j] + K[i * n + j] ** 2) / S);
        expect(Math.abs(cov[i * n + j] - K[i * n + j]), `entry (${i}, ${j}): ${cov[i * n + j]} vs ${K[i * n + j]}, σ = ${sigma}`).toBeLessThanOrEqual(4 * sigma);
      }
    }
  });
});
