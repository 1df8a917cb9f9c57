/**
 * Named tasks of docs/experiments.md#the-learning-curve-task, shared by the experiments.
 *
 * learning-curve: L = 8, d = 4, an additive target (eq. 9) with one β per step and
 * ψ(z) = sin 2z + z²/2 − 1/4, token norms uniform in [0.5, 2], draws with |F*| < 0.3 rejected.
 */
import type { Rng } from '../random/rng.js';
import type { AdditiveTarget, NormRange } from './concept-classes.js';
import { sampleAdditiveTarget, sampleConceptData, type ConceptSample, type MarginPolicy } from './concept-sampler.js';
import { linearCombination, polynomial, scaleArgument, sinFunction, type AnalyticFunction } from './psi-catalog.js';

/** ψ(z) = sin 2z + z²/2 − 1/4 of the learning-curve target (docs/experiments.md#the-learning-curve-task). */
export const learningCurvePsi: AnalyticFunction = linearCombination([
  { weight: 1, psi: scaleArgument(sinFunction, 2) },
  { weight: 1, psi: polynomial([-0.25, 0, 0.5]) },
]);

/** The learning-curve task (docs/experiments.md#the-learning-curve-task): sizes, input norms, ψ and margin policy. */
export interface LearningCurvePreset {
  /** Sequence length L = 8. */
  readonly L: 8;
  /** Token width d = 4. */
  readonly d: 4;
  /** Token norms uniform in [0.5, 2]. */
  readonly normRange: NormRange;
  /** ψ(z) = sin 2z + z²/2 − 1/4 ({@link learningCurvePsi}). */
  readonly psi: AnalyticFunction;
  /** Draws with |F*| < 0.3 are rejected. */
  readonly margin: MarginPolicy;
  /** A random target of this task (one β per step, ‖β‖ = 1). */
  target(rng: Rng): AdditiveTarget;
  /** n labelled sequences of `target` (rejecting |F*| < 0.3), with C(F*) and the rejection rate. */
  sample(rng: Rng, target: AdditiveTarget, n: number): ConceptSample;
}

/** The learning-curve preset (docs/experiments.md#the-learning-curve-task). Draw the target once, then train and test sets from it. */
export const learningCurvePreset: LearningCurvePreset = Object.freeze({
  L: 8,
  d: 4,
  normRange: Object.freeze({ Cmin: 0.5, Cmax: 2 }),
  psi: learningCurvePsi,
  margin: Object.freeze({ mode: 'reject', threshold: 0.3 }),
  target(rng: Rng): AdditiveTarget {
    return sampleAdditiveTarget(rng, { L: 8, d: 4, psi: learningCurvePsi });
  },
  sample(rng: Rng, target: AdditiveTarget, n: number): ConceptSample {
    return sampleConceptData(rng, target, { n, Cmin: 0.5, Cmax: 2, margin: { mode: 'reject', threshold: 0.3 } });
  },
} as const);
