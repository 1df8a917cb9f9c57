/**
 * Empirical-NTK benchmarks (`npm run bench -- kernel`): the full kernel of eq. 23 (two
 * SYRK-shaped Gram computations over the (n·L)×m stacked activations, tiled) and the
 * same-step variant, for n = 128, m = 1024, L = 16, wasm against the TS twin.
 * Effective GFLOP/s count the useful work: full 2·(nL)²·m (the lower triangles of ΔΔᵀ and
 * HhHhᵀ, 2 flops per multiply-add), same-step 2·n²·L·m. Target (not a test): full ≥ 8 GFLOP/s.
 */
import type { BenchContext, BenchRow } from './common.js';
import { getBackend } from '../src/backend/backend.js';
import { empiricalNtkFromActivations } from '../src/kernels/empirical-ntk.js';
import { Rng } from '../src/random/rng.js';

/** Random stacked activations: the timing does not depend on the values. */
function activations(n: number, L: number, m: number) {
  const rng = new Rng(7, 'wasm');
  const acts = { n, L, m, delta: rng.normal(n * L * m), hPrev: rng.normal(n * L * m).map((v) => Math.max(v, 0)) };
  rng.dispose();
  return acts;
}

/** Rows for the empirical NTK, full and same-step, on both backends. */
export function runEmpirical(ctx: BenchContext): BenchRow[] {
  const n = ctx.quick ? 32 : 128;
  const m = 1024;
  const L = 16;
  const acts = activations(n, L, m);
  const flops = { full: 2 * (n * L) ** 2 * m, 'same-step': 2 * n * n * L * m };
  const rows: BenchRow[] = [];
  for (const impl of ['wasm', 'ts'] as const) {
    const backend = getBackend(impl);
    // the twin runs for seconds per call at full size: one timed call is enough
    const budget = impl === 'ts' ? { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 } : undefined;
    for (const variant of ['full', 'same-step'] as const) {
      const ms = ctx.medianMs(`empirical NTK ${variant} ${impl}`, () => empiricalNtkFromActivations(acts, { backend, variant }), budget);
      rows.push({ group: 'kernel', op: `empirical-ntk-${variant}`, impl, size: `n=${n},m=${m},L=${L}`, medianMs: ms, gflops: flops[variant] / ms / 1e6 });
    }
  }
  return rows;
}

/** Entry point of the bench runner. */
export function run(ctx: BenchContext): void {
  ctx.report(runEmpirical(ctx));
}
