/**
 * A Cholesky factorisation that stays in the backend heap: A (+ shift·I + jitter·I) = L Lᵀ
 * factored once, then queried as often as needed — solves, ‖L⁻¹b‖², log det, the H⁻¹v step of
 * inverse iteration and Lanczos, a condition estimate — with no n×n copy in or out. One factor
 * per kernel serves the complexity ỹᵀ(H∞)⁻¹ỹ (paper eq. 17, Theorems 2–4), λ_min(H∞), the NTK
 * predictor and the bound proxies, and carries the one jitter decision they share.
 *
 * The handle owns n² heap slots until `dispose()` (or the end of a `using` block); later use is
 * a DisposedError, a second `dispose()` does nothing.
 */
import { getBackend, type Backend } from '../backend/backend.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../errors.js';
import { factorInHeap, type CholeskyFactor, type JitterUsed } from './cholesky.js';
import { heapOffsetOf, HeapMatrix, releaseHeapBlock, transferHeapBlock } from './heap-matrix.js';
import { assertMatrix, assertSquare, type Matrix } from './matrix.js';
import { assertFiniteResult, assertVector, type LinalgOptions } from './options.js';

/** Options of a factorisation that stays in the heap. */
export interface HeapCholeskyOptions extends LinalgOptions {
  /** Added to every diagonal entry before factoring (a ridge λ ≥ 0; default 0). */
  readonly shift?: number;
  /** Allow the jitter retries of `cholesky` when the matrix is not numerically positive definite (default false). */
  readonly jitter?: boolean;
}

/** ‖A‖₁ of the symmetric matrix whose lower triangle (with diagonal) is at `off`; NonFiniteError at a NaN/±Infinity. */
function symmetricNormOne(f: Float64Array, off: number, n: number): number {
  const sums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = off + i * n;
    for (let j = 0; j <= i; j++) {
      const v = f[row + j];
      if (!Number.isFinite(v)) {
        throw new NonFiniteError(`the matrix has ${v} at (${i}, ${j}); its entries must be finite`, i * n + j, v);
      }
      const a = Math.abs(v);
      sums[i] += a;
      if (j !== i) sums[j] += a;
    }
  }
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, sums[i]);
  return norm;
}

/** The Cholesky factor of a symmetric positive-definite n×n matrix, resident in the heap. */
export class HeapCholesky implements JitterUsed {
  /** Order of the matrix. */
  readonly n: number;
  /** The λ·mean(diag) added to the diagonal by the jitter retries; 0 when none was needed. */
  readonly jitter: number;
  /** The jitter λ used (0 when no jitter was added). */
  readonly lambda: number;
  /** The shift (ridge) added to the diagonal before factoring. */
  readonly shift: number;
  /** min_p L_pp² / max_i A_ii of the factored matrix (see CholeskyFactor.smallestPivotRatio). */
  readonly smallestPivotRatio: number;
  /** The backend whose heap holds the factor. */
  readonly backend: Backend;
  /** ‖A + shift·I + jitter·I‖₁, for the condition estimate. */
  private readonly normOne: number;
  private condition: number | undefined;

  private constructor(matrix: HeapMatrix, opts: HeapCholeskyOptions) {
    const n = matrix.rows;
    const backend = transferHeapBlock(matrix, this, 'heap matrix');
    const shift = opts.shift ?? 0;
    try {
      if (typeof shift !== 'number' || !Number.isFinite(shift) || shift < 0) {
        throw new InvalidArgumentError(`shift (ridge) must be a finite number >= 0, got ${String(shift)}`);
      }
      if (matrix.rows !== matrix.cols) throw new ShapeError(`only a square matrix can be factored, got ${matrix.rows}×${matrix.cols}`);
      const off = heapOffsetOf(this, 'factor');
      const f = backend.heap.f64;
      if (shift !== 0) for (let i = 0; i < n; i++) f[off + i * n + i] += shift;
      const normOne = symmetricNormOne(f, off, n);
      const report = factorInHeap(backend, off, n, { jitter: opts.jitter === true });
      this.normOne = normOne + report.jitter;
      this.jitter = report.jitter;
      this.lambda = report.lambda;
      this.smallestPivotRatio = report.smallestPivotRatio;
    } catch (err) {
      releaseHeapBlock(this);
      throw err;
    }
    this.n = n;
    this.shift = shift;
    this.backend = backend;
  }

  /**
   * Factors the square matrix held by `matrix` in place and takes over its memory (`matrix`
   * then behaves as disposed; on failure the memory is freed). Only the lower triangle is read.
   */
  static ofHeapMatrix(matrix: HeapMatrix, opts: HeapCholeskyOptions = {}): HeapCholesky {
    if (!(matrix instanceof HeapMatrix)) throw new InvalidArgumentError('matrix must be a HeapMatrix');
    return new HeapCholesky(matrix, opts);
  }

