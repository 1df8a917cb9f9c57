/**
 * Every parallel kernel of the threaded backend (src/parallel/kernels.ts) gives the same bits
 * with 1, 2, 3 and 4 threads, and the same bits as its TS twin. Sizes are not multiples of the
 * register tiles (4), the Cholesky block (96) or the trsm width (8), and large enough that the
 * work is really split: after each call the pool must have every worker running.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getBackend, type Backend } from '../../src/backend/backend.js';
import { configureThreads, threadsInfo } from '../../src/parallel/index.js';
import { Rng } from '../../src/random/rng.js';
import { sequenceBatch } from '../../src/data/sequences.js';
import { createRnn, forward, sgdStep } from '../../src/rnn/index.js';
import { expectBitEqual } from '../helpers.js';

const THREAD_COUNTS = [1, 2, 3, 4];
const rng = new Rng(2026, 'ts');

afterAll(() => configureThreads());

/**
 * Runs `fn` on fresh copies of `inputs` on the TS twin, then on the wasm backend with each
 * thread count; returns the outputs [ts, wasm@1, wasm@2, …] read from the offsets `fn` names.
 */
function acrossThreadCounts(
  inputs: ReadonlyArray<ArrayLike<number>>,
  fn: (b: Backend, offsets: number[]) => Array<[number, number]>,
): Float64Array[][] {
  const once = (b: Backend): Float64Array[] =>
    b.heap.scope((s) => {
      const offs = inputs.map((x) => s.put(x));
      return fn(b, offs).map(([o, n]) => b.heap.read(o, n));
    });
  const results = [once(getBackend('ts'))];
  for (const threads of THREAD_COUNTS) {
    configureThreads({ threads });
    results.push(once(getBackend('wasm')));
    expect(threadsInfo().workersReady, `workers running with ${threads} threads`).toBe(threads - 1);
  }
  return results;
}

/** All outputs equal the TS twin's, bit for bit. */
function expectSameBits(results: Float64Array[][]): void {
  const [ts, ...wasm] = results;
  for (const run of wasm) run.forEach((out, k) => expectBitEqual(out, ts[k]));
}

/** A symmetric positive-definite n×n matrix (G Gᵀ/n + I). */
function spd(n: number): Float64Array {
  const g = rng.normal(n * n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
      a[i * n + j] = a[j * n + i] = s / n + (i === j ? 1 : 0);
    }
  }
  return a;
}

