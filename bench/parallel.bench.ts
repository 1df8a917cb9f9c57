/**
 * `npm run bench -- parallel [--json] [--quick]`: the parallel kernels of the threaded build at
 * 1, 2, … threads (up to the machine's available parallelism), in one run with the f64x2 peak
 * probe (bench/peak-probe.ts). Rows {group, op, size, threads, medianMs, gflops, pctPeak,
 * speedup}: pctPeak = the median over rounds of the round's gflops / (threads × the one-core
 * peak read just before and just after it), speedup = the median over rounds of the round's
 * one-thread time / its time at this count. Ops: GEMM n³ (2n³ flops), Cholesky + one solve (n³/3 + 2n²
 * flops; the input restored untimed before each run), H∞ (L = 32, d = 8; no flop count: its
 * work is arccos and square roots, not multiply-adds) and the empirical NTK of a width-m
 * network (n = 128, L = 16; the Gram tiles' 2·(nL)²·m flops, activations included in the time).
 * The thread counts are interleaved: each op runs in ROUNDS rounds, every count once per round
 * (ascending, then descending in the next round), and speedup is the median over rounds of that
 * round's one-thread time over its time at this count. On a shared host whose speed drifts by
 * ~30 % from one minute to the next (seen on a 2-vCPU VM), one-thread and two-thread blocks
 * measured minutes apart gave ratios that said more about the drift than about the threads.
 * The peak drifts with them (the probe read 5.9 GFLOP/s at one moment and 10–11 at others), so
 * it is read on the calling thread right before and right after every timed op, and each round
 * is rated against the larger of its two readings (the larger, so that a reading slowed by the
 * host never inflates the percentage); the readings' median, min and max are printed at the end.
 * `--quick` shrinks every size and runs one round (a smoke run, not numbers to publish).
 */
import { availableParallelism } from 'node:os';
import { getBackend } from '../src/backend/backend.js';
import { sequenceBatch } from '../src/data/sequences.js';
import { analyticNtk } from '../src/kernels/analytic.js';
import { empiricalNtk } from '../src/kernels/empirical-network.js';
import { configureThreads } from '../src/parallel/index.js';
import { Rng } from '../src/random/rng.js';
import { createRnn } from '../src/rnn/model.js';
import { median, probedSample, rate, type BenchContext, type BenchRow, type Sample } from './common.js';
import { peakProbe, type PeakProbe } from './peak-probe.js';

/** One op measured at one thread count: one sample of it, bracketed by peak readings. */
interface Measured {
  readonly op: string;
  readonly size: string;
  readonly threads: number;
  readonly sample: Sample;
  readonly flops?: number;
}

/** A symmetric positive-definite n×n matrix G Gᵀ/n + I (lower triangle is what potrf reads), in the wasm heap. */
function spdInHeap(n: number, off: number): void {
  const wasm = getBackend('wasm');
  wasm.heap.scope((s) => {
    const g = s.alloc(n * n);
    const rng = new Rng(n, wasm);
    rng.fillNormal(g, n * n);
    rng.dispose();
    wasm.kernels.syrk(n, n, 1 / n, g, n, 0, off, n);
  });
  const f = wasm.heap.f64;
  for (let i = 0; i < n; i++) f[off + i * n + i] += 1;
}

/** One sample of the threaded GEMM C = A·B of n×n matrices at the current thread count. */
function gemm(ctx: BenchContext, probe: PeakProbe, n: number, threads: number): Measured {
  const { heap, kernels } = getBackend('wasm');
  const sample = heap.scope((s) => {
    const [a, b, c] = [s.alloc(n * n), s.alloc(n * n), s.alloc(n * n)];
    heap.f64.fill(0.5, a, a + n * n);
    heap.f64.fill(0.25, b, b + n * n);
    return probedSample(ctx, probe, `gemm ${n}`, () => kernels.gemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n));
  });
  return { op: 'gemm', size: `${n}³`, threads, sample, flops: 2 * n * n * n };
}

/** One sample of the threaded Cholesky + one solve of an n×n SPD matrix (input restored untimed) at the current thread count. */
function choleskySolve(ctx: BenchContext, probe: PeakProbe, n: number, threads: number): Measured {
  const { heap, kernels } = getBackend('wasm');
  const sample = heap.scope((s) => {
    const [a, work, x] = [s.alloc(n * n), s.alloc(n * n), s.alloc(n)];
    spdInHeap(n, a);
    const restore = () => {
      heap.f64.copyWithin(work, a, a + n * n);
      heap.f64.fill(1, x, x + n);
    };
    return probedSample(ctx, probe, `cholesky+solve ${n}`, () => {
      if (kernels.potrf(n, work, n) >= 0) throw new Error('the bench matrix is not positive definite');
      kernels.trsv(n, work, n, x, 0);
      kernels.trsv(n, work, n, x, 1);
    }, { beforeEach: restore, iterations: 1, time: 0 });
  });
  return { op: 'cholesky+solve', size: String(n), threads, sample, flops: (n * n * n) / 3 + 2 * n * n };
}

