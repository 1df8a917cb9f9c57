/**
 * Generalization-bound proxies built on the data-dependent complexity ỹᵀ(H∞)⁻¹ỹ (docs/theory.md#bound-proxies,
 * Theorems 2–3). The theorems hide constants and log factors, so these are proxies with every
 * hidden constant set to 1, never certified numbers; each result says so in `note`.
 */
import { InvalidArgumentError } from '../errors.js';
import { naturalLog } from '../numeric/natural-log.js';
import { assertOptions, assertInteger } from '../validate.js';

/**
 * 'with-roots' (default): Õ(√(ỹᵀH⁻¹ỹ / n)) + O(√(log(1/δ)/n)), the form of Cao & Gu 2019
 * (Cor. 3.10) that Theorem 3 generalises; 'without-roots': Õ(ỹᵀH⁻¹ỹ / n) + O(log(1/δ)/n),
 * the form Remark 3.1's "(L·C*)²/ε steps" fits (docs/theory.md#bound-proxies: which one eq. 17/19 carry is lost).
 */
export type BoundForm = 'with-roots' | 'without-roots';

/** Options of `boundProxies`. */
export interface BoundOptions {
  /** Failure probability δ ∈ (0, 1) of the high-probability bound (default 0.05). */
  readonly delta?: number;
  /** Which form of eq. 17/19 (default 'with-roots'). */
  readonly form?: BoundForm;
}

/** The bound proxies of docs/theory.md#bound-proxies, always next to the raw complexity they come from. */
export interface BoundProxies {
  /** The raw ỹᵀ(H∞)⁻¹ỹ. */
  readonly complexity: number;
  /** Number of training sequences n. */
  readonly n: number;
  /** The failure probability δ used. */
  readonly delta: number;
  /** The form of eq. 17/19 used. */
  readonly form: BoundForm;
  /** √(ỹᵀH⁻¹ỹ / n) (with roots) or ỹᵀH⁻¹ỹ / n (without). */
  readonly complexityTerm: number;
  /** √(log(1/δ)/n) (with roots) or log(1/δ)/n (without). */
  readonly confidenceTerm: number;
  /** complexityTerm + confidenceTerm: the proxy of the 0-1 error bound of Theorems 2–3. */
  readonly bound: number;
  /** √(2 ỹᵀH⁻¹ỹ / n), the leading term of Arora et al. 2019 (Thm 5.1). */
  readonly aroraLeadingTerm: number;
  /** Says that hidden constants and log factors are set to 1. */
  readonly note: string;
}

/**
 * Bound proxies for a complexity ỹᵀ(H∞)⁻¹ỹ on n training sequences (docs/theory.md#bound-proxies):
 * with roots √(c/n) + √(log(1/δ)/n), without roots c/n + log(1/δ)/n, and √(2c/n) (Arora et al.).
 *
 * @example
 * ```ts
 * import { boundProxies } from 'rnn-ntk';
 *
 * const b = boundProxies(40, 1000); // ỹᵀ(H∞)⁻¹ỹ = 40 on n = 1000 sequences
 * console.log(b.bound, b.aroraLeadingTerm, b.note);
 * ```
 */
export function boundProxies(complexity: number, n: number, opts: BoundOptions = {}): BoundProxies {
  assertOptions("boundProxies' options", opts);
  if (typeof complexity !== 'number' || !Number.isFinite(complexity) || complexity < 0) {
    throw new InvalidArgumentError(`complexity ỹᵀH⁻¹ỹ must be a finite number >= 0, got ${String(complexity)}`);
  }
  assertInteger('n (number of training sequences)', n, 1);
  const delta = opts.delta ?? 0.05;
  if (typeof delta !== 'number' || !(delta > 0 && delta < 1)) {
    throw new InvalidArgumentError(`delta must be a probability in (0, 1), got ${String(delta)}`);
  }
  const form = opts.form ?? 'with-roots';
  if (form !== 'with-roots' && form !== 'without-roots') {
    throw new InvalidArgumentError(`form must be 'with-roots' or 'without-roots', got ${String(form)}`);
  }
  const perN = complexity / n;
  const confidence = naturalLog(1 / delta) / n;
  const complexityTerm = form === 'with-roots' ? Math.sqrt(perN) : perN;
  const confidenceTerm = form === 'with-roots' ? Math.sqrt(confidence) : confidence;
  return {
    complexity,
    n,
    delta,
    form,
    complexityTerm,
    confidenceTerm,
    bound: complexityTerm + confidenceTerm,
    aroraLeadingTerm: Math.sqrt(2 * perN),
    note:
      'proxy, not a certified bound: hidden constants and log factors of Theorems 2-3 (and of ' +
      `Arora et al. 2019) are set to 1; form '${form}'; values above 1 are vacuous for a 0-1 error`,
  };
}
