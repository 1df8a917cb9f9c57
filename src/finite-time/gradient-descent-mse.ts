/**
 * Finite-time predictions of the linearised network trained on the MSE loss (Lee et al.,
 * "Wide Neural Networks of Any Depth Evolve as Linear Models Under Gradient Descent",
 * NeurIPS 2019, §2.2; neural-tangents' `predict.gradient_descent_mse`). Convention
 * (docs/finite-time.md): loss ½ Σᵢ (f(xᵢ) − yᵢ)², gradient flow df/dt = −ηΘ(f − y) on the
 * training set, Θ = kTrainTrain + diagReg·I, hence
 *   f_t(X) = y + e^{−ηΘt} (f₀(X) − y),
 *   f_t(x) = f₀(x) + Θ(x, X) Θ⁻¹ (I − e^{−ηΘt}) (y − f₀(X)),
 * and t = ∞ is kernel (ridge) regression f(x) = f₀(x) + Θ(x, X)Θ⁻¹(y − f₀(X)). For the
 * paper's RNN, Θ = H∞ (analyticNtk) is the tangent kernel of W with step η₀/m: one
 * full-batch gradient step of Algorithm 1's W with step η₀/m on the summed loss moves f by
 * −η₀Θ(f − y) to first order, so learningRate = η₀ and t counts steps.
 */
import { ShapeError } from '../errors.js';
import { assertMatrix, type Matrix } from '../linalg/matrix.js';
import { matvec } from '../linalg/matvec.js';
import { assertTargets } from '../theory/kernel-matrix.js';
import { applySpectral, assertTime, decayFactors, gainFactors, mseSpectrum, type MseDynamicsOptions, type MseSpectrum } from './mse-spectrum.js';

/** What to predict at time t: the initial outputs (default 0) and, for test points, Θ(x, X). */
export interface MsePredictionInputs {
  /** f₀ on the n training points (default zeros: the infinite-width ensemble mean). */
  readonly fTrain0?: ArrayLike<number>;
  /** Θ(x, X), n_test × n, for test outputs (the same kernel as kTrainTrain, without diagReg). */
  readonly kTestTrain?: Matrix;
  /** f₀ on the test points (default zeros); needs kTestTrain. */
  readonly fTest0?: ArrayLike<number>;
}

/** Outputs at time t. */
export interface MsePrediction {
  /** f_t on the training points. */
  readonly train: Float64Array;
  /** f_t on the test points (present when kTestTrain was given). */
  readonly test?: Float64Array;
}

/** The predictor returned by `gradientDescentMse`. */
export interface MsePredictor {
  /** Number of training points. */
  readonly n: number;
  /** η of the flow (the default is 1/λ_max). */
  readonly learningRate: number;
  /** The diagonal regulariser added to Θ. */
  readonly diagReg: number;
  /** The eigenvalues of Θ + diagReg·I, ascending (λ_max bounds the stable learning rate: η < 2/λ_max). */
  readonly eigenvalues: Float64Array;
  /** f_t at time t ≥ 0 (Infinity: the end of training, kernel regression). */
  predict(t: number, inputs?: MsePredictionInputs): MsePrediction;
}

/** f₀ on `count` points, validated, or zeros. */
function initialOutputs(name: string, f0: ArrayLike<number> | undefined, count: number): Float64Array {
  if (f0 === undefined) return new Float64Array(count);
  assertTargets(name, f0, count);
  return Float64Array.from(f0);
}

/** Validates Θ(x, X) against n training points. */
export function assertCrossKernel(name: string, k: Matrix, n: number): void {
  assertMatrix(name, k);
  if (k.cols !== n) throw new ShapeError(`${name} must have ${n} columns (one per training point), got ${k.rows}×${k.cols}`);
}

/** Θ(x, X)·V diag(g_t) Vᵀ r: the test-output change for train residual r = y − f₀(X). */
export function testIncrement(s: MseSpectrum, kTestTrain: Matrix, gain: Float64Array, r: Float64Array): Float64Array {
  return matvec(kTestTrain, applySpectral(s, gain, r), { backend: s.backend });
}

/**
 * The MSE predictor of the linearised network trained by gradient flow on Θ = kTrainTrain
 * (n×n, symmetric PSD) and targets yTrain (n). Throws ShapeError / NonFiniteError on
 * malformed input and InvalidArgumentError for learningRate ≤ 0 or ≥ 2/λ_max(Θ + diagReg·I)
 * (the discrete gradient descent this flow describes would diverge; the message gives the
 * bound), diagReg < 0, an indefinite Θ, and — at predict time — t < 0, mismatched shapes,
 * or t = ∞ with a singular Θ + diagReg·I.
 */
export function gradientDescentMse(kTrainTrain: Matrix, yTrain: ArrayLike<number>, opts: MseDynamicsOptions = {}): MsePredictor {
  const s = mseSpectrum(kTrainTrain, 'kTrainTrain', opts);
  const n = s.n;
  assertTargets('yTrain', yTrain, n);
  const y = Float64Array.from(yTrain);
  const predict = (t: number, inputs: MsePredictionInputs = {}): MsePrediction => {
    assertTime(t);
    const f0 = initialOutputs('fTrain0', inputs.fTrain0, n);
    const residual = y.map((v, i) => v - f0[i]); // y − f₀(X)
    const decayed = applySpectral(s, decayFactors(s, t), residual);
    const train = y.map((v, i) => v - decayed[i]);
    if (inputs.kTestTrain === undefined) {
      if (inputs.fTest0 !== undefined) throw new ShapeError('fTest0 needs kTestTrain (the test × train kernel)');
      return Object.freeze({ train });
    }
    assertCrossKernel('kTestTrain', inputs.kTestTrain, n);
    const fTest0 = initialOutputs('fTest0', inputs.fTest0, inputs.kTestTrain.rows);
    const increment = testIncrement(s, inputs.kTestTrain, gainFactors(s, t, 'kTrainTrain'), residual);
    return Object.freeze({ train, test: fTest0.map((v, i) => v + increment[i]) });
  };
  return Object.freeze({ n, learningRate: s.learningRate, diagReg: s.diagReg, eigenvalues: s.eigen.values, predict });
}
