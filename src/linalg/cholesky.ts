/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix (potrf kernel,
 * assembly/potrf.ts), with the optional jitter of docs/theory.md#jitter: when A is not numerically positive
 * definite and the caller allows it, retry with A + λ·mean(diag A)·I for λ = 1e−12, 1e−10,
 * 1e−8, 1e−6 and report the λ used; otherwise throw NotPositiveDefiniteError naming the pivot.
 *
 * Only the lower triangle of A is read: symmetry is the caller's business (an asymmetric A is
 * factored as the symmetric matrix with A's lower triangle).
 */
import { getBackend, type Backend } from '../backend/backend.js';
import { NotPositiveDefiniteError, ShapeError } from '../errors.js';
import { assertInteger } from '../validate.js';
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
  /** As CholeskyOptions.jitter (default false). Costs one n×n scratch copy in the heap. */
  readonly jitter?: boolean;
  /** Leading dimension of the matrix in the heap (default n). */
  readonly ld?: number;
}

/** The error for a failed pivot; `lastJitter` is the largest jitter tried (undefined: none). */
function notPositiveDefinite(pivot: number, value: number, lastJitter?: number): NotPositiveDefiniteError {
  const lambdas = JITTER_LAMBDAS.map((l) => l.toExponential()).join(', ');
  const advice =
    lastJitter === undefined
      ? 'check that the matrix is symmetric positive definite, or pass {jitter: true} to retry with ' +
        `λ·mean(diag)·I added for λ = ${lambdas}`
      : `even with jitter λ = ${JITTER_LAMBDAS[JITTER_LAMBDAS.length - 1].toExponential()} (${lastJitter} added to the diagonal); ` +
        'the matrix is far from positive definite (indefinite, or wrongly scaled): check how it was built';
  return new NotPositiveDefiniteError(
    `the matrix is not positive definite: Cholesky pivot ${pivot} is ${value} (it must be a finite number > 0); ${advice}`,
    pivot,
    value,
  );
}

/**
 * Factors in place the n×n matrix at element offset `off` of `backend`'s heap (row-major,
 * leading dimension `ld`): on return its lower triangle holds L, the strict upper triangle is
 * untouched. For callers whose data already lives in the heap (no copies for large n). The
 * caller guarantees the entries are finite. Throws NotPositiveDefiniteError (pivot index and
 * value) when it fails — with jitter, after the largest λ, the matrix then holding A again.
 */
export function choleskyInHeap(backend: Backend, off: number, n: number, opts: InHeapCholeskyOptions = {}): JitterUsed {
  assertInteger('n', n, 0);
  const ld = opts.ld ?? n;
  assertInteger('ld', ld, n);
  assertInteger('off (heap offset)', off, 0);
  const { heap, kernels } = backend;
  const size = n === 0 ? 0 : (n - 1) * ld + n;
  if (off + size > heap.capacityBytes / 8) {
    throw new ShapeError(`an ${n}×${n} matrix (ld ${ld}) at heap offset ${off} runs past the heap; allocate it first`);
  }
  if (opts.jitter !== true) {
    const p = kernels.potrf(n, off, ld);
    if (p >= 0) throw notPositiveDefinite(p, heap.f64[off + p * ld + p]);
    return { jitter: 0, lambda: 0 };
  }
  return heap.scope((s) => {
    const saved = s.alloc(size);
    heap.f64.copyWithin(saved, off, off + size);
    let meanDiag = 0;
    for (let i = 0; i < n; i++) meanDiag += heap.f64[off + i * ld + i] / n;
    let p = kernels.potrf(n, off, ld);
    if (p < 0) return { jitter: 0, lambda: 0 };
    let value = heap.f64[off + p * ld + p];
    for (const lambda of JITTER_LAMBDAS) {
      const jitter = lambda * meanDiag;
      const f = heap.f64;
      f.copyWithin(off, saved, saved + size);
      for (let i = 0; i < n; i++) f[off + i * ld + i] += jitter;
      p = kernels.potrf(n, off, ld);
      if (p < 0) return { jitter, lambda };
      value = heap.f64[off + p * ld + p];
    }
    heap.f64.copyWithin(off, saved, saved + size);
    throw notPositiveDefinite(p, value, JITTER_LAMBDAS[JITTER_LAMBDAS.length - 1] * meanDiag);
  });
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
  assertMatrix('A', a);
  assertSquare('A', a);
  const n = a.rows;
  const backend = getBackend(opts.backend);
  const { data, used } = backend.heap.scope((s) => {
    const off = s.put(a.data);
    const used = choleskyInHeap(backend, off, n, { jitter: opts.jitter === true });
    return { data: backend.heap.read(off, n * n), used };
  });
  for (let i = 0; i < n; i++) data.fill(0, i * n + i + 1, (i + 1) * n);
  return Object.freeze({ n, factor: Object.freeze({ rows: n, cols: n, data }), ...used });
}
