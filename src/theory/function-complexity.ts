/**
 * Function complexities of an analytic ψ(z) = Σ c_i z^i (docs/theory.md#function-complexity, eq. 6-8), computed in log
 * space because they overflow quickly:
 *
 *   C(ψ, R)   = 1 + Σ_{i≥1} i·|c_i|·R^i
 *   C_N(ψ, R) = 1 + Σ_{i≥1} L^{1.5N}·C1^N·√(C_{N,i})·(i/N)^N·|c_i|·R^i
 *
 * C_{N,i} is the largest multinomial coefficient i!/(n_1!⋯n_N!) with n_1 + … + n_N = i,
 * n_k ≥ 1 (n_k ≥ 0 when i < N). Note the paper's Example 2.2 writes C_{2,i} = i, which
 * understates the largest binomial coefficient; we follow the definition.
 *
 * Series are truncated once a rigorous tail bound (from the coefficient bound of ψ, see
 * src/theory/psi-catalog.ts) is below 1e−16 of the partial sum; the bound is returned.
 */
import { InvalidArgumentError } from '../errors.js';
import { logFactorial } from '../numeric/log-factorial.js';
import { assertFiniteNumber, assertInteger } from '../validate.js';
import type { AnalyticFunction } from './psi-catalog.js';
import { naturalLog } from '../numeric/natural-log.js';
import { portableExp } from '../numeric/portable-exp.js';

/** A complexity in log space with its truncation error bound. */
export interface ComplexityValue {
  /** log C; +∞ when the series diverges (R at or beyond its radius of convergence). */
  readonly log: number;
  /** C = e^{log C}; +∞ when it diverges or exceeds the f64 range (then use `log`). */
  readonly value: number;
  /** Number of series terms summed (i = 1..terms). */
  readonly terms: number;
  /** Bound on (C − computed)/computed due to truncation (0 for a finished finite series). */
  readonly relativeTailBound: number;
  /** True when R is at or beyond the radius of convergence of the series (C = +∞). */
  readonly divergent: boolean;
}

/** Stop summing once the tail is below this fraction of the partial sum. */
const RELATIVE_TAIL = 1e-16;
/** Largest number of terms summed (R very close to the radius needs many). */
const MAX_TERMS = 2_000_000;

const DIVERGENT: ComplexityValue = Object.freeze({ log: Infinity, value: Infinity, terms: 0, relativeTailBound: 0, divergent: true });

/**
 * 1 + Σ_{i≥1} e^{logTerm(i)} in log space (a running maximum rescales the f64 sum), truncated by `logTail(n)` (a bound on the log of
 * the sum of the terms i > n) or at `degree` for finite series.
 */
function sumWithTail(logTerm: (i: number) => number, logTail: (n: number) => number, degree: number | undefined): ComplexityValue {
  // running sum e^{scale}·sum, rescaled when a larger term arrives (plain f64 accumulation)
  let scale = 0;
  let sum = 1; // the leading 1
  const last = degree ?? MAX_TERMS;
  let n = 0;
  let tail = Infinity;
  let logSum = 0;
  while (n < last) {
    n++;
    const t = logTerm(n);
    if (t > scale) {
      sum = sum * portableExp(scale - t) + 1;
      scale = t;
    } else {
      sum += portableExp(t - scale);
    }
    logSum = scale + naturalLog(sum);
    if (degree !== undefined) continue; // a finite series is summed to its last term
    tail = logTail(n);
    if (tail - logSum <= naturalLog(RELATIVE_TAIL)) break;
  }
  if (degree !== undefined) tail = -Infinity;
  return Object.freeze({
    log: logSum,
    value: portableExp(logSum),
    terms: n,
    relativeTailBound: portableExp(tail - logSum),
    divergent: false,
  });
}

function assertRadiusArgument(R: number): void {
  assertFiniteNumber('R', R);
  if (R < 0) throw new InvalidArgumentError(`R is a norm bound and must be >= 0, got ${R}`);
}

function assertPsi(psi: AnalyticFunction): void {
  if (psi === null || typeof psi !== 'object' || typeof psi.logAbsCoefficient !== 'function') {
    throw new InvalidArgumentError('ψ must be an AnalyticFunction with Taylor coefficients (see psi-catalog: polynomial, customFunction, …)');
  }
}