  /** Copies the square matrix `a` (lower triangle read) into the heap and factors it there. */
  static of(a: Matrix, opts: HeapCholeskyOptions = {}): HeapCholesky {
    assertMatrix('A', a);
    assertSquare('A', a);
    return new HeapCholesky(HeapMatrix.from(a, { backend: getBackend(opts.backend) }), opts);
  }

  /** Whether the handle still owns its memory. */
  get disposed(): boolean {
    try {
      heapOffsetOf(this, 'factor');
      return false;
    } catch {
      return true;
    }
  }

  /** Offset of L (throws DisposedError after dispose). */
  private get offset(): number {
    return heapOffsetOf(this, 'Cholesky factor');
  }

  /** Runs `passes` triangular solves (0: L x = b, 1: Lᵀ x = b) on a heap copy of b and returns x. */
  private solveWith(b: ArrayLike<number>, passes: ReadonlyArray<0 | 1>): Float64Array {
    const l = this.offset;
    assertVector('b', b, this.n);
    const { heap, kernels } = this.backend;
    const x = heap.scope((s) => {
      const pb = s.put(b);
      for (const trans of passes) kernels.trsv(this.n, l, this.n, pb, trans);
      return heap.read(pb, this.n);
    });
    assertFiniteResult('the triangular solve', x);
    return x;
  }

  /** x = (L Lᵀ)⁻¹ b, the solution of (A + shift·I + jitter·I) x = b (one H⁻¹v step of inverse iteration or Lanczos). */
  solve(b: ArrayLike<number>): Float64Array {
    return this.solveWith(b, [0, 1]);
  }

  /** z = L⁻¹ b (forward substitution only). */
  forwardSolve(b: ArrayLike<number>): Float64Array {
    return this.solveWith(b, [0]);
  }

  /**
   * bᵀ(L Lᵀ)⁻¹b = ‖L⁻¹b‖², by one forward substitution and the `dot` kernel in the heap (the
   * complexity ỹᵀH⁻¹ỹ, never through an inverse).
   */
  quadraticForm(b: ArrayLike<number>): number {
    const l = this.offset;
    assertVector('b', b, this.n);
    const { heap, kernels } = this.backend;
    return heap.scope((s) => {
      const z = s.put(b);
      kernels.trsv(this.n, l, this.n, z, 0);
      return kernels.dot(this.n, z, z);
    });
  }

  /** log det(L Lᵀ) = 2 Σ_i log L_ii (the `cholLogDet` kernel, portable log: same bits everywhere). */
  logDet(): number {
    return this.backend.kernels.cholLogDet(this.n, this.offset, this.n);
  }

  /**
   * An estimate of κ₁ = ‖A‖₁·‖A⁻¹‖₁ of the factored matrix: ‖A‖₁ exactly, ‖A⁻¹‖₁ by Hager's
   * estimator (Higham, Accuracy and Stability of Numerical Algorithms, Alg. 15.4) — a lower
   * bound of ‖A⁻¹‖₁, in practice within a factor 3 — from at most 10 solves, computed once.
   */
  conditionEstimate(): number {
    if (this.condition !== undefined) return this.condition;
    const n = this.n;
    let x = new Float64Array(n).fill(1 / n);
    let estimate = 0;
    for (let iteration = 0; iteration < 5; iteration++) {
      const y = this.solve(x);
      let normY = 0;
      for (let i = 0; i < n; i++) normY += Math.abs(y[i]);
      if (iteration > 0 && normY <= estimate) break;
      estimate = normY;
      const z = this.solve(y.map((v) => (v >= 0 ? 1 : -1))); // A symmetric: A⁻ᵀ = A⁻¹
      let best = 0;
      let zx = 0;
      for (let i = 0; i < n; i++) {
        zx += z[i] * x[i];
        if (Math.abs(z[i]) > Math.abs(z[best])) best = i;
      }
      if (Math.abs(z[best]) <= zx) break;
      x = new Float64Array(n);
      x[best] = 1;
    }
    this.condition = this.normOne * estimate;
    return this.condition;
  }

  /** Copies L out as the immutable record `cholesky` returns (n² values). */
  toCholeskyFactor(): CholeskyFactor {
    const n = this.n;
    const data = this.backend.heap.read(this.offset, n * n);
    for (let i = 0; i < n; i++) data.fill(0, i * n + i + 1, (i + 1) * n);
    const factor = Object.freeze({ rows: n, cols: n, data });
    return Object.freeze({ n, factor, jitter: this.jitter, lambda: this.lambda, smallestPivotRatio: this.smallestPivotRatio });
  }

  /** Frees the n² heap slots; later use throws DisposedError, a second call does nothing. */
  dispose(): void {
    releaseHeapBlock(this);
  }

  /** `using chol = …` disposes at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}
