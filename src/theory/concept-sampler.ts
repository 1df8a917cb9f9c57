/**
 * Seeded samplers for the concept classes (docs/theory.md#concept-classes, eq. 9 and 11): random targets (ψ's from
 * the catalogue, β uniform on the sphere of radius ‖β‖ ≤ 1, chosen positions), inputs with
 * token norms uniform in [C_min, C_max], and labelled data sets y = sign F*(x) with the
 * margin handling of docs/theory.md#margins — rescale F* so that min |F*| = margin on the sample, or reject
 * draws with |F*| below a threshold — reporting the margin achieved and the rejection rate.
 */
import { dataset, sequenceBatch, type Dataset, type SequenceBatch } from '../data/sequences.js';
import { InvalidArgumentError } from '../errors.js';
import type { Rng } from '../random/rng.js';
import { assertInteger, assertPositive } from '../validate.js';
import {
  assertNormRange,
  assertTarget,
  evaluateTarget,
  scaleTarget,
  targetComplexity,
  type AdditiveTarget,
  type ConceptTarget,
  type NVariableTarget,
  type NormRange,
  type TargetComplexity,
} from './concept-classes.js';
import type { AnalyticFunction } from './psi-catalog.js';
import { signLabel } from './zero-one.js';
import { minAbs } from '../numeric/min-abs.js';

/** Scales `v` in place to Euclidean norm `norm`; returns false (v untouched) when v = 0. */
function scaleToNorm(v: Float64Array, norm: number): boolean {
  let s = 0;
  for (const t of v) s += t * t;
  if (!(s > 0)) return false;
  const f = norm / Math.sqrt(s);
  for (let k = 0; k < v.length; k++) v[k] *= f;
  return true;
}

/** A vector of `dim` entries, uniform in direction, with Euclidean norm `norm`. */
export function randomDirection(rng: Rng, dim: number, norm = 1): Float64Array {
  assertInteger('dim', dim, 1);
  for (;;) {
    const v = rng.normal(dim);
    if (scaleToNorm(v, norm)) return v;
  }
}

/** n sequences of L tokens in R^d: each token uniform in direction with norm uniform in [Cmin, Cmax]. */
export function sampleSequences(rng: Rng, n: number, L: number, d: number, range: NormRange): SequenceBatch {
  assertInteger('n', n, 0);
  assertInteger('L', L, 1);
  assertInteger('d', d, 1);
  assertNormRange(range);
  const data = rng.normal(n * L * d);
  const norms = rng.uniform(n * L);
  for (let t = 0; t < n * L; t++) {
    const target = range.Cmin + (range.Cmax - range.Cmin) * norms[t];
    const token = data.subarray(t * d, (t + 1) * d);
    // an all-zero Gaussian draw (probability 0) is replaced by a fresh direction
    if (!scaleToNorm(token, target)) token.set(randomDirection(rng, d, target));
  }
  return sequenceBatch(n, L, d, data);
}

/** What both target samplers are given: the sequence shape and ‖β‖ of every term. */
export interface TargetShapeOptions {
  /** Sequence length L ≥ 1. */
  readonly L: number;
  /** Token width d ≥ 1. */
  readonly d: number;
  /** ‖β‖ of every term, in (0, 1]; default 1. */
  readonly betaNorm?: number;
}

/** Validates L and d and returns ‖β‖ (default 1; it must lie in (0, 1], eq. 9/11). */
function betaNormOf(opts: TargetShapeOptions): number {
  assertInteger('L', opts.L, 1);
  assertInteger('d', opts.d, 1);
  const betaNorm = opts.betaNorm ?? 1;
  if (!(betaNorm > 0 && betaNorm <= 1)) throw new InvalidArgumentError(`betaNorm must lie in (0, 1] (eq. 9/11: ‖β‖ ≤ 1), got ${betaNorm}`);
  return betaNorm;
}

/** The ψ of each term: the one ψ given, or the caller's chooser. */
function psiChooser<A extends unknown[]>(psi: AnalyticFunction | ((...at: A) => AnalyticFunction)): (...at: A) => AnalyticFunction {
  return typeof psi === 'function' ? psi : () => psi;
}

/** Options of {@link sampleAdditiveTarget}. */
export interface AdditiveTargetOptions extends TargetShapeOptions {
  /** One ψ for every term, or ψ per (step l, term r). */
  readonly psi: AnalyticFunction | ((step: number, r: number) => AnalyticFunction);
  /** Terms per step (C_l of eq. 9); default 1. */
  readonly termsPerStep?: number;
  /** The steps l that carry terms; default all of 1..L. */
  readonly steps?: readonly number[];
}

