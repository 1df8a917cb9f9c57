/**
 * The analytic link functions ψ(z) = Σ_i c_i z^i of the concept classes (docs/theory.md#concept-classes), each given
 * by its Taylor coefficients, its radius of convergence and a bound on the tails of its
 * weighted coefficient series — what the function complexities C(ψ, R) and C_N(ψ, R) need to
 * be summed with a stated error. Catalogue: polynomials, exp, sin, cos, sinh, cosh,
 * arctan(z/a), user-supplied series, and the combinators ψ(a·z) and Σ_k w_k ψ_k.
 */
import { InvalidArgumentError } from '../errors.js';
import { logAddExp, logFactorial } from '../numeric/log-factorial.js';
import { naturalLog } from '../numeric/natural-log.js';
import { portableAtan } from '../numeric/portable-atan.js';
import { portableExp } from '../numeric/portable-exp.js';
import { portableCosh, portableSinh } from '../numeric/portable-hyperbolic.js';
import { portableLog1p } from '../numeric/portable-log1p.js';
import { portableCos, portableSin } from '../numeric/portable-sincos.js';
import { assertFiniteNumber, assertInteger } from '../validate.js';

/** An analytic ψ(z) = Σ_i c_i z^i with what the complexity sums need. */
export interface AnalyticFunction {
  /** A readable name, e.g. 'sin(2z) + poly(−0.25, 0, 0.5)'. */
  readonly name: string;
  /** Radius of convergence of the Taylor series at 0 (Infinity for entire functions). */
  readonly radius: number;
  /** The degree when ψ is a polynomial (the series is finite), else undefined. */
  readonly degree?: number;
  /** The Taylor coefficient c_i (may under/overflow for large i: use logAbsCoefficient). */
  coefficient(i: number): number;
  /** log|c_i|, −∞ when c_i = 0; finite where c_i itself would under/overflow. */
  logAbsCoefficient(i: number): number;
  /** The sign of c_i: −1, 0 or 1. */
  coefficientSign(i: number): number;
  /** ψ(z) for |z| < radius. */
  value(z: number): number;
  /**
   * An upper bound on log Σ_{i>n} i^p·|c_i|·R^i for 0 ≤ R < radius and p ≥ 0 (−∞ if the tail
   * is empty); +∞ when no bound is available yet at this n (take more terms).
   */
  logTailBound(n: number, p: number, R: number): number;
}

/**
 * How fast |c_i| decays, for the tail bounds of user-supplied ψ (for every i ≥ 1; checked
 * on each coefficient used): 'entire': |c_i| ≤ M·s^i / i!;  'radius': |c_i| ≤ M·i^k / radius^i.
 */
export type CoefficientBound =
  | {
      /** |c_i| ≤ M·s^i / i! (entire ψ). */
      readonly kind: 'entire';
      /** The constant M > 0. */
      readonly M: number;
      /** The growth s > 0. */
      readonly s: number;
    }
  | {
      /** |c_i| ≤ M·i^k / radius^i (finite radius). */
      readonly kind: 'radius';
      /** The constant M > 0. */
      readonly M: number;
      /** The polynomial exponent k (any finite number). */
      readonly k: number;
    };

/**
 * log Σ_{i>n} u_i ≤ log(u_{n+1}/(1 − θ)) for terms whose ratios u_{i+1}/u_i (i > n) are all
 * at most θ (a geometric majorant); +∞ when θ ≥ 1 (take more terms first).
 */
function geometricTail(logFirst: number, theta: number): number {
  if (!(theta < 1)) return Infinity;
  return logFirst - portableLog1p(-theta);
}

/**
 * The tail bound implied by a CoefficientBound, for u_i = i^p·|c_i|·R^i:
 * 'entire' (|c_i| ≤ M s^i/i!): u_{i+1}/u_i ≤ ((i+1)/i)^p·sR/(i+1), largest at i = n+1;
 * 'radius' (|c_i| ≤ M i^k/ρ^i): u_{i+1}/u_i ≤ ((i+1)/i)^{p+k}·R/ρ, at most
 * (R/ρ)·((n+2)/(n+1))^{max(p+k, 0)} for i > n.
 */
