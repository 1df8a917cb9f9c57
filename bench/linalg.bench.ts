/**
 * `npm run bench -- linalg`: the linear-algebra core on one thread — the wasm backend, its TS
 * twin and ml-matrix (the reference JS library): matvec (m = 256, 1024, 2048, square A), GEMM
 * 512³ (size 512: m = n = k = 512) and Cholesky + one solve (n = 500, 1000, 2000). Rows {group,
 * op, impl, size, medianMs, gflops, pctPeak}; wasm rows also carry speedupVsTs and
 * speedupVsMlMatrix (ratios of GFLOP/s in this run). wasm and ts run their kernels on data
 * already in their heap (no copies timed); ml-matrix runs its own Matrix methods.
 * Then the profile of the wasm Cholesky + solve at n = 4000 by phase (the steps of
 * assembly/potrf.ts run one by one, then the two trsv): time, GFLOP/s, pctPeak and share of
 * the total of each. (Thread counts are the `parallel` group's.)
 * pctPeak rates GFLOP/s against the one-core f64x2 peak (bench/peak-probe.ts), read just
 * before and just after every sample: each wasm op is timed in 5 samples (2 with --quick),
 * each ts and ml-matrix op in one; a row's medianMs is the median of its samples' medians and
 * its pctPeak the median over its samples of the sample's GFLOP/s over the larger of its two
 * readings (the larger, so that a reading slowed by the host never inflates the percentage).
 * On a shared host whose speed drifts by 30–50 % from minute to minute (a 2-vCPU VM), one
 * peak measured at the start of the run rated later kernels at 103–112 % of it. The readings'
 * median, min and max are printed before the table, to show how much the host drifted.
 */
import { CholeskyDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { getBackend, type Backend } from '../src/backend/backend.js';
import { CHOLESKY_BLOCK } from '../src/backend/blocked-accumulate.js';
import { configureThreads } from '../src/parallel/index.js';
import { Rng } from '../src/random/rng.js';
import { probedSample, rate, type BenchContext, type BenchRow, type MeasureOptions, type Rated, type Sample } from './common.js';
import { peakProbe, type PeakProbe } from './peak-probe.js';

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

/** Samples of each wasm op (see the file header); the slower ts and ml-matrix ops get one. */
const WASM_SAMPLES = 5;

/**
 * Rates `fn`, an op of `flops` flops by `impl`, from its samples (WASM_SAMPLES for wasm, 2
 * with --quick; one otherwise), each bracketed by peak readings (bench/common.ts).
 */
function measure(ctx: BenchContext, probe: PeakProbe, impl: Impl, name: string, fn: () => unknown, flops: number, opts: MeasureOptions = {}): Rated {
  const samples = impl !== 'wasm' ? 1 : ctx.quick ? 2 : WASM_SAMPLES;
  return rate(Array.from({ length: samples }, () => probedSample(ctx, probe, name, fn, opts)), flops);
}

/** matvec y = A·x with a square m×m A, one row per impl. */
function matvecRows(ctx: BenchContext, probe: PeakProbe, m: number): BenchRow[] {
  const rng = new Rng(m, 'ts');
  const a = rng.normal(m * m);
  const x = rng.normal(m);
  const flops = 2 * m * m;
  return IMPLS.map((impl) => {
    let rated: Rated;
    if (impl === 'ml-matrix') {
      const A = toMl(a, m, m);
      const X = MlMatrix.columnVector(Array.from(x));
      rated = measure(ctx, probe, impl, `matvec ${impl}`, () => A.mmul(X), flops);
    } else {
      const b = getBackend(impl);
      rated = withHeap(b, [a, x, new Float64Array(m)], ([pa, px, py]) =>
        measure(ctx, probe, impl, `matvec ${impl}`, () => b.kernels.gemv(m, m, 1, pa, m, px, 0, py), flops, budget(ctx, impl, m)));
    }
    return { group: 'linalg', op: 'matvec', impl, size: m, ...rated };
  });
}

/** GEMM C = A·B of n×n matrices, one row per impl. */
function gemmRows(ctx: BenchContext, probe: PeakProbe, n: number): BenchRow[] {
  const rng = new Rng(n + 1, 'ts');
  const a = rng.normal(n * n);
  const bm = rng.normal(n * n);
  const flops = 2 * n ** 3;
  return IMPLS.map((impl) => {
    let rated: Rated;
    if (impl === 'ml-matrix') {
      const [A, B] = [toMl(a, n, n), toMl(bm, n, n)];
      rated = measure(ctx, probe, impl, `gemm ${impl}`, () => A.mmul(B), flops, budget(ctx, impl, 1000));
    } else {
      const be = getBackend(impl);
      rated = withHeap(be, [a, bm, new Float64Array(n * n)], ([pa, pb, pc]) =>
        measure(ctx, probe, impl, `gemm ${impl}`, () => be.kernels.gemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n), flops, budget(ctx, impl, 1000)));
    }
    return { group: 'linalg', op: 'gemm', impl, size: n, ...rated };
  });
}

