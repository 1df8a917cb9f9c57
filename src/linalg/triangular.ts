/**
 * Triangular solves with a lower-triangular L: L x = b or Lᵀ x = b, one right-hand side
 * (trsv) or many (trsm, a Matrix of right-hand sides), on the chosen backend
 * (assembly/trsm.ts). Only the lower triangle of L is read. Inputs are never mutated.
 */
import { getBackend, type Backend } from '../backend/backend.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { assertMatrix, assertSquare, type Matrix } from './matrix.js';
import { assertFiniteResult, assertVector, type LinalgOptions } from './options.js';

/** One right-hand side (a vector) or several (the columns of an n×k Matrix). */
export type RightHandSide = ArrayLike<number> | Matrix;

/** Options of `solveLower`. */
export interface SolveLowerOptions extends LinalgOptions {
  /** Solve Lᵀ x = b instead of L x = b. */
  readonly transpose?: boolean;
}

function isMatrix(b: RightHandSide): b is Matrix {
  return typeof b === 'object' && b !== null && 'rows' in b && 'cols' in b && 'data' in b;
}

/**
 * Solves with the n×n lower factor `l` (dense row-major data) once per flag of `passes`
 * (0: L x = b, 1: Lᵀ x = b, applied in order), after validating b. The result has b's form.
 */
export function solveWithLowerFactor(
  backend: Backend, l: Float64Array, n: number, b: RightHandSide, passes: ReadonlyArray<0 | 1>,
): Float64Array | Matrix {
  const nrhs = isMatrix(b) ? b.cols : 1;
  if (isMatrix(b)) {
    assertMatrix('b', b);
    if (b.rows !== n) throw new ShapeError(`the right-hand sides must have ${n} rows, got ${b.rows}×${b.cols}`);
  } else {
    assertVector('b', b, n);
  }
  const { heap, kernels } = backend;
  const x = heap.scope((s) => {
    const pl = s.put(l);
    const pb = s.put(isMatrix(b) ? b.data : b);
    for (const trans of passes) {
      if (isMatrix(b)) kernels.trsm(n, nrhs, pl, n, pb, nrhs, trans);
      else kernels.trsv(n, pl, n, pb, trans);
    }
    return heap.read(pb, n * nrhs);
  });
  assertFiniteResult('the triangular solve', x);
  return isMatrix(b) ? { rows: n, cols: nrhs, data: x } : x;
}

/**
 * Solves L x = b (or Lᵀ x = b with `transpose`) for lower-triangular L (its strict upper
 * triangle is ignored). b is a vector (returns a Float64Array) or an n×k Matrix of right-hand
 * sides (returns an n×k Matrix). Throws InvalidArgumentError when L has a zero diagonal entry.
 */
export function solveLower(l: Matrix, b: ArrayLike<number>, opts?: SolveLowerOptions): Float64Array;
export function solveLower(l: Matrix, b: Matrix, opts?: SolveLowerOptions): Matrix;
export function solveLower(l: Matrix, b: RightHandSide, opts: SolveLowerOptions = {}): Float64Array | Matrix {
  assertMatrix('L', l);
  assertSquare('L', l);
  const n = l.rows;
  for (let i = 0; i < n; i++) {
    if (l.data[i * n + i] === 0) {
      throw new InvalidArgumentError(`L is singular: its diagonal entry L[${i}][${i}] is 0`);
    }
  }
  return solveWithLowerFactor(getBackend(opts.backend), l.data, n, b, [opts.transpose === true ? 1 : 0]);
}
