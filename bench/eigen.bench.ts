/**
 * `npm run bench -- eigen`: the symmetric eigendecomposition (values and vectors) of a random
 * symmetric n×n matrix (G + Gᵀ, G Gaussian) for n = 1000 and 2000 (--quick: 200 and 500) on
 * the WebAssembly core (symmetricEigen: Householder sytrd + orgtrT + implicit QL steqr), its TS
 * twin, and ml-matrix's EigenvalueDecomposition (assumeSymmetric: JAMA's tred2 + tql2), in the
 * same run (the TS twin is skipped at n = 2000, several minutes on a loaded machine). Large
 * sizes run once per implementation (each takes seconds to minutes) and each size's rows are
 * printed as soon as they are measured. The
 * column maxEigenvalueGap is max_i |λ_i − λ_i(ml-matrix)| / ‖A‖_F, a sanity check that both
 * solved the same problem (~n·ε expected).
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { matrix, symmetricEigen, type Matrix } from '../src/linalg/index.js';
import { Rng } from '../src/random/rng.js';
import type { BenchContext, BenchRow } from './common.js';

type Impl = 'wasm' | 'ts' | 'ml-matrix';

/** G + Gᵀ for a seeded Gaussian G. */
function randomSymmetric(n: number): Matrix {
  const g = new Rng(n, 'ts').normal(n * n);
  return matrix(n, n, g.map((v, e) => v + g[(e % n) * n + Math.floor(e / n)]));
}

/** Runs the eigendecomposition benchmarks; one row per (n, implementation). */
export function run(ctx: BenchContext): void {
  for (const n of ctx.quick ? [200, 500] : [1000, 2000]) {
    const rows: BenchRow[] = [];
    const a = randomSymmetric(n);
    const ml = new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(a.data.subarray(i * n, (i + 1) * n))));
    let frob = 0;
    for (const v of a.data) frob += v * v;
    frob = Math.sqrt(frob);
    const values: Partial<Record<Impl, ArrayLike<number>>> = {};
    const budget = n >= 1000 ? { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 } : {};
    for (const impl of n >= 2000 ? (['wasm', 'ml-matrix'] as const) : (['wasm', 'ts', 'ml-matrix'] as const)) {
      const once =
        impl === 'ml-matrix'
          ? () => (values[impl] = new EigenvalueDecomposition(ml, { assumeSymmetric: true }).realEigenvalues.slice().sort((x, y) => x - y))
          : () => (values[impl] = symmetricEigen(a, { backend: impl }).values);
      const ms = ctx.medianMs(`eigen n=${n} ${impl}`, once, budget);
      rows.push({ group: 'eigen', op: 'symmetric-eigen', impl, size: n, medianMs: ms, gflopsNominal: (9 * n ** 3) / ms / 1e6 });
    }
    const gap = Math.max(...Array.from(values.wasm!, (v, i) => Math.abs(v - values['ml-matrix']![i]))) / frob;
    for (const r of rows) Object.assign(r, { maxEigenvalueGap: gap });
    const wasmMs = rows.find((r) => r.impl === 'wasm')!.medianMs as number;
    for (const r of rows.filter((x) => x.impl !== 'wasm')) Object.assign(r, { wasmSpeedup: (r.medianMs as number) / wasmMs });
    ctx.report(rows);
  }
  ctx.note('gflopsNominal counts 9n³ (LAPACK dsyev with vectors ≈ 9n³ flops); sizes ≥ 1000 are single runs, so read them as rough figures.');
}
