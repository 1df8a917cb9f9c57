/**
 * Options shared by the public linear-algebra functions, and the boundary checks they share
 * beyond src/validate.ts (vectors given as any array of numbers; results that overflowed).
 */
import type { BackendChoice } from '../backend/backend.js';
import { NonFiniteError, ShapeError } from '../errors.js';
import { assertFinite } from '../validate.js';

/** Which backend runs the kernels: 'auto' (default: wasm when SIMD is available), 'wasm', 'ts' or a Backend. */
export interface LinalgOptions {
  /** The backend to run on (default 'auto'). */
  readonly backend?: BackendChoice;
}

/** Throws ShapeError unless `x` is an array of `n` numbers, NonFiniteError at its first NaN/±Infinity. */
export function assertVector(name: string, x: ArrayLike<number>, n: number): void {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') {
    throw new ShapeError(`${name} must be an array of ${n} numbers, got ${String(x)}`);
  }
  if (x.length !== n) throw new ShapeError(`${name} must have length ${n}, got ${x.length}`);
  assertFinite(name, x);
}

/**
 * Throws NonFiniteError if a result computed from finite inputs is not finite (an overflow),
 * so no public function returns NaN or ±Infinity silently.
 */
export function assertFiniteResult(what: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new NonFiniteError(
        `${what} overflowed: element ${i} is ${values[i]} although the inputs are finite; rescale the inputs`,
        i,
        values[i],
      );
    }
  }
}
