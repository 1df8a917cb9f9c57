/**
 * `npm run bench -- linalg`: the linear-algebra core on the wasm backend, its TS twin and
 * ml-matrix (the reference JS library): matvec (m = 256, 1024, 2048, square A), GEMM 512³
 * (size 512: m = n = k = 512) and Cholesky + one solve (n = 500, 1000, 2000). Rows {group, op, impl, size, medianMs, gflops};
 * wasm rows also carry speedupVsTs and speedupVsMlMatrix (ratios of GFLOP/s in this run).
 * wasm and ts run their kernels on data already in their heap (no copies timed); ml-matrix
 * runs its own Matrix methods.
 */
import { CholeskyDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { getBackend, type Backend } from '../src/backend/backend.js';
import { Rng } from '../src/random/rng.js';
import type { BenchContext, BenchRow, MeasureOptions } from './common.js';

type Impl = 'wasm' | 'ts' | 'ml-matrix';
const IMPLS: Impl[] = ['wasm', 'ts', 'ml-matrix'];

/** A symmetric positive-definite n×n matrix G Gᵀ/n + I (full storage) from a seeded G. */
function spd(n: number, seed: number): Float64Array {
  const wasm = getBackend('wasm');
  return wasm.heap.scope((s) => {
    const g = s.alloc(n * n);
    const a = s.alloc(n * n);
    const rng = new Rng(seed, wasm);
    rng.fillNormal(g, n * n);
    rng.dispose();
    wasm.kernels.syrk(n, n, 1 / n, g, n, 0, a, n);
    const out = wasm.heap.read(a, n * n);
    for (let i = 0; i < n; i++) {
      out[i * n + i] += 1;
      for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
    }
    return out;
  });
}

/** Rows of a dense row-major n-column array, for ml-matrix. */
function toMl(data: Float64Array, rows: number, cols: number): MlMatrix {
  return new MlMatrix(Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols))));
}

/** Runs `body` with `values` placed in the backend's heap, freeing them afterwards. */
function withHeap<T>(b: Backend, values: Float64Array[], body: (offs: number[]) => T): T {
  return b.heap.scope((s) => body(values.map((v) => s.put(v))));
}

/** Slow implementations get fewer iterations at large sizes, so a full run stays a few minutes. */
function budget(ctx: BenchContext, impl: Impl, size: number): MeasureOptions {
  return impl !== 'wasm' && size >= 1000 && !ctx.quick ? { iterations: 2, time: 0 } : {};
}

function matvecRows(ctx: BenchContext, m: number): BenchRow[] {
  const rng = new Rng(m, 'ts');
  const a = rng.normal(m * m);
  const x = rng.normal(m);
  return IMPLS.map((impl) => {
    let ms: number;
    if (impl === 'ml-matrix') {
      const A = toMl(a, m, m);
      const X = MlMatrix.columnVector(Array.from(x));
      ms = ctx.medianMs(`matvec ${impl}`, () => A.mmul(X));
    } else {
      const b = getBackend(impl);
      ms = withHeap(b, [a, x, new Float64Array(m)], ([pa, px, py]) =>
        ctx.medianMs(`matvec ${impl}`, () => b.kernels.gemv(m, m, 1, pa, m, px, 0, py), budget(ctx, impl, m)));
    }
    return { group: 'linalg', op: 'matvec', impl, size: m, medianMs: ms, gflops: (2 * m * m) / ms / 1e6 };
  });
}

function gemmRows(ctx: BenchContext, n: number): BenchRow[] {
  const rng = new Rng(n + 1, 'ts');
  const a = rng.normal(n * n);
  const bm = rng.normal(n * n);
  return IMPLS.map((impl) => {
    let ms: number;
    if (impl === 'ml-matrix') {
      const [A, B] = [toMl(a, n, n), toMl(bm, n, n)];
      ms = ctx.medianMs(`gemm ${impl}`, () => A.mmul(B), budget(ctx, impl, 1000));
    } else {
      const be = getBackend(impl);
      ms = withHeap(be, [a, bm, new Float64Array(n * n)], ([pa, pb, pc]) =>
        ctx.medianMs(`gemm ${impl}`, () => be.kernels.gemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n), budget(ctx, impl, 1000)));
    }
    return { group: 'linalg', op: 'gemm', impl, size: n, medianMs: ms, gflops: (2 * n ** 3) / ms / 1e6 };
  });
}

function choleskyRows(ctx: BenchContext, n: number): BenchRow[] {
  const a = spd(n, n);
  const rhs = new Rng(n + 2, 'ts').normal(n);
  const flops = n ** 3 / 3 + 2 * n * n; // factor + two triangular solves
  return IMPLS.map((impl) => {
    let ms: number;
    if (impl === 'ml-matrix') {
      const A = toMl(a, n, n);
      const B = MlMatrix.columnVector(Array.from(rhs));
      ms = ctx.medianMs(`cholesky ${impl}`, () => new CholeskyDecomposition(A).solve(B), budget(ctx, impl, n));
    } else {
      const be = getBackend(impl);
      ms = withHeap(be, [a, new Float64Array(n * n), rhs, new Float64Array(n)], ([pa, work, pb, px]) => {
        const restore = () => {
          be.heap.f64.copyWithin(work, pa, pa + n * n);
          be.heap.f64.copyWithin(px, pb, pb + n);
        };
        const solve = () => {
          if (be.kernels.potrf(n, work, n) >= 0) throw new Error('benchmark matrix is not positive definite');
          be.kernels.trsv(n, work, n, px, 0);
          be.kernels.trsv(n, work, n, px, 1);
        };
        return ctx.medianMs(`cholesky ${impl}`, solve, { ...budget(ctx, impl, n), beforeEach: restore });
      });
    }
    return { group: 'linalg', op: 'cholesky+solve', impl, size: n, medianMs: ms, gflops: flops / ms / 1e6 };
  });
}

/** Adds speedupVsTs and speedupVsMlMatrix to the wasm row of each (op, size). */
function withRatios(rows: BenchRow[]): BenchRow[] {
  const key = (r: BenchRow) => `${r.op}|${r.size}`;
  const gflops = (impl: Impl, r: BenchRow) => rows.find((o) => o.impl === impl && key(o) === key(r))?.gflops as number;
  return rows.map((r) =>
    r.impl !== 'wasm' ? r : { ...r, speedupVsTs: (r.gflops as number) / gflops('ts', r), speedupVsMlMatrix: (r.gflops as number) / gflops('ml-matrix', r) },
  );
}

/** Runs the linear-algebra benchmarks and reports one row per (op, impl, size). */
export function run(ctx: BenchContext): void {
  const rows: BenchRow[] = [];
  for (const m of [256, 1024, 2048]) rows.push(...matvecRows(ctx, m));
  rows.push(...gemmRows(ctx, 512));
  for (const n of ctx.quick ? [500, 1000] : [500, 1000, 2000]) rows.push(...choleskyRows(ctx, n));
  ctx.report(withRatios(rows));
  if (ctx.quick) ctx.note('(quick: Cholesky n = 2000 skipped; budgets are a smoke run, not numbers to publish)');
}
