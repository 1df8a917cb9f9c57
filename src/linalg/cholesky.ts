/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix (potrf kernel,
 * assembly/potrf.ts), with the optional jitter of docs/theory.md#jitter: when A is not numerically positive
 * definite and the caller allows it, retry with A + λ·mean(diag A)·I for λ = 1e−12, 1e−10,
 * 1e−8, 1e−6 and report the λ used; otherwise throw NotPositiveDefiniteError naming the pivot.
 * "Numerically positive definite" means every pivot d_p = L_pp² is a finite number above
 * n·ε·max_i A_ii (`pivotThreshold`): a smaller positive pivot is rounding noise, so a matrix
 * with one is reported as singular (or moved up the jitter ladder) rather than factored into
 * results that could not be trusted. Every factor reports its smallest pivot ratio.
 *
 * Only the lower triangle of A is read: symmetry is the caller's business (an asymmetric A is
 * factored as the symmetric matrix with A's lower triangle).
 */
import { getBackend, type Backend } from '../backend/backend.js';
import { NotPositiveDefiniteError, ShapeError } from '../errors.js';
import { assertOptions, assertInteger } from '../validate.js';
import { assertMatrix, assertSquare, type Matrix } from './matrix.js';
import type { LinalgOptions } from './options.js';

/** The jitter scales tried in order (docs/theory.md#jitter). */
export const JITTER_LAMBDAS: readonly number[] = Object.freeze([1e-12, 1e-10, 1e-8, 1e-6]);

/** A Cholesky factorisation: immutable record returned by `cholesky`. */
export interface CholeskyFactor {
  /** Order of the matrix. */
  readonly n: number;
  /** The lower-triangular factor L (strict upper triangle zero) with L Lᵀ = A + jitter·I. */
  readonly factor: Matrix;
  /** The λ·mean(diag A) added to the diagonal; 0 when none was needed. */
  readonly jitter: number;
  /** The λ used (0 when no jitter was added). */
  readonly lambda: number;
  /**
   * min_p L_pp² / max_i A_ii (of A + jitter·I): how far the factorisation stayed from the
   * singularity threshold n·ε (`pivotThreshold`); 1/κ₂ ≤ this ratio, so a small value warns
   * that results from this factor lose digits. Absent on factors not made by `cholesky`.
   */
  readonly smallestPivotRatio?: number;
}

/** What a Cholesky in the heap used: the jitter added to the diagonal and its λ (both 0 if none). */
export interface JitterUsed {
  /** The λ·mean(diag A) added to the diagonal; 0 when none was needed. */
  readonly jitter: number;
  /** The λ used (0 when no jitter was added). */
  readonly lambda: number;
}

/** Options of `cholesky`. */
export interface CholeskyOptions extends LinalgOptions {
  /** Retry with growing diagonal jitter when A is not numerically positive definite (default false). */
  readonly jitter?: boolean;
}

/** Options of `choleskyInHeap`. */
export interface InHeapCholeskyOptions {
  /** As CholeskyOptions.jitter (default false). Costs n heap-free slots (the diagonal), no n×n copy. */
  readonly jitter?: boolean;
  /** Leading dimension of the matrix in the heap (default n). */
  readonly ld?: number;
}

/**
 * Relative pivot threshold τ(n) = n·ε (ε = 2^−52): a pivot d_p ≤ τ·max_i A_ii is within the
 * rounding error of the factorisation itself (backward error O(n·ε·‖A‖)), so the matrix is
 * numerically singular even when every pivot came out positive.
 */
export function pivotThreshold(n: number): number {
  return n * Number.EPSILON;
}

/** What a factorisation in the heap used and how close to singular it came. */
export interface FactorReport extends JitterUsed {
  /** min_p d_p / max_i A_ii over the pivots d_p = L_pp² of the factored matrix (A + jitter·I). */
  readonly smallestPivotRatio: number;
  /** max_i A_ii of the factored matrix (A + jitter·I). */
  readonly maxDiagonal: number;
}