/**
 * C(ψ, R) = 1 + Σ_{i≥1} i·|c_i|·R^i (eq. 6, docs/theory.md#function-complexity), with log C; +∞ for R ≥ radius(ψ).
 * Examples: C(arctan(z/2), R) = 1 + 2R/(4 − R²) for R < 2; C(exp, R) = 1 + R·e^R.
 *
 * Docs: docs/theory.md#function-complexity.
 *
 * @example
 * ```ts
 * import { arctanFunction, functionComplexity } from 'rnn-ntk';
 *
 * console.log(functionComplexity(arctanFunction(2), 1).value); // 1 + 2R/(4 − R²) = 5/3 (Example 2.1)
 * console.log(functionComplexity(arctanFunction(2), 2).value); // Infinity: R reaches the radius
 * ```
 */
export function functionComplexity(psi: AnalyticFunction, R: number): ComplexityValue {
  assertPsi(psi);
  assertRadiusArgument(R);
  if (R >= psi.radius) return DIVERGENT;
  if (R === 0) return sumWithTail(() => -Infinity, () => -Infinity, 0);
  const logR = naturalLog(R);
  return sumWithTail(
    (i) => naturalLog(i) + psi.logAbsCoefficient(i) + i * logR,
    (n) => psi.logTailBound(n, 1, R),
    psi.degree,
  );
}

/**
 * log C_{N,i}: the largest multinomial coefficient i!/(n_1!⋯n_N!) with Σ n_k = i and n_k ≥ 1
 * (n_k ≥ 0 when i < N). It is attained by the most balanced split (n_k ∈ {⌊i/N⌋, ⌈i/N⌉}),
 * which has every n_k ≥ 1 when i ≥ N; for i < N it is i! (n_k ∈ {0, 1}).
 */
export function logMaxMultinomial(N: number, i: number): number {
  assertInteger('N', N, 1);
  assertInteger('i', i, 0);
  const q = Math.floor(i / N);
  const r = i - q * N;
  return logFactorial(i) - r * logFactorial(q + 1) - (N - r) * logFactorial(q);
}

/** Parameters of C_N (eq. 8): the number of variables N, the length L, the constant C1. */
export interface ComplexityNOptions {
  /** Number of variables N ≥ 1 (positions l_1..l_N). */
  readonly N: number;
  /** Sequence length L ≥ 1. */
  readonly L: number;
  /** The paper's constant C1 (> 100 there); default 100. Must be > 0. */
  readonly C1?: number;
}

/** The constant C1 of C_N (default 100), validated: InvalidArgumentError unless a finite number > 0. */
export function resolveC1(C1: number | undefined): number {
  const value = C1 ?? 100;
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new InvalidArgumentError(`C1 must be a finite number > 0 (the paper takes C1 > 100), got ${String(value)}`);
  }
  return value;
}

/**
 * C_N(ψ, R) = 1 + Σ_{i≥1} L^{1.5N}·C1^N·√(C_{N,i})·(i/N)^N·|c_i|·R^i (docs/theory.md#function-complexity), with log C_N.
 * Since C_{N,i} ≤ N^i with C_{N,i}^{1/i} → N, the series converges only for √N·R < radius(ψ):
 * at or beyond that it is +∞. Tail bound: term_i ≤ L^{1.5N}C1^N N^{−N}·i^N|c_i|(√N R)^i.
 * Throws InvalidArgumentError for C1 ≤ 0 or non-integer N, L.
 *
 * Docs: docs/theory.md#function-complexity.
 *
 * @example
 * ```ts
 * import { expFunction, functionComplexityN } from 'rnn-ntk';
 *
 * const c = functionComplexityN(expFunction, 1, { N: 2, L: 4 });
 * console.log(c.log); // log C_N: the value itself overflows quickly
 * ```
 */
export function functionComplexityN(psi: AnalyticFunction, R: number, opts: ComplexityNOptions): ComplexityValue {
  assertPsi(psi);
  assertRadiusArgument(R);
  const { N, L } = opts;
  assertInteger('N', N, 1);
  assertInteger('L', L, 1);
  const C1 = resolveC1(opts.C1);
  const rootN = Math.sqrt(N);
  if (rootN * R >= psi.radius) return DIVERGENT;
  if (R === 0) return sumWithTail(() => -Infinity, () => -Infinity, 0);
  const logConst = 1.5 * N * naturalLog(L) + N * naturalLog(C1);
  const logR = naturalLog(R);
  const logN = naturalLog(N);
  return sumWithTail(
    (i) => logConst + 0.5 * logMaxMultinomial(N, i) + N * (naturalLog(i) - logN) + psi.logAbsCoefficient(i) + i * logR,
    (n) => logConst - N * logN + psi.logTailBound(n, N, rootN * R),
    psi.degree,
  );
}
