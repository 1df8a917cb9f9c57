// Access to the IEEE-754 bits of a double, for the portable elementary functions.
import { InvalidArgumentError } from '../errors.js';

const scratch = new DataView(new ArrayBuffer(8));

/** The upper 32 bits of x's IEEE-754 representation (sign, exponent, top of the mantissa), unsigned. */
export function highWord(x: number): number {
  scratch.setFloat64(0, x, true);
  return scratch.getUint32(4, true);
}

/** The lower 32 bits of x's IEEE-754 representation, unsigned. */
export function lowWord(x: number): number {
  scratch.setFloat64(0, x, true);
  return scratch.getUint32(0, true);
}

/** The double whose IEEE-754 representation has upper word `high` and lower word `low`. */
export function fromWords(high: number, low: number): number {
  scratch.setUint32(4, high >>> 0, true);
  scratch.setUint32(0, low >>> 0, true);
  return scratch.getFloat64(0, true);
}

/**
 * 2^k for an integer k, exactly (built from exponent bits, no Math.pow): normal for
 * k ∈ [−1022, 1023], subnormal down to k = −1074, 0 below it and +∞ above 1023.
 * Throws InvalidArgumentError unless k is an integer.
 */
export function exactPowerOfTwo(k: number): number {
  if (!Number.isInteger(k)) throw new InvalidArgumentError(`exactPowerOfTwo needs an integer exponent, got ${k}`);
  if (k > 1023) return Infinity;
  if (k < -1074) return 0;
  if (k >= -1022) return fromWords((k + 1023) << 20, 0);
  return fromWords((k + 54 + 1023) << 20, 0) * fromWords((1023 - 54) << 20, 0); // 2^(k+54)·2^−54, exact
}