/** The error for a failed pivot; `lastJitter` is the largest jitter tried (undefined: none). */
function notPositiveDefinite(pivot: number, value: number, threshold: number, lastJitter?: number): NotPositiveDefiniteError {
  const lambdas = JITTER_LAMBDAS.map((l) => l.toExponential()).join(', ');
  const advice =
    lastJitter === undefined
      ? 'check that the matrix is symmetric positive definite, or pass {jitter: true} to retry with ' +
        `λ·mean(diag)·I added for λ = ${lambdas}`
      : `even with jitter λ = ${JITTER_LAMBDAS[JITTER_LAMBDAS.length - 1].toExponential()} (${lastJitter} added to the diagonal); ` +
        'the matrix is far from positive definite (indefinite, or wrongly scaled): check how it was built';
  const what =
    value > 0 && Number.isFinite(value)
      ? `is ${value}, at or below the threshold n·ε·max diag = ${threshold} (numerically singular: ` +
        'a value this small is rounding noise, so no result computed from it could be trusted)'
      : 'is ' + String(value) + ' (it must be a finite number > 0)';
  return new NotPositiveDefiniteError(`the matrix is not positive definite: Cholesky pivot ${pivot} ${what}; ${advice}`, pivot, value);
}

/** Sum, in index order, of the diagonal entries divided by n (the bits the jitter scale always had), and their max. */
function diagonalStats(f: Float64Array, off: number, n: number, ld: number): { meanDiag: number; maxDiag: number } {
  let meanDiag = 0;
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    meanDiag += f[off + i * ld + i] / n;
    maxDiag = Math.max(maxDiag, f[off + i * ld + i]);
  }
  return { meanDiag, maxDiag };
}

/** Tile edge of the blocked in-heap transpose copies (cache-friendly strided access). */
const TILE = 64;

/** Copies the strict lower triangle onto the strict upper one (toUpper) or back (in tiles). */
function mirrorTriangle(f: Float64Array, off: number, n: number, ld: number, toUpper: boolean): void {
  for (let i0 = 0; i0 < n; i0 += TILE) {
    for (let j0 = 0; j0 <= i0; j0 += TILE) {
      for (let i = i0; i < Math.min(n, i0 + TILE); i++) {
        for (let j = j0; j < Math.min(i, j0 + TILE); j++) {
          if (toUpper) f[off + j * ld + i] = f[off + i * ld + j];
          else f[off + i * ld + j] = f[off + j * ld + i];
        }
      }
    }
  }
}

/**
 * One attempt: potrf, then the threshold test on the pivots d_p = L_pp². Returns the report
 * fields on success, or the failing pivot (index and value d_p).
 */
function factorOnce(
  backend: Backend, off: number, n: number, ld: number, maxDiag: number,
): { readonly ok: true; readonly ratio: number } | { readonly ok: false; readonly pivot: number; readonly value: number } {
  const p = backend.kernels.potrf(n, off, ld);
  const f = backend.heap.f64;
  if (p >= 0) return { ok: false, pivot: p, value: f[off + p * ld + p] };
  const floor = pivotThreshold(n) * maxDiag;
  let smallest = Infinity;
  for (let i = 0; i < n; i++) {
    const d = f[off + i * ld + i] * f[off + i * ld + i];
    if (d <= floor) return { ok: false, pivot: i, value: d };
    smallest = Math.min(smallest, d);
  }
  return { ok: true, ratio: n === 0 ? 1 : smallest / maxDiag };
}

/**
 * Factors in place, as `choleskyInHeap`, and reports the smallest pivot ratio. With jitter the
 * strict upper triangle first receives the mirror of the lower one, so a failed attempt is
 * undone from it (n extra slots for the diagonal, never an n×n copy); without jitter the
 * strict upper triangle is untouched. Core-only.
 */
