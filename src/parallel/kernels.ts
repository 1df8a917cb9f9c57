/**
 * The parallel drivers of the threaded wasm backend: kernels with the signatures of the
 * single-thread ones (src/backend/kernels.ts) that cut their output into disjoint blocks and
 * run one whole single-thread kernel call per block on the pool (src/parallel/pool.ts).
 * Every output element is therefore computed by exactly the operations, in exactly the order,
 * of the single-thread kernel — the bits do not depend on the thread count and stay equal to
 * the TS twins. Each driver falls back to the single-thread kernel when there is one thread or
 * the work is too small to pay for a job (about 20 µs).
 *
 *   gemm          rows of C (or columns, when C is short and wide)
 *   syrk          row blocks of the lower triangle of equal area: the block left of the
 *                 diagonal is a gemm call, the diagonal block a syrk call
 *   potrf         per block column: diagonal block on the calling thread (potrfDiagonal), the
 *                 panel rows below split (potrfPanelRows), then the trailing update as syrk
 *                 with α = −1, β = 1 — the very update the single-thread potrf applies
 *   trsm          columns of the right-hand sides, in groups of 8 (the kernel's register width)
 *   ntkAnalytic   row blocks of equal area over the triangle j ≥ i (ntkAnalyticRows)
 *   ntkGroups     the same row blocks (its own row-range arguments); the diagonal alone is not split
 *   ntkBlockSum   row blocks (lower tiles: a rectangular call and a diagonal call per block)
 *   rnnUpdate     row blocks of Wᵀ (rnnUpdateRows), each with its own scratch
 */
import { CHOLESKY_BLOCK } from '../backend/blocked-accumulate.js';
import type { Kernels } from '../backend/kernels.js';
import type { Heap } from '../wasm/heap.js';
import { evenRanges, triangleRanges, upperTriangleRanges } from './partition.js';
import { TaskList, type ThreadPool } from './pool.js';
import { kernelPool } from './threads.js';

/** Multiply-adds below which a kernel runs on the calling thread alone. */
const MIN_PARALLEL_WORK = 1 << 18;
/**
 * The gemm register tile is 5 rows × 4 columns (assembly/gemm_blocking.ts): cuts of C's rows or
 * columns at multiples of 20 keep whole tiles on both sides of every cut.
 */
const TILE_CUT = 20;
/** Rows the Cholesky panel processes together (assembly/potrf.ts). */
const PANEL_ROWS = 4;
/** Right-hand sides the trsm kernel keeps in registers at once. */
const TRSM_COLUMNS = 8;

/** The pool to split `work` multiply-adds over, or undefined to run on the calling thread. */
function poolFor(work: number): ThreadPool | undefined {
  const pool = kernelPool();
  return pool !== undefined && work >= MIN_PARALLEL_WORK ? pool : undefined;
}

/** Appends the calls of C ← α A Aᵀ + β C (lower triangle, n×n, A n×k), split into row blocks. */
function lowerUpdateCalls(
  tasks: TaskList, threads: number, n: number, k: number, alpha: number, a: number, lda: number, beta: number, c: number, ldc: number,
): TaskList {
  const cuts = triangleRanges(n, threads, TILE_CUT);
  for (let t = cuts.length - 2; t >= 0; t--) {
    const [i0, i1] = [cuts[t], cuts[t + 1]];
    if (i0 > 0) tasks.add('gemm', 0, 1, i1 - i0, i0, k, alpha, a + i0 * lda, lda, a, lda, beta, c + i0 * ldc, ldc);
    tasks.add('syrk', i1 - i0, k, alpha, a + i0 * lda, lda, beta, c + i0 * ldc + i0, ldc);
  }
  return tasks;
}

