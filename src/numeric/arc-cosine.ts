// The arc-cosine functions of the ReLU (docs/theory.md#arc-cosine-functions), made numerically safe in one place.
// Shared by the TS twin of the analytic-kernel loop (src/backend/ts/ntk.ts) and the public
// API (src/kernels): the wasm loop (assembly/ntk.ts) performs the same operations in the same
// order, and both use the portable arccos, so the results are the same bits everywhere.
import { InvalidArgumentError, NonFiniteError } from '../errors.js';
import { portableAcos } from './portable-trig.js';

/** π, and fl(1/π): π·INV_PI = 1 exactly, so κ0(1) = κ1(1) = 1 exactly. */
export const PI = 3.141592653589793;
/** fl(1/π), the constant the kernels multiply by instead of dividing by π. */
export const INV_PI = 0.3183098861837907;

/**
 * The correlation ρ = c/q clamped to [−1, 1]. Round-off can push c/q past ±1 (most often
 * on and near the diagonal), where arccos and √(1−ρ²) are undefined: this is the one
 * place where that is corrected (docs/theory.md#analytic-kernels). NaN passes through (inputs are validated first).
 */
export function clampedCorrelation(c: number, q: number): number {
  const r = c / q;
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/** Validates ρ for the public κ functions: NaN or |ρ| beyond round-off of 1 is an error. */
function checkedCorrelation(rho: number): number {
  if (typeof rho !== 'number' || Number.isNaN(rho)) {
    throw new NonFiniteError(`a correlation ρ must be a number in [−1, 1], got ${String(rho)}`, 0, rho);
  }
  if (Math.abs(rho) > 1 + 1e-12) throw new InvalidArgumentError(`a correlation ρ must lie in [−1, 1], got ${rho}`);
  return clampedCorrelation(rho, 1);
}

/**
 * κ0(ρ) = (π − arccos ρ)/π = 1/2 + arcsin(ρ)/π, the arc-cosine kernel of degree 0
 * (Σ of the paper's eq. 28; docs/theory.md#arc-cosine-functions). κ0(1) = 1, κ0(−1) = 0. ρ within 1e−12 outside
 * [−1, 1] is clamped (round-off); beyond that, or NaN, throws.
 */
export function arcCosine0(rho: number): number {
  return (PI - portableAcos(checkedCorrelation(rho))) * INV_PI;
}

/**
 * κ1(ρ) = (√(1−ρ²) + (π − arccos ρ)·ρ)/π = Σ_r μ_r² ρ^r, the arc-cosine kernel of degree 1
 * (Theorem 5; docs/theory.md#analytic-kernels), with √(1−ρ²) evaluated as √((1−ρ)(1+ρ)) (no cancellation near
 * |ρ| = 1). κ1(1) = 1, κ1(−1) = 0, κ1(0) = 1/π. ρ is checked and clamped as in arcCosine0.
 */
export function arcCosine1(rho: number): number {
  const r = checkedCorrelation(rho);
  return (Math.sqrt((1 - r) * (1 + r)) + (PI - portableAcos(r)) * r) * INV_PI;
}
