/**
 * The NTK predictor (claim 5 of docs/experiments.md): kernel regression on sequences with the analytic H∞
 * (docs/theory.md#analytic-kernels) or with the empirical NTK of a width-m network (docs/theory.md#empirical-ntk), ridge λ ≥ 0 (λ = 0
 * interpolates), giving real-valued predictions f(x) = K(x, X)(K(X, X) + λI)⁻¹ỹ and the sign
 * classifier on new sequences through the test × train kernel.
 */
import type { BackendChoice } from '../backend/backend.js';
import { asSequenceBatch, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { InvalidArgumentError } from '../errors.js';
import { analyticNtk } from '../kernels/analytic.js';
import type { EmpiricalNtkVariant } from '../kernels/empirical-ntk.js';
import { ResidentActivations } from '../kernels/empirical-network.js';
import type { HeapCholesky } from '../linalg/heap-cholesky.js';
import type { Matrix } from '../linalg/matrix.js';
import type { InitScheme } from '../model/variances.js';
import { Rnn } from '../rnn/model.js';
import { fitKernelRegression, predictKernelRegression, resolveRidge, type KernelRegression, type KernelRegressionOptions } from './kernel-regression.js';
import { assertTargets } from './kernel-matrix.js';
import { factorAnalyticNtk } from './ntk-factor.js';
import { signLabels } from './zero-one.js';
import { assertOptions } from '../validate.js';

/** Which tangent kernel the predictor regresses with. */
export type NtkKernelChoice =
  | {
      /** The infinite-width kernel H∞ (docs/theory.md#tangent-kernel). */
      readonly kind: 'analytic';
      /** Initialisation scheme of H∞ (docs/theory.md#initialisation; default 'paper'), as `createRnn`'s `init`. */
      readonly init?: InitScheme;
      /** Network width m, needed only by 'algorithm1'. */
      readonly m?: number;
    }
  | {
      /** The empirical NTK of a network (docs/theory.md#empirical-ntk, eq. 23). */
      readonly kind: 'empirical';
      /** The network whose eq. 23 kernel is used; its W must not change (training, setWeights) between fit and predict. */
      readonly model: Rnn;
      /** 'full' (default) or 'same-step' (see EmpiricalNtkOptions). */
      readonly variant?: EmpiricalNtkVariant;
      /** Sequences per tile of the kernel computation (see EmpiricalNtkOptions). */
      readonly tileSequences?: number;
    };

/** Options of `fitNtkPredictor`: the kernel (default analytic, 'paper') and the regression's. */
export interface NtkPredictorOptions extends KernelRegressionOptions {
  /** The tangent kernel to regress with (default {kind: 'analytic'}). */
  readonly kernel?: NtkKernelChoice;
  /**
   * The train kernel K(X, X) of that choice, already computed: the Matrix, or its factor
   * (`factorAnalyticNtk(train, {shift: ridge})`, reused: its shift is the ridge). Saves
   * computing it again; the caller vouches that it is the chosen kernel of `train`.
   */
  readonly trainKernel?: Matrix | HeapCholesky;
}

/** A fitted NTK predictor. */
export interface NtkPredictor {
  /** The tangent kernel it regresses with. */
  readonly kernel: NtkKernelChoice;
  /** The training sequences. */
  readonly train: SequenceBatch;
  /** The regression coefficients, ridge and any jitter used. */
  readonly regression: KernelRegression;
  /** Real-valued predictions f(x_i) = Σ_j K(x_i, X_j) α_j for each sequence of `x`. */
  predict(x: Sequences): Float64Array;
  /** sign f(x_i) as ±1 labels (a score of exactly 0 is labelled +1). */
  classify(x: Sequences): Float64Array;
  /**
   * Frees the train activations an empirical-kernel predictor keeps in the model's heap (a
   * no-op for the analytic kernel); later predictions throw DisposedError, a second call does nothing.
   */
  dispose(): void;
  /** `using p = fitNtkPredictor(…)` disposes at the end of the block. */
  [Symbol.dispose](): void;
}

/**
 * The fitted regression on the train kernel of the analytic choice: the given kernel, or H∞
 * computed in the heap and factored where it lies (+ ridge·I; no n×n copy).
 */
function analyticRegression(
  choice: NtkKernelChoice & { kind: 'analytic' }, train: SequenceBatch, targets: ArrayLike<number>, opts: NtkPredictorOptions,
): KernelRegression {
  if (opts.trainKernel !== undefined) return fitKernelRegression(opts.trainKernel, targets, opts);
  if (Number.isInteger(train?.n) && train.n > 0) assertTargets('targets', targets, train.n);
  const ridge = resolveRidge(opts);
  const factor = factorAnalyticNtk(train, {
    init: choice.init, m: choice.m, backend: opts.backend, shift: ridge, jitter: opts.jitter === true,
  });
  try {
    return fitKernelRegression(factor, targets);
  } finally {
    factor.dispose();
  }
}

/** The fit on the train kernel and the test × train kernel function for the chosen tangent kernel. */
function kernelFunctions(
  choice: NtkKernelChoice, train: SequenceBatch, targets: ArrayLike<number>, opts: NtkPredictorOptions,
): { regression: () => KernelRegression; cross: (x: SequenceBatch) => Matrix; release: () => void } {
  if (choice.kind === 'analytic') {
    const base = { init: choice.init, m: choice.m, backend: opts.backend };
    return {
      regression: () => analyticRegression(choice, train, targets, opts),
      release: () => {},
      cross: (x) => analyticNtk(x, { ...base, other: train }).H,
    };
  }
  if (choice.kind === 'empirical') {
    const { model } = choice;
    if (!(model instanceof Rnn)) throw new InvalidArgumentError('kernel.model must be a network (createRnn or loadModel)');
    const trainKernel = opts.trainKernel;
    const resident = ResidentActivations.of(model, train, { variant: choice.variant, tileSequences: choice.tileSequences });
    const [stepsAtFit, revisionAtFit] = [model.stepsTaken, model.weightsRevision];
    return {
      regression: () => fitKernelRegression(trainKernel ?? resident.kernel(), targets, opts),
      release: () => resident.dispose(),
      cross: (x) => {
        if (model.weightsRevision !== revisionAtFit) {
          throw new InvalidArgumentError(
            `the network was trained after the predictor was fitted, or its W was set (${stepsAtFit} → ${model.stepsTaken} steps): fit it again`,
          );
        }
        return resident.cross(x);
      },
    };
  }
  throw new InvalidArgumentError(`kernel.kind must be 'analytic' or 'empirical', got ${String((choice as { kind: unknown }).kind)}`);
}

/**
 * Fits the NTK predictor on (train, targets): targets are ỹ = F*(x_i) or the labels. The
 * analytic H∞ of `train` is computed in the heap and factored there (or `opts.trainKernel`
 * is used). Throws
 * ShapeError / NonFiniteError / InvalidArgumentError on bad input, NotPositiveDefiniteError
 * when K + ridge·I cannot be factored (allow `jitter` or use a ridge > 0).
 *
 * Kernel regression with the tangent kernel K = H∞ or the empirical NTK
 * (docs/theory.md#kernel-regression): α = (K + λI)⁻¹ỹ, f(z) = Σ_j K(z, x_j) α_j.
 *
 * @example
 * ```ts
 * import { fitNtkPredictor } from 'rnn-ntk';
 *
 * const train = [[[1], [0.5]], [[-1], [0.2]], [[0.8], [-0.3]], [[-0.6], [-0.9]]];
 * const predictor = fitNtkPredictor(train, [1, -1, 1, -1]);
 * console.log(predictor.classify([[[0.9], [0.1]], [[-0.7], [0]]])); // ±1 labels
 * ```
 */
export function fitNtkPredictor(trainSequences: Sequences, targets: ArrayLike<number>, opts: NtkPredictorOptions = {}): NtkPredictor {
  assertOptions("fitNtkPredictor's options", opts);
  const train = asSequenceBatch(trainSequences);
  const kernel = opts.kernel ?? { kind: 'analytic' };
  const { regression: fit, cross, release } = kernelFunctions(kernel, train, targets, opts);
  let regression: KernelRegression;
  try {
    regression = fit();
  } catch (err) {
    release();
    throw err;
  }
  const predict = (x: Sequences) => predictKernelRegression(regression, cross(asSequenceBatch(x)), { backend: opts.backend });
  return Object.freeze({
    kernel, train, regression, predict, classify: (x: Sequences) => signLabels(predict(x)), dispose: release, [Symbol.dispose]: release,
  });
}
