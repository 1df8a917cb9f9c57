/**
 * The Hermite expansion of the ReLU behind Theorem 5: μ_r, the coefficients of √2·ϕ in the
 * orthonormal probabilists' Hermite basis h_r = He_r/√(r!), and the series κ1(ρ) = Σ μ_r² ρ^r.
 */
import { InvalidArgumentError } from '../errors.js';
import { compositeIntegral, gaussLegendre } from '../numeric/gauss-legendre.js';
import { assertFiniteNumber, assertInteger } from '../validate.js';
import { portableExp } from '../numeric/portable-exp.js';

/**
 * μ_r² in closed form (docs/theory.md#hermite-coefficients): μ_0² = 1/π, μ_1² = 1/2, μ_r² = 0 for odd r ≥ 3, and for even
 * r ≥ 2 μ_r² = ((r−3)!!)²/(π·r!), evaluated by the ratio μ_{r+2}² = μ_r²·(r−1)²/((r+1)(r+2))
 * from μ_2² = 1/(2π) (no factorial overflow).
 */
export function hermiteCoefficientSquared(r: number): number {
  assertInteger('r', r, 0);
  if (r === 0) return 1 / Math.PI;
  if (r === 1) return 0.5;
  if (r % 2 === 1) return 0;
  let m2 = 1 / (2 * Math.PI);
  for (let s = 2; s < r; s += 2) m2 *= ((s - 1) * (s - 1)) / ((s + 1) * (s + 2));
  return m2;
}

/**
 * μ_r in closed form (Theorem 5; docs/theory.md#hermite-coefficients): μ_0 = 1/√π, μ_1 = 1/√2, μ_r = 0 for odd r ≥ 3,
 * μ_r = (−1)^{r/2+1}·(r−3)!!/√(π·r!) for even r ≥ 2 (μ_2 > 0, μ_4 < 0, …).
 */
export function hermiteCoefficient(r: number): number {
  const m = Math.sqrt(hermiteCoefficientSquared(r));
  return r >= 2 && (r / 2) % 2 === 0 ? -m : m;
}

/** Options of {@link hermiteCoefficientQuadrature}. */
export interface QuadratureOptions {
  /** Upper limit T of ∫_0^T (the integrand is below e^{−T²/2}·poly beyond). Default 40. */
  readonly upper?: number;
  /** Number of panels of the composite rule. Default 160. */
  readonly panels?: number;
  /** Gauss–Legendre points per panel. Default 16. */
  readonly points?: number;
}

/**
 * μ_r by numerical quadrature of Theorem 5's integral
 *   μ_r = (1/√(2π)) ∫_0^∞ √2·x·h_r(x)·e^{−x²/2} dx,   h_r = He_r/√(r!),
 * with h_r from the recurrence h_{r+1} = (x·h_r − √r·h_{r−1})/√(r+1), by a composite
 * Gauss–Legendre rule on [0, T] (the integrand is smooth there: the ReLU kink sits at 0).
 * With the defaults it agrees with the closed form to ~1e−15 for r ≤ 20.
 */
export function hermiteCoefficientQuadrature(r: number, opts: QuadratureOptions = {}): number {
  assertInteger('r', r, 0);
  const upper = opts.upper ?? 40;
  assertFiniteNumber('upper', upper);
  if (!(upper > 0)) throw new InvalidArgumentError(`upper must be > 0, got ${upper}`);
  const rule = gaussLegendre(opts.points ?? 16);
  const integrand = (x: number): number => {
    let hPrev = 0;
    let h = 1;
    for (let s = 0; s < r; s++) {
      const next = (x * h - Math.sqrt(s) * hPrev) / Math.sqrt(s + 1);
      hPrev = h;
      h = next;
    }
    return Math.SQRT2 * x * h * portableExp(-0.5 * x * x);
  };
  return compositeIntegral(integrand, 0, upper, opts.panels ?? 160, rule) / Math.sqrt(2 * Math.PI);
}

/** A truncated series value with a rigorous bound on the truncation error. */
export interface SeriesValue {
  /** The partial sum Σ_{r=0}^{R} of the series. */
  readonly value: number;
  /** |exact − value| ≤ tailBound (plus f64 round-off). */
  readonly tailBound: number;
}

/**
 * κ1(ρ) by the Hermite series Σ_{r=0}^{R} μ_r² ρ^r (Theorem 5), ρ ∈ [−1, 1]. Since every
 * μ_r² ≥ 0 and Σ_r μ_r² = κ1(1) = 1, the tail obeys |Σ_{r>R} μ_r² ρ^r| ≤ |ρ|^{R+1}·(1 − Σ_{r≤R} μ_r²),
 * which is returned as `tailBound`. The series converges slowly near |ρ| = 1 (μ_r² ~ r^{−5/2}).
 */
export function arcCosine1Series(rho: number, terms: number): SeriesValue {
  assertFiniteNumber('rho', rho);
  if (rho < -1 || rho > 1) throw new InvalidArgumentError(`rho must lie in [−1, 1], got ${rho}`);
  assertInteger('terms', terms, 0);
  let value = 0;
  let mass = 0;
  let power = 1;
  for (let r = 0; r <= terms; r++) {
    const m2 = hermiteCoefficientSquared(r);
    value += m2 * power;
    mass += m2;
    power *= rho;
  }
  return { value, tailBound: Math.abs(power) * Math.max(0, 1 - mass) };
}
