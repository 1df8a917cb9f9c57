/**
 * Boundary checks shared by every public function. Each throws a typed error (src/errors.ts)
 * whose message names the argument and says what to fix.
 */
import { InvalidArgumentError, NonFiniteError } from './errors.js';

/** Throws NonFiniteError at the first NaN or ±Infinity in `values`. */
export function assertFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(
        `${name} must be finite, but element ${i} is ${v}; remove or replace NaN/Infinity values`,
        i,
        v,
      );
    }
  }
}

/** Throws NonFiniteError unless `value` is a finite number. */
export function assertFiniteNumber(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new NonFiniteError(`${name} must be a finite number, got ${String(value)}`, 0, value);
  }
}

/** Throws InvalidArgumentError unless `value` is an integer ≥ `min` (default 1). */
export function assertInteger(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

/** Throws InvalidArgumentError unless `value` is a finite number > 0. */
export function assertPositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new InvalidArgumentError(`${name} must be a finite number > 0, got ${String(value)}`);
  }
}

/**
 * Throws InvalidArgumentError unless `value` is an options object (a plain object, or undefined
 * when the options are optional): a number, string, array, boolean or null in its place would
 * otherwise be read as "no options" or fail with a TypeError.
 */
export function assertOptions(name: string, value: unknown, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value} ${String(value)}`;
    throw new InvalidArgumentError(`${name} must be an object of named options ({…}), got ${got}`);
  }
}