/** The kernels of the threaded backend: `raw` (the module's exports) with the drivers above. */
export function parallelKernels(raw: Kernels, heap: Heap): Kernels {
  return {
    ...raw,

    gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) {
      const pool = alpha === 0 || k === 0 ? undefined : poolFor(m * n * k);
      if (pool === undefined) return raw.gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      const tasks = new TaskList();
      if (m >= TILE_CUT * pool.threads) {
        const cuts = evenRanges(m, pool.threads, TILE_CUT);
        for (let t = 0; t + 1 < cuts.length; t++) {
          const [i0, i1] = [cuts[t], cuts[t + 1]];
          tasks.add('gemm', transA, transB, i1 - i0, n, k, alpha, a + (transA !== 0 ? i0 : i0 * lda), lda, b, ldb, beta, c + i0 * ldc, ldc);
        }
      } else {
        const cuts = evenRanges(n, pool.threads, TILE_CUT);
        for (let t = 0; t + 1 < cuts.length; t++) {
          const [j0, j1] = [cuts[t], cuts[t + 1]];
          tasks.add('gemm', transA, transB, m, j1 - j0, k, alpha, a, lda, b + (transB !== 0 ? j0 * ldb : j0), ldb, beta, c + j0, ldc);
        }
      }
      pool.run(tasks);
    },

    syrk(n, k, alpha, a, lda, beta, c, ldc) {
      const pool = alpha === 0 || k === 0 ? undefined : poolFor((n * n * k) / 2);
      if (pool === undefined) return raw.syrk(n, k, alpha, a, lda, beta, c, ldc);
      pool.run(lowerUpdateCalls(new TaskList(), pool.threads, n, k, alpha, a, lda, beta, c, ldc));
    },

    potrf(n, a, lda) {
      let pool = poolFor((n * n * n) / 6);
      if (pool === undefined) return raw.potrf(n, a, lda);
      for (let k0 = 0; k0 < n; k0 += CHOLESKY_BLOCK) {
        const nb = Math.min(CHOLESKY_BLOCK, n - k0);
        const p = raw.potrfDiagonal(k0, nb, a, lda);
        if (p >= 0) return p;
        const rest = n - k0 - nb;
        if (rest === 0) break;
        pool = poolFor(rest * rest * nb);
        const l21 = a + (k0 + nb) * lda + k0;
        if (pool === undefined) {
          raw.potrfPanelRows(k0 + nb, n, k0, nb, a, lda);
          raw.syrk(rest, nb, -1, l21, lda, 1, l21 + nb, lda);
          continue;
        }
        const panel = new TaskList();
        const cuts = evenRanges(rest, pool.threads, PANEL_ROWS);
        for (let t = 0; t + 1 < cuts.length; t++) panel.add('potrfPanelRows', k0 + nb + cuts[t], k0 + nb + cuts[t + 1], k0, nb, a, lda);
        pool.run(panel);
        pool.run(lowerUpdateCalls(new TaskList(), pool.threads, rest, nb, -1, l21, lda, 1, l21 + nb, lda));
      }
      return -1;
    },

    trsm(n, nrhs, l, ldl, b, ldb, trans) {
      const pool = nrhs >= 2 * TRSM_COLUMNS ? poolFor((n * n * nrhs) / 2) : undefined;
      if (pool === undefined) return raw.trsm(n, nrhs, l, ldl, b, ldb, trans);
      const tasks = new TaskList();
      const cuts = evenRanges(nrhs, pool.threads, TRSM_COLUMNS);
      for (let t = 0; t + 1 < cuts.length; t++) tasks.add('trsm', n, cuts[t + 1] - cuts[t], l, ldl, b + cuts[t], ldb, trans);
      pool.run(tasks);
    },

    ntkAnalytic(na, nb, L, d, xa, xb, ca, cb, vars, symmetric, out, sel, parts, scratch) {
      const pool = poolFor((na * nb * L * (d + 16)) / (symmetric !== 0 ? 2 : 1));
      if (pool === undefined) return raw.ntkAnalytic(na, nb, L, d, xa, xb, ca, cb, vars, symmetric, out, sel, parts, scratch);
      const cuts = symmetric !== 0 ? upperTriangleRanges(na, pool.threads) : evenRanges(na, pool.threads, 1);
      heap.scope((s) => {
        const tasks = new TaskList();
        for (let t = 0; t + 1 < cuts.length; t++) {
          const own = s.alloc(L + 1);
          tasks.add('ntkAnalyticRows', na, nb, L, d, xa, xb, ca, cb, vars, symmetric, out, sel, parts, own, cuts[t], cuts[t + 1]);
        }
        pool.run(tasks);
      });
    },

    ntkGroups(na, nb, L, d, xa, xb, ca, cb, vars, weights, shape, i0, i1, wantNngp, nngp, ntk) {
      const whole = i0 === 0 && i1 === na && shape !== 2; // a caller's own row range runs as given
      const pool = whole ? poolFor((na * nb * L * (d + 16)) / (shape === 1 ? 2 : 1)) : undefined;
      if (pool === undefined) return raw.ntkGroups(na, nb, L, d, xa, xb, ca, cb, vars, weights, shape, i0, i1, wantNngp, nngp, ntk);
      const cuts = shape === 1 ? upperTriangleRanges(na, pool.threads) : evenRanges(na, pool.threads, 1);
      const tasks = new TaskList();
      for (let t = 0; t + 1 < cuts.length; t++) {
        tasks.add('ntkGroups', na, nb, L, d, xa, xb, ca, cb, vars, weights, shape, cuts[t], cuts[t + 1], wantNngp, nngp, ntk);
      }
      pool.run(tasks);
    },

    ntkBlockSum(ni, nj, L, gd, gh, ldg, lower, alpha, out, ldo) {
      const pool = poolFor((ni * nj * L * L) / (lower !== 0 ? 2 : 1));
      if (pool === undefined) return raw.ntkBlockSum(ni, nj, L, gd, gh, ldg, lower, alpha, out, ldo);
      const tasks = new TaskList();
      const row = (i: number): number => i * L * ldg;
      if (lower !== 0) {
        const cuts = triangleRanges(ni, pool.threads, 1);
        for (let t = cuts.length - 2; t >= 0; t--) {
          const [i0, i1] = [cuts[t], cuts[t + 1]];
          if (i0 > 0) tasks.add('ntkBlockSum', i1 - i0, i0, L, gd + row(i0), gh + row(i0), ldg, 0, alpha, out + i0 * ldo, ldo);
          tasks.add('ntkBlockSum', i1 - i0, i1 - i0, L, gd + row(i0) + i0 * L, gh + row(i0) + i0 * L, ldg, 1, alpha, out + i0 * ldo + i0, ldo);
        }
      } else {
        const cuts = evenRanges(ni, pool.threads, 1);
        for (let t = 0; t + 1 < cuts.length; t++) {
          const [i0, i1] = [cuts[t], cuts[t + 1]];
          tasks.add('ntkBlockSum', i1 - i0, nj, L, gd + row(i0), gh + row(i0), ldg, 0, alpha, out + i0 * ldo, ldo);
        }
      }
      pool.run(tasks);
    },

    rnnUpdate(m, L, count, wT, h, delta, work) {
      const pool = poolFor((m * m * count * L) / 2);
      if (pool === undefined) return raw.rnnUpdate(m, L, count, wT, h, delta, work);
      const cuts = evenRanges(m, pool.threads, 1);
      heap.scope((s) => {
        const tasks = new TaskList();
        for (let t = 0; t + 1 < cuts.length; t++) {
          tasks.add('rnnUpdateRows', m, L, count, wT, h, delta, s.alloc(2 * count * L), cuts[t], cuts[t + 1]);
        }
        pool.run(tasks);
      });
    },
  };
}