function envelopeTail(bound: CoefficientBound, radius: number): (n: number, p: number, R: number) => number {
  const logM = naturalLog(bound.M);
  if (bound.kind === 'entire') {
    const s = bound.s;
    return (n, p, R) => {
      if (R === 0) return -Infinity;
      const i = n + 1;
      const logFirst = logM + p * naturalLog(i) + i * naturalLog(s * R) - logFactorial(i);
      return geometricTail(logFirst, portableExp(p * portableLog1p(1 / i)) * ((s * R) / (i + 1)));
    };
  }
  const k = bound.k;
  return (n, p, R) => {
    if (R === 0) return -Infinity;
    const i = n + 1;
    const q = R / radius;
    const logFirst = logM + (p + k) * naturalLog(i) + i * naturalLog(q);
    return geometricTail(logFirst, q * portableExp(Math.max(p + k, 0) * portableLog1p(1 / i)));
  };
}

function checkIndex(i: number): void {
  assertInteger('coefficient index i', i, 0);
}

interface SeriesSpec {
  name: string;
  radius: number;
  degree?: number;
  logAbs: (i: number) => number;
  sign: (i: number) => number;
  value: (z: number) => number;
  tail: (n: number, p: number, R: number) => number;
}

function series(spec: SeriesSpec): AnalyticFunction {
  return Object.freeze({
    name: spec.name,
    radius: spec.radius,
    ...(spec.degree === undefined ? {} : { degree: spec.degree }),
    coefficient(i: number) {
      checkIndex(i);
      return spec.sign(i) * portableExp(spec.logAbs(i));
    },
    logAbsCoefficient(i: number) {
      checkIndex(i);
      return spec.logAbs(i);
    },
    coefficientSign(i: number) {
      checkIndex(i);
      return spec.sign(i);
    },
    value: spec.value,
    logTailBound(n: number, p: number, R: number) {
      assertInteger('n', n, 0);
      return spec.tail(n, p, R);
    },
  });
}

const UNIT_ENTIRE: CoefficientBound = { kind: 'entire', M: 1, s: 1 };

/** Entire series with |c_i| = 1/i! on the indices where `sign` is non-zero. */
function factorialSeries(name: string, sign: (i: number) => number, value: (z: number) => number): AnalyticFunction {
  return series({
    name,
    radius: Infinity,
    logAbs: (i) => (sign(i) === 0 ? -Infinity : -logFactorial(i)),
    sign,
    value,
    tail: envelopeTail(UNIT_ENTIRE, Infinity),
  });
}

/** The coefficient signs of sin and arctan: 0 for even i, (−1)^{(i−1)/2} for odd i. */
const oddAlternatingSign = (i: number): number => (i % 2 === 0 ? 0 : i % 4 === 1 ? 1 : -1);

/** exp z = Σ z^i/i! (entire). */
export const expFunction: AnalyticFunction = factorialSeries('exp', () => 1, portableExp);
/** sin z = Σ (−1)^{(i−1)/2} z^i/i! over odd i (entire). */
export const sinFunction: AnalyticFunction = factorialSeries('sin', oddAlternatingSign, portableSin);
/** cos z = Σ (−1)^{i/2} z^i/i! over even i (entire). */
export const cosFunction: AnalyticFunction = factorialSeries('cos', (i) => (i % 2 === 1 ? 0 : i % 4 === 0 ? 1 : -1), portableCos);
/** sinh z = Σ z^i/i! over odd i (entire). */
export const sinhFunction: AnalyticFunction = factorialSeries('sinh', (i) => i % 2, portableSinh);
/** cosh z = Σ z^i/i! over even i (entire). */
export const coshFunction: AnalyticFunction = factorialSeries('cosh', (i) => 1 - (i % 2), portableCosh);

/**
 * arctan(z/a) = Σ_{i odd} (−1)^{(i−1)/2} z^i/(i·a^i), radius a > 0 (Example 2.1 uses a = 2:
 * C(arctan(z/2), R) = 1 + 2R/(4 − R²)). Bound |c_i| ≤ i^{−1}/a^i.
 */
export function arctanFunction(a: number): AnalyticFunction {
  assertFiniteNumber('a', a);
  if (!(a > 0)) throw new InvalidArgumentError(`arctan(z/a) needs a > 0, got ${a}`);
  return series({
    name: `arctan(z/${a})`,
    radius: a,
    logAbs: (i) => (i % 2 === 0 ? -Infinity : -naturalLog(i) - i * naturalLog(a)),
    sign: oddAlternatingSign,
    value: (z) => portableAtan(z / a),
    tail: envelopeTail({ kind: 'radius', M: 1, k: -1 }, a),
  });
}

