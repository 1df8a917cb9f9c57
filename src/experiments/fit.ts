/**
 * Least-squares fits used by the verdicts: a power law y = c·x^p (a line in log-log
 * coordinates) and an exponential y = c·e^{r·x} (a line in log-linear coordinates).
 */
import { InvalidArgumentError } from '../errors.js';
import { assertFinite } from '../validate.js';
import { naturalLog } from '../numeric/natural-log.js';

/** A fitted line v = intercept + slope·u with its coefficient of determination. */
export interface LineFit {
  /** The fitted slope (for a power law, the exponent p; for an exponential, the rate r). */
  readonly slope: number;
  /** The fitted value at u = 0 (for a power law or an exponential, log c). */
  readonly intercept: number;
  /** R² of the fit in the transformed coordinates (1 = perfect). */
  readonly r2: number;
  /** Residual sum of squares Σ (v − intercept − slope·u)² in the transformed coordinates. */
  readonly rss: number;
}

/** Ordinary least squares of v on u (at least two distinct u; all values finite). */
export function fitLine(u: readonly number[], v: readonly number[]): LineFit {
  if (u.length !== v.length || u.length < 2) {
    throw new InvalidArgumentError(`a line fit needs at least 2 paired points, got ${u.length} and ${v.length}`);
  }
  assertFinite('the abscissae of a line fit', u);
  assertFinite('the ordinates of a line fit', v);
  const n = u.length;
  const mu = u.reduce((a, b) => a + b, 0) / n;
  const mv = v.reduce((a, b) => a + b, 0) / n;
  let suu = 0;
  let suv = 0;
  let svv = 0;
  for (let i = 0; i < n; i++) {
    suu += (u[i] - mu) * (u[i] - mu);
    suv += (u[i] - mu) * (v[i] - mv);
    svv += (v[i] - mv) * (v[i] - mv);
  }
  if (!(suu > 0)) throw new InvalidArgumentError('a line fit needs at least 2 distinct abscissae');
  const slope = suv / suu;
  const intercept = mv - slope * mu;
  const r2 = svv > 0 ? (suv * suv) / (suu * svv) : 1;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (v[i] - intercept - slope * u[i]) * (v[i] - intercept - slope * u[i]);
  return { slope, intercept, r2, rss };
}

/** Fits y = c·x^p: the slope of log y on log x is p (all x, y > 0 and finite). */
export function fitPowerLaw(x: readonly number[], y: readonly number[]): LineFit {
  assertFinite('x of a power-law fit', x);
  assertFinite('y of a power-law fit', y);
  if (x.some((v) => !(v > 0)) || y.some((v) => !(v > 0))) {
    throw new InvalidArgumentError('a power-law fit needs positive x and y');
  }
  return fitLine(x.map(naturalLog), y.map(naturalLog));
}

/** Fits y = c·e^{r x}: the slope of log y on x is r (all y > 0 and finite). */
export function fitExponential(x: readonly number[], y: readonly number[]): LineFit {
  assertFinite('y of an exponential fit', y);
  if (y.some((v) => !(v > 0))) throw new InvalidArgumentError('an exponential fit needs positive y');
  return fitLine(x, y.map(naturalLog));
}

/** A power law and an exponential fitted to the same points, compared by AIC. */
export interface GrowthComparison {
  /** log y on log x: the slope is the exponent p of y = c·x^p. */
  readonly power: LineFit;
  /** log y on x: the slope is the rate r of y = c·e^{r x}. */
  readonly exponential: LineFit;
  /**
   * AIC(exponential) − AIC(power law) = k·ln(RSS_exp / RSS_pow) for k points (both models have
   * two parameters and Gaussian residuals in log y, so the parameter penalties cancel):
   * positive when the power law fits better. Both RSS get 1e-12 added, so exact fits stay finite.
   */
  readonly deltaAic: number;
}

/** Fits y = c·x^p and y = c·e^{r x} to the same points (x, y > 0) and compares them by AIC. */
export function compareGrowth(x: readonly number[], y: readonly number[]): GrowthComparison {
  const power = fitPowerLaw(x, y);
  const exponential = fitExponential(x, y);
  const floor = 1e-12;
  return { power, exponential, deltaAic: x.length * naturalLog((exponential.rss + floor) / (power.rss + floor)) };
}

/** Mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new InvalidArgumentError('the mean of an empty list is undefined: give at least one value');
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard error of the mean (0 for a single value). */
export function standardError(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) * (b - m), 0) / (n - 1) / n);
}