/** Cholesky factorization of an n×n SPD matrix and one solve with it, one row per impl. */
function choleskyRows(ctx: BenchContext, probe: PeakProbe, n: number): BenchRow[] {
  const a = spd(n, n);
  const rhs = new Rng(n + 2, 'ts').normal(n);
  const flops = n ** 3 / 3 + 2 * n * n; // factor + two triangular solves
  return IMPLS.map((impl) => {
    let rated: Rated;
    if (impl === 'ml-matrix') {
      const A = toMl(a, n, n);
      const B = MlMatrix.columnVector(Array.from(rhs));
      rated = measure(ctx, probe, impl, `cholesky ${impl}`, () => new CholeskyDecomposition(A).solve(B), flops, budget(ctx, impl, n));
    } else {
      const be = getBackend(impl);
      rated = withHeap(be, [a, new Float64Array(n * n), rhs, new Float64Array(n)], ([pa, work, pb, px]) => {
        const restore = () => {
          be.heap.f64.copyWithin(work, pa, pa + n * n);
          be.heap.f64.copyWithin(px, pb, pb + n);
        };
        const solve = () => {
          if (be.kernels.potrf(n, work, n) >= 0) throw new Error('benchmark matrix is not positive definite');
          be.kernels.trsv(n, work, n, px, 0);
          be.kernels.trsv(n, work, n, px, 1);
        };
        return measure(ctx, probe, impl, `cholesky ${impl}`, solve, flops, { ...budget(ctx, impl, n), beforeEach: restore });
      });
    }
    return { group: 'linalg', op: 'cholesky+solve', impl, size: n, ...rated };
  });
}

/**
 * The wasm Cholesky + solve of an n×n SPD matrix split into its phases: the potrf steps
 * (diagonal blocks, panel rows, trailing updates; the same calls, in the same order, as
 * assembly/potrf.ts makes) summed over the block columns, then trsv with L and with Lᵀ. Each
 * run (3, 2 with --quick; the input restored before each, untimed) is bracketed by peak
 * readings; a phase's time is the median over runs of its sum, its pctPeak the median over
 * runs of its rate against the larger reading around that run (`rate` in bench/common.ts);
 * its flops are counted per block column.
 */
function choleskyPhaseRows(ctx: BenchContext, probe: PeakProbe, n: number): BenchRow[] {
  const { heap, kernels } = getBackend('wasm');
  const a = spd(n, n);
  const phases = ['diagonal blocks', 'panel rows', 'trailing update', 'solve (trsv L, Lᵀ)'];
  const flops = [0, 0, 0, 4 * n * n];
  for (let k0 = 0; k0 < n; k0 += CHOLESKY_BLOCK) {
    const nb = Math.min(CHOLESKY_BLOCK, n - k0);
    const rest = n - k0 - nb;
    flops[0] += nb ** 3 / 3;
    flops[1] += rest * nb * nb;
    flops[2] += rest * (rest + 1) * nb;
  }
  const runs: Sample[][] = phases.map(() => []);
  withHeap(getBackend('wasm'), [a, new Float64Array(n)], ([pa, px]) => {
    for (let run = 0; run < (ctx.quick ? 2 : 3); run++) {
      heap.f64.set(a, pa);
      heap.f64.fill(1, px, px + n);
      const before = probe.read();
      const ms = phases.map(() => 0);
      let t0 = 0;
      const start = (): void => void (t0 = performance.now());
      const stop = (phase: number): void => void (ms[phase] += performance.now() - t0);
      for (let k0 = 0; k0 < n; k0 += CHOLESKY_BLOCK) {
        const nb = Math.min(CHOLESKY_BLOCK, n - k0);
        const rest = n - k0 - nb;
        start();
        if (kernels.potrfDiagonal(k0, nb, pa, n) >= 0) throw new Error('benchmark matrix is not positive definite');
        stop(0);
        start();
        kernels.potrfPanelRows(k0 + nb, n, k0, nb, pa, n);
        stop(1);
        start();
        const l21 = pa + (k0 + nb) * n + k0;
        if (rest > 0) kernels.syrk(rest, nb, -1, l21, n, 1, l21 + nb, n);
        stop(2);
      }
      start();
      kernels.trsv(n, pa, n, px, 0);
      kernels.trsv(n, pa, n, px, 1);
      stop(3);
      const peakGflops = Math.max(before, probe.read());
      ms.forEach((v, i) => runs[i].push({ ms: v, peakGflops }));
    }
  });
  const rated = runs.map((samples, i) => rate(samples, flops[i]));
  const total = rated.reduce((p, r) => p + r.medianMs, 0);
  return phases.map((phase, i) => ({
    group: 'linalg', op: `cholesky+solve phase: ${phase}`, impl: 'wasm', size: n,
    ...rated[i], share: rated[i].medianMs / total,
  }));
}

/** Adds speedupVsTs and speedupVsMlMatrix to the wasm row of each (op, size). */
function withRatios(rows: BenchRow[]): BenchRow[] {
  const key = (r: BenchRow) => `${r.op}|${r.size}`;
  const gflops = (impl: Impl, r: BenchRow) => rows.find((o) => o.impl === impl && key(o) === key(r))?.gflops as number;
  return rows.map((r) =>
    r.impl !== 'wasm' ? r : { ...r, speedupVsTs: (r.gflops as number) / gflops('ts', r), speedupVsMlMatrix: (r.gflops as number) / gflops('ml-matrix', r) },
  );
}

/** Runs the linear-algebra benchmarks on one thread and reports one row per (op, impl, size). */
export async function run(ctx: BenchContext): Promise<void> {
  const probe = await peakProbe();
  configureThreads({ threads: 1 });
  const rows: BenchRow[] = [];
  try {
    for (const m of [256, 1024, 2048]) rows.push(...matvecRows(ctx, probe, m));
    rows.push(...gemmRows(ctx, probe, 512));
    for (const n of ctx.quick ? [500, 1000] : [500, 1000, 2000]) rows.push(...choleskyRows(ctx, probe, n));
    rows.push(...withRatios(rows.splice(0)), ...choleskyPhaseRows(ctx, probe, ctx.quick ? 600 : 4000));
  } finally {
    configureThreads();
  }
  ctx.note(probe.summary());
  ctx.report(rows);
  if (ctx.quick) ctx.note('(quick: Cholesky n = 2000 skipped, phases at n = 600; budgets are a smoke run, not numbers to publish)');
}