/** The polynomial Σ_i coefficients[i]·z^i (entire; the tails beyond its degree are empty). */
export function polynomial(coefficients: readonly number[]): AnalyticFunction {
  if (!Array.isArray(coefficients) || coefficients.length === 0) {
    throw new InvalidArgumentError('a polynomial needs its coefficients [c_0, c_1, …] (at least one)');
  }
  coefficients.forEach((c, i) => assertFiniteNumber(`coefficients[${i}]`, c));
  const c = [...coefficients];
  const degree = c.length - 1;
  const at = (i: number) => (i <= degree ? c[i] : 0);
  return series({
    name: `poly(${c.join(', ')})`,
    radius: Infinity,
    degree,
    logAbs: (i) => naturalLog(Math.abs(at(i))),
    sign: (i) => Math.sign(at(i)),
    value: (z) => c.reduceRight((acc, ci) => acc * z + ci, 0),
    tail: (n, p, R) => {
      let t = -Infinity;
      for (let i = n + 1; i <= degree; i++) {
        if (c[i] !== 0 && R > 0) t = logAddExp(t, p * naturalLog(i) + naturalLog(Math.abs(c[i])) + i * naturalLog(R));
      }
      return t;
    },
  });
}

/** What {@link customFunction} needs: the coefficients, the radius and a decay bound. */
export interface CustomFunctionSpec {
  /** Name used in messages and reports (default 'custom'). */
  readonly name?: string;
  /** c_i for every integer i ≥ 0. */
  readonly coefficient: (i: number) => number;
  /** Radius of convergence (Infinity for entire functions). */
  readonly radius: number;
  /** A valid bound on |c_i| (for the stated truncation error of the complexity sums). */
  readonly bound: CoefficientBound;
  /** ψ(z) in closed form (default: the Taylor series summed to convergence). */
  readonly value?: (z: number) => number;
}

/** A user-supplied analytic ψ. Throws InvalidArgumentError when a piece is missing. */
export function customFunction(spec: CustomFunctionSpec): AnalyticFunction {
  if (spec === null || typeof spec !== 'object' || typeof spec.coefficient !== 'function') {
    throw new InvalidArgumentError('a custom ψ needs its Taylor coefficients: pass coefficient: (i) => c_i');
  }
  if (!(spec.radius > 0)) throw new InvalidArgumentError(`a custom ψ needs its radius of convergence > 0, got ${spec.radius}`);
  const b = spec.bound;
  if (b === undefined || !(b.M > 0) || !Number.isFinite(b.M) ||
    (b.kind === 'entire' ? !(b.s > 0 && Number.isFinite(b.s)) : !(b.kind === 'radius' && Number.isFinite(b.k)))) {
    throw new InvalidArgumentError(
      "a custom ψ needs a coefficient bound: {kind: 'entire', M, s} (|c_i| ≤ M s^i/i!) or {kind: 'radius', M, k} (|c_i| ≤ M i^k/radius^i)",
    );
  }
  if (b.kind === 'radius' && !Number.isFinite(spec.radius)) {
    throw new InvalidArgumentError("a bound of kind 'radius' needs a finite radius; use kind 'entire' for entire ψ");
  }
  const coefficient = (i: number) => {
    const c = spec.coefficient(i);
    if (typeof c !== 'number' || !Number.isFinite(c)) {
      throw new InvalidArgumentError(`the custom ψ's coefficient c_${i} is ${String(c)}; coefficients must be finite numbers`);
    }
    // the tail bounds rest on the stated bound (for i ≥ 1): check it on every coefficient used
    const logBound = b.kind === 'entire'
      ? naturalLog(b.M) + i * naturalLog(b.s) - logFactorial(i)
      : naturalLog(b.M) + b.k * naturalLog(i) - i * naturalLog(spec.radius);
    if (i >= 1 && c !== 0 && naturalLog(Math.abs(c)) > logBound + 1e-12) {
      throw new InvalidArgumentError(`the custom ψ's coefficient c_${i} = ${c} violates its stated bound; fix coefficient or bound`);
    }
    return c;
  };
  const fn: AnalyticFunction = series({
    name: spec.name ?? 'custom',
    radius: spec.radius,
    logAbs: (i) => naturalLog(Math.abs(coefficient(i))),
    sign: (i) => Math.sign(coefficient(i)),
    value: spec.value ?? ((z) => sumSeries(fn, z)),
    tail: envelopeTail(b, spec.radius),
  });
  return fn;
}