/**
 * A random additive target (eq. 9): β_{l,r} uniform on the sphere of radius betaNorm.
 *
 * F*(x) = Σ_l Σ_r ψ_{l,r}(β_{l,r}ᵀ X_l / ‖X_l‖) (eq. 9; docs/theory.md#concept-classes).
 *
 * @example
 * ```ts
 * import { evaluateTarget, Rng, sampleAdditiveTarget, sinFunction } from 'rnn-ntk';
 *
 * const target = sampleAdditiveTarget(new Rng(1), { L: 3, d: 2, psi: sinFunction });
 * console.log(evaluateTarget(target, [[[1, 0], [0.5, -1], [2, 1]]])); // F*(x)
 * ```
 */
export function sampleAdditiveTarget(rng: Rng, opts: AdditiveTargetOptions): AdditiveTarget {
  const betaNorm = betaNormOf(opts);
  const { L, d } = opts;
  const perStep = opts.termsPerStep ?? 1;
  assertInteger('termsPerStep', perStep, 1);
  const steps = opts.steps ?? Array.from({ length: L }, (_, t) => t + 1);
  const psiAt = psiChooser(opts.psi);
  const terms = steps.flatMap((step) =>
    Array.from({ length: perStep }, (_, r) => ({ step, psi: psiAt(step, r), beta: randomDirection(rng, d, betaNorm) })),
  );
  const target: AdditiveTarget = { kind: 'additive', L, d, terms };
  assertTarget(target);
  return target;
}

/** Options of {@link sampleNVariableTarget}. */
export interface NVariableTargetOptions extends TargetShapeOptions {
  /** The positions l_1..l_N ∈ [1, L], distinct. */
  readonly positions: readonly number[];
  /** One ψ for every term, or ψ per term r. */
  readonly psi: AnalyticFunction | ((r: number) => AnalyticFunction);
  /** Number of terms r; default 1. */
  readonly terms?: number;
}

/** A random N-variable target (eq. 11): β_r ∈ R^{dN} uniform on the sphere of radius betaNorm. */
export function sampleNVariableTarget(rng: Rng, opts: NVariableTargetOptions): NVariableTarget {
  const betaNorm = betaNormOf(opts);
  const { L, d, positions } = opts;
  const count = opts.terms ?? 1;
  assertInteger('terms', count, 1);
  const psiAt = psiChooser(opts.psi);
  const terms = Array.from({ length: count }, (_, r) => ({ psi: psiAt(r), beta: randomDirection(rng, d * positions.length, betaNorm) }));
  const target: NVariableTarget = { kind: 'n-variable', L, d, positions: [...positions], terms };
  assertTarget(target);
  return target;
}

/**
 * How the margin y·F*(x) ≥ γ of the theorems is enforced (docs/theory.md#margins):
 * 'rescale': F* is multiplied by γ / min_i |F*(x_i)| on the sample (C(F*) grows accordingly);
 * 'reject': draws with |F*(x)| < threshold are discarded (threshold 0 drops only F* = 0).
 */
export type MarginPolicy =
  | {
      /** Rescale F* to the margin. */
      readonly mode: 'rescale';
      /** The margin γ > 0 reached by min_i |F*(x_i)| after rescaling. */
      readonly margin: number;
    }
  | {
      /** Reject draws below the threshold. */
      readonly mode: 'reject';
      /** Draws with |F*(x)| < threshold (≥ 0) are discarded. */
      readonly threshold: number;
    };

/** Options of {@link sampleConceptData}. */
export interface ConceptSampleOptions extends NormRange {
  /** Number of labelled sequences. */
  readonly n: number;
  /** Margin policy; default {mode: 'rescale', margin: 1} (the theorems' y·F* ≥ 1). */
  readonly margin?: MarginPolicy;
  /** 'reject' gives up (InvalidArgumentError) after this many draws; default 1000 + 100·n. */
  readonly maxDraws?: number;
  /** C1 of C_N (N-variable complexity); default 100. */
  readonly C1?: number;
}

