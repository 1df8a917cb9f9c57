/**
 * `kernelFn` with the NNGP and the tangent kernels of all four groups (W, A, M0, B) against
 * `analyticNtk` alone (H∞ only), on the sizes of kernel-analytic.bench.ts (L = 32, d = 8).
 * Target (issue 9): overhead ≤ 1.3× — both run one forward recursion per pair, four pairs at
 * a time in SIMD; kernelFn carries two more Horner sums, a product and a second output.
 */
import type { BenchContext, BenchRow } from './common.js';
import { sequenceBatch } from '../src/data/sequences.js';
import { analyticNtk } from '../src/kernels/analytic.js';
import { kernelFn } from '../src/kernels/kernel-fn.js';
import { Rng } from '../src/random/rng.js';

/** Runs the comparison and reports one row per (n, computation), with the ratio to H∞ alone. */
export function run(ctx: BenchContext): void {
  const [L, d] = [32, 8];
  const rng = new Rng(2021, 'ts');
  const rows: BenchRow[] = [];
  for (const n of ctx.quick ? [500] : [500, 2000]) {
    const x = sequenceBatch(n, L, d, rng.normal(n * L * d));
    const budget = n === 2000 ? { iterations: 3, time: 1 } : undefined;
    const size = `n=${n},L=${L},d=${d}`;
    const base = ctx.medianMs(`H∞ n=${n}`, () => analyticNtk(x, { backend: 'wasm' }), budget);
    rows.push({ group: 'kernel', op: 'analytic-ntk (H∞ only)', impl: 'wasm', size, medianMs: base, ratio: 1 });
    const all = ctx.medianMs(
      `kernelFn all n=${n}`,
      () => kernelFn(x, undefined, { get: ['nngp', 'ntk'], trainable: ['W', 'A', 'M0', 'B'], m: 1024, backend: 'wasm' }),
      budget,
    );
    rows.push({ group: 'kernel', op: 'kernelFn nngp+ntk(W,A,M0,B)', impl: 'wasm', size, medianMs: all, ratio: all / base });
    const diag = ctx.medianMs(`kernelFn diagonal n=${n}`, () => kernelFn(x, undefined, { trainable: ['W', 'A', 'M0', 'B'], diagonal: true, backend: 'wasm' }));
    rows.push({ group: 'kernel', op: 'kernelFn diagonal nngp+ntk', impl: 'wasm', size, medianMs: diag, ratio: diag / base });
  }
  ctx.report(rows);
}