/** Most terms {@link sumSeries} takes before giving up. */
const MAX_VALUE_TERMS = 100_000;

/** ψ(z) by its Taylor series, summed until the tail bound is below 1e−17·max(1, |ψ|). */
function sumSeries(psi: AnalyticFunction, z: number): number {
  if (!(Math.abs(z) < psi.radius)) {
    throw new InvalidArgumentError(`${psi.name}(${z}): |z| must be below the radius of convergence ${psi.radius}`);
  }
  let s = 0;
  let power = 1;
  for (let i = 0; i < MAX_VALUE_TERMS; i++) {
    s += psi.coefficient(i) * power;
    power *= z;
    if (psi.logTailBound(i, 0, Math.abs(z)) < naturalLog(1e-17 * Math.max(1, Math.abs(s)))) return s;
  }
  throw new InvalidArgumentError(
    `${psi.name}(${z}): the series did not converge in ${MAX_VALUE_TERMS} terms; pass value: (z) => … in closed form`,
  );
}

/** ψ(a·z): coefficients c_i·a^i, radius radius/|a|. */
export function scaleArgument(psi: AnalyticFunction, a: number): AnalyticFunction {
  assertFiniteNumber('a', a);
  if (a === 0) throw new InvalidArgumentError('scaleArgument needs a ≠ 0 (ψ(0·z) is the constant ψ(0): use a polynomial)');
  const logA = naturalLog(Math.abs(a));
  return series({
    name: `${psi.name}(${a}z)`,
    radius: psi.radius / Math.abs(a),
    ...(psi.degree === undefined ? {} : { degree: psi.degree }),
    logAbs: (i) => psi.logAbsCoefficient(i) + i * logA,
    sign: (i) => psi.coefficientSign(i) * (a < 0 && i % 2 === 1 ? -1 : 1),
    value: (z) => psi.value(a * z),
    tail: (n, p, R) => psi.logTailBound(n, p, Math.abs(a) * R),
  });
}

/** Σ_k w_k·ψ_k: coefficients Σ_k w_k c_i^{(k)}, radius the smallest radius. */
export function linearCombination(terms: ReadonlyArray<{ readonly weight: number; readonly psi: AnalyticFunction }>): AnalyticFunction {
  if (!Array.isArray(terms) || terms.length === 0) throw new InvalidArgumentError('linearCombination needs at least one {weight, psi}');
  terms.forEach(({ weight }, k) => assertFiniteNumber(`terms[${k}].weight`, weight));
  const parts = terms.filter((t) => t.weight !== 0);
  const degrees = parts.map((t) => t.psi.degree);
  const signedLog = (i: number): [number, number] => {
    const logs = parts.map((t) => naturalLog(Math.abs(t.weight)) + t.psi.logAbsCoefficient(i));
    const m = Math.max(-Infinity, ...logs);
    if (m === -Infinity) return [0, -Infinity];
    let s = 0;
    parts.forEach((t, k) => (s += Math.sign(t.weight) * t.psi.coefficientSign(i) * portableExp(logs[k] - m)));
    return [Math.sign(s), m + naturalLog(Math.abs(s))];
  };
  return series({
    name: terms.map((t) => (t.weight === 1 ? t.psi.name : `${t.weight}·${t.psi.name}`)).join(' + '),
    radius: Math.min(Infinity, ...parts.map((t) => t.psi.radius)),
    ...(degrees.every((g) => g !== undefined) ? { degree: Math.max(0, ...(degrees as number[])) } : {}),
    logAbs: (i) => signedLog(i)[1],
    sign: (i) => signedLog(i)[0],
    value: (z) => parts.reduce((acc, t) => acc + t.weight * t.psi.value(z), 0),
    tail: (n, p, R) => parts.reduce((acc, t) => logAddExp(acc, naturalLog(Math.abs(t.weight)) + t.psi.logTailBound(n, p, R)), -Infinity),
  });
}