describe('parallel kernels: bits independent of the thread count and equal to the TS twin', () => {
  it('gemm, split by rows (tall C) and by columns (short, wide C), all transposes, β ≠ 0', () => {
    for (const [m, n, k] of [[131, 67, 59], [9, 1203, 61]]) {
      for (const [tA, tB] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
        const a = rng.normal(m * k);
        const b = rng.normal(k * n);
        const c = rng.normal(m * n);
        expectSameBits(
          acrossThreadCounts([a, b, c], (bk, [pa, pb, pc]) => {
            bk.kernels.gemm(tA, tB, m, n, k, 0.75, pa, tA ? m : k, pb, tB ? k : n, -0.5, pc, n);
            return [[pc, m * n]];
          }),
        );
      }
    }
  });

  it('syrk (lower triangle, β = 0 and β ≠ 0; the strict upper triangle untouched)', () => {
    const [n, k] = [157, 43];
    const a = rng.normal(n * k);
    const c = rng.normal(n * n);
    for (const beta of [0, 1.5]) {
      expectSameBits(
        acrossThreadCounts([a, c], (bk, [pa, pc]) => {
          bk.kernels.syrk(n, k, -1.25, pa, k, beta, pc, n);
          return [[pc, n * n]];
        }),
      );
    }
  });

  it('potrf (blocked Cholesky, n = 203: two full blocks and a partial one) and its failing pivot', () => {
    const n = 203;
    const a = spd(n);
    expectSameBits(
      acrossThreadCounts([a], (bk, [pa]) => {
        expect(bk.kernels.potrf(n, pa, n)).toBe(-1);
        return [[pa, n * n]];
      }),
    );
    const bad = Float64Array.from(a);
    bad[150 * n + 150] = -5; // the pivot of row 150 (in the second block) fails
    expectSameBits(
      acrossThreadCounts([bad], (bk, [pa]) => {
        expect(bk.kernels.potrf(n, pa, n)).toBe(150);
        return [[pa + 150 * n + 150, 1]];
      }),
    );
  });

  it('trsm with many right-hand sides, L X = B and Lᵀ X = B', () => {
    const [n, nrhs] = [150, 37];
    const l = spd(n).map((v, t) => (t % (n + 1) === 0 ? v + 2 : v / 4));
    const b = rng.normal(n * nrhs);
    for (const trans of [0, 1]) {
      expectSameBits(
        acrossThreadCounts([l, b], (bk, [pl, pb]) => {
          bk.kernels.trsm(n, nrhs, pl, n, pb, nrhs, trans);
          return [[pb, n * nrhs]];
        }),
      );
    }
  });

  it('ntkAnalytic: H∞ of one batch (triangle split), of two batches, and the per-step parts', () => {
    const [L, d] = [9, 5];
    const vars = [1, 2, 1.5, 1];
    for (const [na, nb, symmetric, withParts] of [[61, 61, 1, false], [37, 45, 0, false], [61, 61, 1, true]] as const) {
      const xa = rng.normal(na * L * d);
      const xb = symmetric ? xa : rng.normal(nb * L * d);
      const sel = new Float64Array(5 * (L + 1)).fill(-1);
      if (withParts) [sel[3], sel[L + 1 + 2], sel[3 * (L + 1) + 4]] = [0, 1, 2]; // k_3, b_2, H^4
      const slabs = withParts ? 3 : 0;
      expectSameBits(
        acrossThreadCounts([xa, xb, vars, sel, new Float64Array(slabs * na * nb + na * nb + (na + nb) * L + L + 1)], (bk, [pa, pb, pv, ps, work]) => {
          const [ca, cb, out, parts] = [work, work + na * L, work + (na + nb) * L, work + (na + nb) * L + na * nb];
          const scratch = parts + slabs * na * nb;
          bk.kernels.ntkDiagonal(na, L, d, pa, pv, ca);
          bk.kernels.ntkDiagonal(nb, L, d, pb, pv, cb);
          bk.kernels.ntkAnalytic(na, nb, L, d, pa, pb, ca, cb, pv, symmetric, out, ps, parts, scratch);
          return [[out, na * nb], [parts, slabs * na * nb]];
        }),
      );
    }
  });

  it('ntkGroups: the NNGP and the kernel of every group, symmetric (triangle split) and cross', () => {
    const [L, d] = [9, 5];
    const vars = [1, 2, 1.5, 1];
    const weights = [1, 1, 1, 1 / 64];
    for (const [na, nb, shape] of [[61, 61, 1], [37, 45, 0]] as const) {
      const xa = rng.normal(na * L * d);
      const xb = shape === 1 ? xa : rng.normal(nb * L * d);
      expectSameBits(
        acrossThreadCounts([xa, xb, vars, weights, new Float64Array(2 * na * nb + (na + nb) * L)], (bk, [pa, pb, pv, pw, work]) => {
          const [ca, cb, nngp, ntk] = [work, work + na * L, work + (na + nb) * L, work + (na + nb) * L + na * nb];
          bk.kernels.ntkDiagonal(na, L, d, pa, pv, ca);
          bk.kernels.ntkDiagonal(nb, L, d, pb, pv, cb);
          bk.kernels.ntkGroups(na, nb, L, d, pa, pb, ca, cb, pv, pw, shape, 0, na, 1, nngp, ntk);
          return [[nngp, na * nb], [ntk, na * nb]];
        }),
      );
    }
  });

  it('ntkBlockSum on a lower (diagonal) tile and on an off-diagonal tile', () => {
    const [ni, L] = [75, 10];
    const rows = ni * L;
    const gd = rng.normal(rows * rows);
    const gh = rng.normal(rows * rows);
    for (const lower of [1, 0]) {
      expectSameBits(
        acrossThreadCounts([gd, gh, rng.normal(ni * ni)], (bk, [pd, ph, po]) => {
          bk.kernels.ntkBlockSum(ni, ni, L, pd, ph, rows, lower, 0.125, po, ni);
          return [[po, ni * ni]];
        }),
      );
    }
  });

  it('rnnUpdate (mini-batch update of Wᵀ by row blocks)', () => {
    const [m, L, count] = [130, 7, 5];
    const wT = rng.normal(m * m, 0.1);
    const h = rng.normal(count * (L + 1) * m).map((v) => Math.max(v, 0));
    const delta = rng.normal(count * L * m);
    expectSameBits(
      acrossThreadCounts([wT, h, delta, new Float64Array(2 * count * L)], (bk, [pw, ph, pd, work]) => {
        bk.kernels.rnnUpdate(m, L, count, pw, ph, pd, work);
        return [[pw, m * m]];
      }),
    );
  });

  it('the batched RNN passes: an SGD step (forward, backward, update) and the outputs of a batch', () => {
    const [m, L, d, n] = [130, 7, 3, 9];
    const x = sequenceBatch(n, L, d, rng.normal(n * L * d));
    const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1));
    const run = (backend: 'ts' | 'wasm'): Float64Array[] => {
      const model = createRnn({ m, d, L, seed: 5, backend });
      sgdStep(model, x, y, { eta: 0.05 });
      const out = [model.weights().data, forward(model, x)];
      model.dispose();
      return out;
    };
    const results = [run('ts')];
    for (const threads of THREAD_COUNTS) {
      configureThreads({ threads });
      results.push(run('wasm'));
      expect(threadsInfo().workersReady).toBe(threads - 1);
    }
    expectSameBits(results);
  });
});
