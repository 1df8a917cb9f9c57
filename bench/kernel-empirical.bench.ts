/**
 * Empirical-NTK and complexity benchmarks (`npm run bench -- kernel`), wasm against the TS twin:
 * - the full kernel of eq. 23 (two SYRK-shaped Gram computations over the (n·L)×m stacked
 *   activations, tiled) and the same-step variant, for n = 128, m = 1024, L = 16. Effective
 *   GFLOP/s count the useful work: full 2·(nL)²·m (the lower triangles of ΔΔᵀ and HhHhᵀ, 2 flops
 *   per multiply-add), same-step 2·n²·L·m. Target (not a test): full ≥ 8 GFLOP/s;
 * - the complexity solve ỹᵀH⁻¹ỹ at n = 2000 (Cholesky n³/3 flops + one triangular solve), next
 *   to the bare `cholesky` of src/linalg: the target is the foundation's Cholesky speed.
 */
import type { BenchContext, BenchRow } from './common.js';
import { getBackend } from '../src/backend/backend.js';
import { empiricalNtkFromActivations } from '../src/kernels/empirical-ntk.js';
import { cholesky } from '../src/linalg/cholesky.js';
import { matrix } from '../src/linalg/matrix.js';
import { matmul } from '../src/linalg/matmul.js';
import { Rng } from '../src/random/rng.js';
import { kernelComplexity } from '../src/theory/complexity.js';

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

/** Rows for the complexity solve at n = 2000 and the bare Cholesky it is built on. */
export function runComplexity(ctx: BenchContext): BenchRow[] {
  const n = ctx.quick ? 500 : 2000;
  const rng = new Rng(8, 'wasm');
  const g = matrix(n, n, rng.normal(n * n));
  const y = rng.normal(n);
  rng.dispose();
  const gram = matmul(g, g, { transposeB: true, backend: 'wasm' }); // G Gᵀ, then /n + I: SPD, cond ≈ 5
  const h = matrix(n, n, gram.data.map((v, e) => v / n + (e % (n + 1) === 0 ? 1 : 0)));
  const flops = n ** 3 / 3 + n * n;
  const rows: BenchRow[] = [];
  for (const impl of ['wasm', 'ts'] as const) {
    const backend = getBackend(impl);
    const budget = impl === 'ts' ? { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 } : undefined;
    const ms = ctx.medianMs(`complexity ${impl}`, () => kernelComplexity(h, y, { backend }), budget);
    rows.push({ group: 'kernel', op: 'complexity-solve', impl, size: n, medianMs: ms, gflops: flops / ms / 1e6 });
    const cms = ctx.medianMs(`cholesky ${impl}`, () => cholesky(h, { backend }), budget);
    rows.push({ group: 'kernel', op: 'cholesky (src/linalg, reference)', impl, size: n, medianMs: cms, gflops: n ** 3 / 3 / cms / 1e6 });
  }
  return rows;
}

/** Entry point of the bench runner. */
export function run(ctx: BenchContext): void {
  ctx.report([...runEmpirical(ctx), ...runComplexity(ctx)]);
}