export function factorInHeap(backend: Backend, off: number, n: number, opts: InHeapCholeskyOptions = {}): FactorReport {
  assertInteger('n', n, 0);
  const ld = opts.ld ?? n;
  assertInteger('ld', ld, n);
  assertInteger('off (heap offset)', off, 0);
  const { heap } = backend;
  const size = n === 0 ? 0 : (n - 1) * ld + n;
  if (off + size > heap.capacityBytes / 8) {
    throw new ShapeError(`an ${n}×${n} matrix (ld ${ld}) at heap offset ${off} runs past the heap; allocate it first`);
  }
  const { meanDiag, maxDiag } = diagonalStats(heap.f64, off, n, ld);
  const threshold = (m: number) => pivotThreshold(n) * m;
  if (opts.jitter !== true) {
    const once = factorOnce(backend, off, n, ld, maxDiag);
    if (!once.ok) throw notPositiveDefinite(once.pivot, once.value, threshold(maxDiag));
    return { jitter: 0, lambda: 0, smallestPivotRatio: once.ratio, maxDiagonal: maxDiag };
  }
  const diagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) diagonal[i] = heap.f64[off + i * ld + i];
  mirrorTriangle(heap.f64, off, n, ld, true);
  const restore = (jitter: number) => {
    const f = heap.f64;
    mirrorTriangle(f, off, n, ld, false);
    for (let i = 0; i < n; i++) f[off + i * ld + i] = diagonal[i] + jitter;
  };
  let once = factorOnce(backend, off, n, ld, maxDiag);
  if (once.ok) return { jitter: 0, lambda: 0, smallestPivotRatio: once.ratio, maxDiagonal: maxDiag };
  let shiftedMax = maxDiag;
  for (const lambda of JITTER_LAMBDAS) {
    const jitter = lambda * meanDiag;
    restore(jitter);
    shiftedMax = maxDiag + jitter;
    once = factorOnce(backend, off, n, ld, shiftedMax);
    if (once.ok) return { jitter, lambda, smallestPivotRatio: once.ratio, maxDiagonal: shiftedMax };
  }
  restore(0);
  throw notPositiveDefinite(once.pivot, once.value, threshold(shiftedMax), JITTER_LAMBDAS[JITTER_LAMBDAS.length - 1] * meanDiag);
}

/**
 * Factors in place the n×n matrix at element offset `off` of `backend`'s heap (row-major,
 * leading dimension `ld`): on return its lower triangle holds L. The caller guarantees the
 * entries are finite. Throws NotPositiveDefiniteError (pivot index and value) when a pivot d_p
 * is not a finite number above n·ε·max diag (`pivotThreshold`) — with jitter, after the largest
 * λ, the matrix then holding A again (its lower triangle mirrored onto the upper one; without
 * jitter the strict upper triangle is untouched).
 */
export function choleskyInHeap(backend: Backend, off: number, n: number, opts: InHeapCholeskyOptions = {}): JitterUsed {
  const { jitter, lambda } = factorInHeap(backend, off, n, opts);
  return { jitter, lambda };
}

/**
 * The Cholesky factorisation A = L Lᵀ (L lower triangular) of a symmetric positive-definite
 * A (only its lower triangle is read). A is not mutated. Throws ShapeError (not square),
 * NonFiniteError (NaN/Infinity in A), NotPositiveDefiniteError (pivot index and value).
 *
 * With `{jitter: true}`, a matrix that is not numerically positive definite is retried with
 * λ·mean(diag A) added to its diagonal (docs/theory.md#jitter).
 *
 * @example
 * ```ts
 * import { cholesky, fromRows } from 'rnn-ntk';
 *
 * const { factor } = cholesky(fromRows([[4, 2], [2, 5]]));
 * console.log(factor.data); // [2, 0, 1, 2]
 * ```
 */
export function cholesky(a: Matrix, opts: CholeskyOptions = {}): CholeskyFactor {
  assertOptions("cholesky's options", opts);
  assertMatrix('A', a);
  assertSquare('A', a);
  const n = a.rows;
  const backend = getBackend(opts.backend);
  const { data, used } = backend.heap.scope((s) => {
    const off = s.put(a.data);
    const { jitter, lambda, smallestPivotRatio } = factorInHeap(backend, off, n, { jitter: opts.jitter === true });
    return { data: backend.heap.read(off, n * n), used: { jitter, lambda, smallestPivotRatio } };
  });
  for (let i = 0; i < n; i++) data.fill(0, i * n + i + 1, (i + 1) * n);
  return Object.freeze({ n, factor: Object.freeze({ rows: n, cols: n, data }), ...used });
}