/** One sample of H∞ of n seeded sequences at the current thread count. */
function hInfinity(ctx: BenchContext, probe: PeakProbe, n: number, L: number, d: number, threads: number): Measured {
  const rng = new Rng(3, 'ts');
  const x = sequenceBatch(n, L, d, rng.normal(n * L * d));
  const sample = probedSample(ctx, probe, `H∞ ${n}`, () => analyticNtk(x, { backend: 'wasm' }), { iterations: 1, time: 0 });
  return { op: 'H∞ (L=32, d=8)', size: String(n), threads, sample };
}

/** One sample of the empirical NTK of a width-m network on n seeded sequences at the current thread count. */
function empirical(ctx: BenchContext, probe: PeakProbe, n: number, m: number, L: number, threads: number): Measured {
  const model = createRnn({ m, d: 8, L, seed: 4, backend: 'wasm' });
  const rng = new Rng(5, 'ts');
  const x = sequenceBatch(n, L, 8, rng.normal(n * L * 8));
  try {
    const sample = probedSample(ctx, probe, `empirical NTK ${n}`, () => empiricalNtk(model, x), { iterations: 1, time: 0 });
    return { op: 'empirical NTK (L=16)', size: `n=${n}, m=${m}`, threads, sample, flops: 2 * (n * L) * (n * L) * m };
  } finally {
    model.dispose();
  }
}

/** Rounds of interleaved thread counts (see the file header). */
const ROUNDS = 5;

/**
 * Runs `op` at every thread count in `rounds` interleaved rounds; per count, the last Measured
 * (its op, size and flops), its samples over the rounds, and the median over rounds of the
 * per-round speed-up.
 */
function interleaved(op: (threads: number) => Measured, counts: readonly number[], rounds: number): Array<{ r: Measured; samples: Sample[]; speedup: number }> {
  const samples = counts.map(() => [] as Sample[]);
  let last: Measured[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? counts.map((_, k) => k) : counts.map((_, k) => counts.length - 1 - k);
    last = [];
    for (const k of order) {
      configureThreads({ threads: counts[k] });
      last[k] = op(counts[k]);
      samples[k].push(last[k].sample);
    }
  }
  return counts.map((_, k) => ({
    r: last[k],
    samples: samples[k],
    speedup: median(samples[0].map((one, round) => one.ms / samples[k][round].ms)),
  }));
}

/** The row of one thread count: its samples rated against the one-core peak (`rate` in bench/common.ts), with its interleaved speed-up. */
function row(r: Measured, samples: readonly Sample[], speedup: number): BenchRow {
  return { group: 'parallel', op: r.op, impl: 'wasm', size: r.size, threads: r.threads, ...rate(samples, r.flops, r.threads), speedup };
}

/** Runs the parallel benchmarks and reports one row per (op, thread count), then the peak readings' spread. */
export async function run(ctx: BenchContext): Promise<void> {
  const q = ctx.quick;
  const probe = await peakProbe();
  // with --json each row is printed as soon as it is measured (an interrupted run still
  // reports); a table is printed once, at the end
  const rows: BenchRow[] = [];
  const emit = (r: BenchRow): void => {
    rows.push(r);
    if (ctx.json) ctx.report([r]);
  };
  const ops: Array<(threads: number) => Measured> = [
    (t) => gemm(ctx, probe, q ? 256 : 1000, t),
    (t) => choleskySolve(ctx, probe, q ? 600 : 4000, t),
    (t) => hInfinity(ctx, probe, q ? 400 : 4000, 32, 8, t),
    (t) => empirical(ctx, probe, q ? 32 : 128, q ? 256 : 1024, 16, t),
  ];
  const counts = Array.from({ length: Math.min(availableParallelism(), 8) }, (_, t) => t + 1);
  for (const op of ops) {
    for (const { r, samples, speedup } of interleaved(op, counts, q ? 1 : ROUNDS)) emit(row(r, samples, speedup));
  }
  configureThreads();
  ctx.note(probe.summary());
  if (!ctx.json) ctx.report(rows);
}
