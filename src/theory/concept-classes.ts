/**
 * The concept classes of the paper (docs/theory.md#concept-classes): additive targets (eq. 9) and N-variable
 * targets (eq. 11), their evaluation on sequences, and their complexities C(F*) (eq. 10, 12).
 *
 *   additive    F*(x) = Σ_l Σ_r ψ_{l,r}(β_{l,r}ᵀX_l / ‖X_l‖),                                  ‖β‖ ≤ 1
 *   N-variable  F*(x) = Σ_r ψ_r(⟨β_r, [X_{l_1}; …; X_{l_N}]⟩ / (√N·max_n ‖X_{l_n}‖)),       β_r ∈ R^{dN}
 */
import { asSequenceBatch, assertSequenceBatch, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { assertFinite, assertInteger } from '../validate.js';
import { functionComplexity, functionComplexityN, resolveC1, type ComplexityValue } from './function-complexity.js';
import { linearCombination, type AnalyticFunction } from './psi-catalog.js';
import { exactPowerOfTwo } from '../numeric/float-bits.js';
import { naturalLog } from '../numeric/natural-log.js';
import { portableExp } from '../numeric/portable-exp.js';

/** One term ψ(βᵀX_l/‖X_l‖) of an additive target; `step` is l ∈ [1, L]. */
export interface AdditiveTerm {
  /** The step l ∈ [1, L] whose token X_l the term reads. */
  readonly step: number;
  /** The analytic link ψ. */
  readonly psi: AnalyticFunction;
  /** β ∈ R^d with ‖β‖ ≤ 1. */
  readonly beta: Float64Array;
}

/** An additive target of eq. 9 on sequences of L steps of d features. */
export interface AdditiveTarget {
  /** Marks the additive class (eq. 9). */
  readonly kind: 'additive';
  /** Sequence length L. */
  readonly L: number;
  /** Token width d. */
  readonly d: number;
  /** The terms ψ_{l,r}(β_{l,r}ᵀX_l/‖X_l‖), summed. */
  readonly terms: readonly AdditiveTerm[];
}

/** One term ψ_r(⟨β_r, [X_{l_1}; …; X_{l_N}]⟩ / (√N·max‖X_{l_n}‖)) of an N-variable target. */
export interface NVariableTerm {
  /** The analytic link ψ_r. */
  readonly psi: AnalyticFunction;
  /** β_r ∈ R^{dN} with ‖β_r‖ ≤ 1, block n multiplying X_{l_n}. */
  readonly beta: Float64Array;
}

/** An N-variable target of eq. 11. */
export interface NVariableTarget {
  /** Marks the N-variable class (eq. 11). */
  readonly kind: 'n-variable';
  /** Sequence length L. */
  readonly L: number;
  /** Token width d. */
  readonly d: number;
  /** The positions l_1..l_N ∈ [1, L], distinct. */
  readonly positions: readonly number[];
  /** The terms ψ_r(…), summed. */
  readonly terms: readonly NVariableTerm[];
}

/** A target of either concept class. */
export type ConceptTarget = AdditiveTarget | NVariableTarget;

function norm(v: ArrayLike<number>, from: number, len: number): number {
  let s = 0;
  for (let k = 0; k < len; k++) s += v[from + k] * v[from + k];
  return Math.sqrt(s);
}

/** Validates a target's shape: steps in range, β of the right length and ‖β‖ ≤ 1. */
export function assertTarget(target: ConceptTarget): void {
  if (target === null || typeof target !== 'object' || (target.kind !== 'additive' && target.kind !== 'n-variable')) {
    throw new InvalidArgumentError("a target must be {kind: 'additive' | 'n-variable', …}; draw one with sampleAdditiveTarget / sampleNVariableTarget");
  }
  if (!Array.isArray(target.terms)) throw new InvalidArgumentError('target.terms must be an array of {psi, beta} terms');
  assertInteger('target.L', target.L, 1);
  assertInteger('target.d', target.d, 1);
  if (target.terms.length === 0) throw new InvalidArgumentError('the target has no terms');
  const betaLength = target.kind === 'additive' ? target.d : target.d * target.positions.length;
  if (target.kind === 'n-variable') {
    if (target.positions.length === 0) throw new InvalidArgumentError('an N-variable target needs positions l_1..l_N (N ≥ 1)');
    if (new Set(target.positions).size !== target.positions.length) {
      throw new InvalidArgumentError(`positions must be distinct, got [${target.positions.join(', ')}]`);
    }
    for (const l of target.positions) assertInteger(`position (1..${target.L})`, l, 1);
    if (Math.max(...target.positions) > target.L) throw new InvalidArgumentError(`positions must lie in [1, ${target.L}]`);
  }
  target.terms.forEach((t, r) => {
    if (t.psi === undefined || typeof t.psi.logAbsCoefficient !== 'function') {
      throw new InvalidArgumentError(`term ${r} has no ψ with Taylor coefficients`);
    }
    const step = target.kind === 'additive' ? (t as AdditiveTerm).step : 1;
    if (!Number.isInteger(step) || step < 1 || step > target.L) {
      throw new InvalidArgumentError(`term ${r} sits at step ${step}; steps must be integers in [1, ${target.L}]`);
    }
    if (typeof t.beta?.length !== 'number' || t.beta.length !== betaLength) {
      throw new ShapeError(`term ${r}: β needs ${betaLength} entries, got ${t.beta?.length}`);
    }
    assertFinite(`term ${r} β`, t.beta);
    if (norm(t.beta, 0, betaLength) > 1 + 1e-12) throw new InvalidArgumentError(`term ${r}: ‖β‖ must be ≤ 1 (eq. 9/11)`);
  });
}

/** F*(x_i) for every sequence of `x` (eq. 9 or 11). Throws ShapeError on mismatched L or d. */
export function evaluateTarget(target: ConceptTarget, sequences: Sequences): Float64Array {
  const x = asSequenceBatch(sequences);
  assertTarget(target);
  assertSequenceBatch('x', x);
  if (x.L !== target.L || x.d !== target.d) {
    throw new ShapeError(`the target is for sequences of ${target.L}×${target.d}, got ${x.L}×${x.d}`);
  }
  const { L, d } = x;
  const out = new Float64Array(x.n);
  for (let i = 0; i < x.n; i++) {
    const base = i * L * d;
    let f = 0;
    if (target.kind === 'additive') {
      for (const t of target.terms) {
        const off = base + (t.step - 1) * d;
        const len = norm(x.data, off, d);
        let dot = 0;
        for (let k = 0; k < d; k++) dot += t.beta[k] * x.data[off + k];
        f += t.psi.value(len === 0 ? 0 : dot / len);
      }
    } else {
      const N = target.positions.length;
      let maxNorm = 0;
      for (const l of target.positions) maxNorm = Math.max(maxNorm, norm(x.data, base + (l - 1) * d, d));
      const denom = Math.sqrt(N) * maxNorm;
      for (const t of target.terms) {
        let dot = 0;
        target.positions.forEach((l, nIdx) => {
          for (let k = 0; k < d; k++) dot += t.beta[nIdx * d + k] * x.data[base + (l - 1) * d + k];
        });
        f += t.psi.value(denom === 0 ? 0 : dot / denom);
      }
    }
    out[i] = f;
  }
  return out;
}

/** The same target with every ψ multiplied by s (F* → s·F*). */
export function scaleTarget<T extends ConceptTarget>(target: T, s: number): T {
  const scale = (psi: AnalyticFunction) => linearCombination([{ weight: s, psi }]);
  return { ...target, terms: target.terms.map((t) => ({ ...t, psi: scale(t.psi) })) } as T;
}

/** C(F*) with its ingredients. For additive targets only `viaC` is present. */
export interface TargetComplexity {
  /** log C(F*). */
  readonly log: number;
  /** C(F*) (+∞ when divergent or beyond f64). */
  readonly value: number;
  /** log of L^{3.5}·Σ C(ψ, R) with R = C0√L (additive) or 2^{l0}·C0√L (N-variable). */
  readonly logViaC: number;
  /** log of L²·Σ_r C_N(ψ_r, C0√L) (N-variable only). */
  readonly logViaCN?: number;
  /** The per-term complexities that were summed. */
  readonly terms: readonly ComplexityValue[];
}

/** Input-norm range C_min ≤ ‖X_l‖ ≤ C_max of the concept class; C0 = C_max/C_min. */
export interface NormRange {
  /** Smallest token norm C_min > 0. */
  readonly Cmin: number;
  /** Largest token norm C_max ≥ C_min. */
  readonly Cmax: number;
}

/** Largest accepted input norm C_max: its square times any L·d < 10⁸ stays far below f64's 1.8e308. */
export const MAX_INPUT_NORM = 1e150;

/** Throws InvalidArgumentError unless 0 < Cmin ≤ Cmax ≤ MAX_INPUT_NORM (1e150). */
export function assertNormRange(range: NormRange): void {
  const { Cmin, Cmax } = range;
  if (!(Cmin > 0) || !(Cmax >= Cmin) || !Number.isFinite(Cmax)) {
    throw new InvalidArgumentError(`input norms need 0 < Cmin ≤ Cmax < ∞, got Cmin = ${Cmin}, Cmax = ${Cmax}`);
  }
  if (Cmax > MAX_INPUT_NORM) {
    throw new InvalidArgumentError(
      `Cmax = ${Cmax} is beyond ${MAX_INPUT_NORM}: squared norms and the sums over L·d of them would overflow f64; use norms of order 1`,
    );
  }
}

function logSum(logs: readonly number[]): number {
  const m = Math.max(...logs);
  if (!Number.isFinite(m)) return m;
  return m + naturalLog(logs.reduce((s, v) => s + portableExp(v - m), 0));
}

/**
 * C(F*) of a target (docs/theory.md#concept-classes):
 *   additive:   L^{3.5}·Σ_{l,r} C(ψ_{l,r}, C0√L)                                    (eq. 10)
 *   N-variable: min(L²·Σ_r C_N(ψ_r, C0√L), L^{3.5}·Σ_r C(ψ_r, 2^{l0}·C0√L)),
 *               l0 = max(l_n) − min(l_n)                                             (eq. 12)
 * C1 (default 100) enters C_N; C1 ≤ 0 throws InvalidArgumentError.
 *
 * @example
 * ```ts
 * import { Rng, sampleAdditiveTarget, sinFunction, targetComplexity } from 'rnn-ntk';
 *
 * const target = sampleAdditiveTarget(new Rng(1), { L: 4, d: 2, psi: sinFunction });
 * console.log(targetComplexity(target, { Cmin: 0.5, Cmax: 2 }).value); // C(F*) of eq. 10
 * ```
 */
export function targetComplexity(target: ConceptTarget, range: NormRange, opts: { readonly C1?: number } = {}): TargetComplexity {
  assertTarget(target);
  assertNormRange(range);
  const C1 = resolveC1(opts.C1);
  const L = target.L;
  const R = (range.Cmax / range.Cmin) * Math.sqrt(L);
  if (target.kind === 'additive') {
    const terms = target.terms.map((t) => functionComplexity(t.psi, R));
    const logViaC = 3.5 * naturalLog(L) + logSum(terms.map((c) => c.log));
    return Object.freeze({ log: logViaC, value: portableExp(logViaC), logViaC, terms });
  }
  const N = target.positions.length;
  const l0 = Math.max(...target.positions) - Math.min(...target.positions);
  const viaCN = target.terms.map((t) => functionComplexityN(t.psi, R, { N, L, C1 }));
  const viaC = target.terms.map((t) => functionComplexity(t.psi, exactPowerOfTwo(l0) * R));
  const logViaCN = 2 * naturalLog(L) + logSum(viaCN.map((c) => c.log));
  const logViaC = 3.5 * naturalLog(L) + logSum(viaC.map((c) => c.log));
  const log = Math.min(logViaCN, logViaC);
  return Object.freeze({ log, value: portableExp(log), logViaC, logViaCN, terms: [...viaCN, ...viaC] });
}
