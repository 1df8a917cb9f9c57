/**
 * The analytic tangent kernel H∞ (docs/theory.md#tangent-kernel) for n = 500 and 2000 sequences of L = 32 steps of
 * d = 8 features, on the WebAssembly loop and on its TS twin (the same bits). Target (issue 4):
 * n = 2000 in ≤ ~2 s on the reference machine (a straightforward numpy version took 6.8 s).
 * `pairSteps/µs` counts the (i ≤ j, l) recursion steps per microsecond.
 */
import type { BenchContext, BenchRow } from './common.js';
import { sequenceBatch } from '../src/data/sequences.js';
import { analyticNtk } from '../src/kernels/analytic.js';
import { Rng } from '../src/random/rng.js';

/** Runs the H∞ benchmarks and reports one row per (n, implementation). */
export function run(ctx: BenchContext): void {
  const [L, d] = [32, 8];
  const rng = new Rng(2021, 'ts');
  const rows: BenchRow[] = [];
  for (const n of [500, 2000]) {
    const x = sequenceBatch(n, L, d, rng.normal(n * L * d));
    for (const impl of ['wasm', 'ts'] as const) {
      if (impl === 'ts' && n === 2000 && ctx.quick) continue; // several seconds per run
      const budget = n === 2000 ? { iterations: 3, time: 1 } : undefined;
      const ms = ctx.medianMs(`H∞ n=${n} ${impl}`, () => analyticNtk(x, { backend: impl }), budget);
      const pairSteps = ((n * (n + 1)) / 2) * L;
      rows.push({ group: 'kernel', op: 'analytic-ntk', impl, size: `n=${n},L=${L},d=${d}`, medianMs: ms, 'pairSteps/µs': pairSteps / (ms * 1000) });
    }
  }
  ctx.report(rows);
}
