/**
 * Boundary checks shared by the theory functions that take a kernel matrix (complexity,
 * smallest eigenvalue, kernel regression): a non-empty, square, finite, symmetric Matrix and
 * target vectors that match it.
 */
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { assertMatrix, assertSquare, type Matrix } from '../linalg/matrix.js';
import { assertFinite } from '../validate.js';

/** Largest |H_ij − H_ji| accepted, relative to max |H_ij|: a few roundings of a symmetric formula. */
const SYMMETRY_TOLERANCE = 1e-12;

/**
 * Throws ShapeError (not a non-empty square Matrix), NonFiniteError (NaN/±Infinity) or
 * InvalidArgumentError (not symmetric to 1e−12 relative) for a kernel matrix `name`.
 */
export function assertKernelMatrix(name: string, h: Matrix): void {
  assertMatrix(name, h);
  assertSquare(name, h);
  const n = h.rows;
  if (n === 0) throw new ShapeError(`${name} is empty: a kernel matrix needs at least one sequence`);
  let scale = 0;
  for (let e = 0; e < n * n; e++) scale = Math.max(scale, Math.abs(h.data[e]));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const gap = Math.abs(h.data[i * n + j] - h.data[j * n + i]);
      if (gap > SYMMETRY_TOLERANCE * scale) {
        throw new InvalidArgumentError(
          `${name} must be symmetric, but entries (${i}, ${j}) and (${j}, ${i}) differ by ${gap}; ` +
            'pass a kernel matrix (e.g. analyticNtk(x).H or empiricalNtk(model, x))',
        );
      }
    }
  }
}

/** Throws ShapeError unless `y` has n entries, NonFiniteError at its first NaN/±Infinity. */
export function assertTargets(name: string, y: ArrayLike<number>, n: number): void {
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
    throw new ShapeError(`${name} must be an array of ${n} numbers (one per sequence), got ${String(y)}`);
  }
  if (y.length !== n) throw new ShapeError(`${name} must have ${n} values (one per sequence), got ${y.length}`);
  assertFinite(name, y);
}