/** A labelled sample of a concept class with its complexity and margin report. */
export interface ConceptSample {
  /** x, y = sign F*(x), fstar = F*(x) (of the returned, possibly rescaled, target). */
  readonly data: Dataset;
  /** The target that labels `data` (rescaled when margin.mode = 'rescale'). */
  readonly target: ConceptTarget;
  /** C(F*) of the returned target for the norm range (eq. 10 / 12). */
  readonly complexity: TargetComplexity;
  /** min_i |F*(x_i)| = min_i y_i·F*(x_i) on the sample. */
  readonly marginAchieved: number;
  /** Fraction of draws rejected (0 for 'rescale'). */
  readonly rejectionRate: number;
  /** Number of sequences examined (accepted + rejected). */
  readonly draws: number;
  /** Factor F* was multiplied by (1 for 'reject'). */
  readonly scale: number;
}

function labelled(x: SequenceBatch, fstar: Float64Array): Dataset {
  return dataset(x, Array.from(fstar, signLabel), fstar);
}

/**
 * Draws a labelled data set of `target` with inputs from {@link sampleSequences} and the
 * chosen margin policy. Throws InvalidArgumentError when the rejection rate makes the
 * request impossible within maxDraws, or when rescaling meets F* = 0.
 *
 * Docs: docs/theory.md#margins.
 *
 * @example
 * ```ts
 * import { Rng, sampleAdditiveTarget, sampleConceptData, sinFunction } from 'rnn-ntk';
 *
 * const rng = new Rng(7);
 * const target = sampleAdditiveTarget(rng, { L: 4, d: 2, psi: sinFunction });
 * const s = sampleConceptData(rng, target, { n: 50, Cmin: 0.5, Cmax: 2, margin: { mode: 'reject', threshold: 0.1 } });
 * console.log(s.data.x.n, s.rejectionRate, s.complexity.log);
 * ```
 */
export function sampleConceptData(rng: Rng, target: ConceptTarget, opts: ConceptSampleOptions): ConceptSample {
  assertTarget(target);
  const { n } = opts;
  assertInteger('n', n, 1);
  assertNormRange(opts);
  const policy = opts.margin ?? { mode: 'rescale', margin: 1 };
  const { L, d } = target;
  const complexityOf = (t: ConceptTarget) => targetComplexity(t, opts, { C1: opts.C1 });
  if (policy.mode === 'rescale') {
    assertPositive('margin', policy.margin);
    const x = sampleSequences(rng, n, L, d, opts);
    const smallest = minAbs(evaluateTarget(target, x));
    if (!(smallest > 0)) throw new InvalidArgumentError('F* vanishes on a drawn sequence: cannot rescale to a margin; use mode "reject"');
    const scale = policy.margin / smallest;
    const scaled = scaleTarget(target, scale);
    const fstar = evaluateTarget(scaled, x);
    return Object.freeze({
      data: labelled(x, fstar), target: scaled, complexity: complexityOf(scaled),
      marginAchieved: minAbs(fstar), rejectionRate: 0, draws: n, scale,
    });
  }
  if (policy.mode !== 'reject') throw new InvalidArgumentError(`margin.mode must be 'rescale' or 'reject', got ${String((policy as { mode: unknown }).mode)}`);
  const { threshold } = policy;
  if (!(threshold >= 0) || !Number.isFinite(threshold)) throw new InvalidArgumentError(`margin threshold must be a finite number >= 0, got ${threshold}`);
  const maxDraws = opts.maxDraws ?? 1000 + 100 * n;
  const size = L * d;
  const kept = new Float64Array(n * size);
  const keptF = new Float64Array(n);
  let accepted = 0;
  let rejected = 0;
  while (accepted < n) {
    const draws = accepted + rejected;
    if (draws >= maxDraws) {
      throw new InvalidArgumentError(
        `only ${accepted} of ${n} draws had |F*| ≥ ${threshold} after ${draws} draws; lower the threshold or raise maxDraws`,
      );
    }
    const batch = Math.min(Math.max(2 * (n - accepted), 16), maxDraws - draws);
    const x = sampleSequences(rng, batch, L, d, opts);
    const f = evaluateTarget(target, x);
    // draws left in the last batch after the n-th acceptance are discarded unexamined
    for (let i = 0; i < batch && accepted < n; i++) {
      if (Math.abs(f[i]) >= threshold && f[i] !== 0) {
        kept.set(x.data.subarray(i * size, (i + 1) * size), accepted * size);
        keptF[accepted++] = f[i];
      } else {
        rejected++;
      }
    }
  }
  const draws = accepted + rejected;
  const x = sequenceBatch(n, L, d, kept);
  return Object.freeze({
    data: labelled(x, keptF), target, complexity: complexityOf(target),
    marginAchieved: minAbs(keptF), rejectionRate: rejected / draws, draws, scale: 1,
  });
}
