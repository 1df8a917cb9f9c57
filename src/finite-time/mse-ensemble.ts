/**
 * The ensemble form of the MSE predictions: the mean and covariance of the test outputs
 * f_t(x) over random initialisations of an infinitely wide network, from its NTK Θ and its
 * NNGP K (Lee et al. 2019, §2.3; derivation in docs/finite-time.md). At infinite width Θ
 * is deterministic and f₀ is a centred Gaussian process with covariance K, so with
 * T_t = Θ(x, X) Θ⁻¹ (I − e^{−ηΘt}) (n_test × n),
 *   f_t(x) = f₀(x) − T_t f₀(X) + T_t y,
 *   mean_t = T_t y,
 *   cov_t  = K(x, x) − T_t K(X, x) − K(x, X) T_tᵀ + T_t K(X, X) T_tᵀ
 *          = [I, −T_t] K_joint [I, −T_t]ᵀ   (so positive semi-definite),
 * with K_joint the NNGP of the test and training points together. Θ here is the tangent
 * kernel of the parameters that train (for the paper: W, H∞ = analyticNtk), K the NNGP of the
 * network at initialisation.
 */
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { assertMatrix, assertSquare, matrix, type Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/matmul.js';
import { assertKernelMatrix, assertTargets } from '../theory/kernel-matrix.js';
import { assertCrossKernel, testIncrement } from './gradient-descent-mse.js';
import { assertTime, gainFactors, mseSpectrum, type MseDynamicsOptions, type MseSpectrum } from './mse-spectrum.js';

/** The kernels of the ensemble: the NTK (required) and the NNGP (for the covariance). */
export interface EnsembleKernels {
  /** Θ(X, X), n×n: the tangent kernel of the trained parameters on the training points. */
  readonly ntkTrainTrain: Matrix;
  /** Θ(x, X), n_test × n. */
  readonly ntkTestTrain: Matrix;
  /** K(X, X), n×n: the NNGP on the training points (needed for the covariance). */
  readonly nngpTrainTrain?: Matrix;
  /** K(x, X), n_test × n (needed for the covariance). */
  readonly nngpTestTrain?: Matrix;
  /** K(x, x), n_test × n_test (needed for the covariance). */
  readonly nngpTestTest?: Matrix;
}

/** The test outputs' distribution at time t. */
export interface EnsemblePrediction {
  /** E f_t(x) = T_t y on the test points. */
  readonly mean: Float64Array;
  /** Cov f_t(x), n_test × n_test, symmetric PSD (present when the three NNGP matrices were given). */
  readonly covariance?: Matrix;
  /** The diagonal of the covariance (present with it). */
  readonly variance?: Float64Array;
}

/** The ensemble predictor returned by `gradientDescentMseEnsemble`. */
export interface MseEnsemblePredictor {
  /** Number of training points. */
  readonly n: number;
  /** Number of test points. */
  readonly nTest: number;
  /** η of the flow (the default is 1/λ_max). */
  readonly learningRate: number;
  /** The diagonal regulariser added to Θ. */
  readonly diagReg: number;
  /** The eigenvalues of Θ + diagReg·I, ascending (η < 2/λ_max is required). */
  readonly eigenvalues: Float64Array;
  /** Mean (and covariance, when the NNGP was given) of the test outputs at time t ≥ 0 (Infinity allowed). */
  predict(t: number): EnsemblePrediction;
}

/** The three NNGP blocks, validated, or undefined when none is given. */
function nngpBlocks(k: EnsembleKernels, n: number, nTest: number): { xx: Matrix; tx: Matrix; tt: Matrix } | undefined {
  const given = [k.nngpTrainTrain, k.nngpTestTrain, k.nngpTestTest].filter((m) => m !== undefined).length;
  if (given === 0) return undefined;
  if (given !== 3) {
    throw new InvalidArgumentError('the covariance needs all three NNGP blocks: nngpTrainTrain, nngpTestTrain and nngpTestTest');
  }
  const xx = k.nngpTrainTrain!;
  assertKernelMatrix('nngpTrainTrain', xx);
  if (xx.rows !== n) throw new ShapeError(`nngpTrainTrain must be ${n}×${n} like ntkTrainTrain, got ${xx.rows}×${xx.cols}`);
  const tx = k.nngpTestTrain!;
  assertCrossKernel('nngpTestTrain', tx, n);
  if (tx.rows !== nTest) throw new ShapeError(`nngpTestTrain must have ${nTest} rows like ntkTestTrain, got ${tx.rows}`);
  const tt = k.nngpTestTest!;
  assertMatrix('nngpTestTest', tt);
  assertSquare('nngpTestTest', tt);
  if (tt.rows !== nTest) throw new ShapeError(`nngpTestTest must be ${nTest}×${nTest}, got ${tt.rows}×${tt.cols}`);
  return { xx, tx, tt };
}

/** T_t = Θ(x, X) V diag(g) Vᵀ. */
function transfer(s: MseSpectrum, cross: Matrix, gain: Float64Array): Matrix {
  const opts = { backend: s.backend };
  const scaled = matmul(cross, s.eigen.vectors, opts);
  const n = s.n;
  for (let e = 0; e < scaled.data.length; e++) scaled.data[e] *= gain[e % n];
  return matmul(scaled, s.eigen.vectors, { ...opts, transposeB: true });
}

/** K(x, x) − S − Sᵀ + T K(X, X) Tᵀ with S = T K(X, x), symmetrised as (C + Cᵀ)/2. */
function covariance(s: MseSpectrum, t: Matrix, nngp: { xx: Matrix; tx: Matrix; tt: Matrix }): Matrix {
  const opts = { backend: s.backend };
  const cross = matmul(t, nngp.tx, { ...opts, transposeB: true });
  const quad = matmul(matmul(t, nngp.xx, opts), t, { ...opts, transposeB: true });
  const m = nngp.tt.rows;
  const c = matrix(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      const at = (x: Matrix, a: number, b: number) => x.data[a * m + b];
      const cij = at(nngp.tt, i, j) - at(cross, i, j) - at(cross, j, i) + at(quad, i, j);
      const cji = at(nngp.tt, j, i) - at(cross, j, i) - at(cross, i, j) + at(quad, j, i);
      c.data[i * m + j] = c.data[j * m + i] = 0.5 * (cij + cji);
    }
  }
  return c;
}

/**
 * Mean and covariance over initialisations of the test outputs of the linearised network
 * trained by the MSE gradient flow df/dt = −ηΘ(f − y) (conventions of `gradientDescentMse`).
 * Throws as `gradientDescentMse` does, plus ShapeError when the kernels' shapes disagree and
 * InvalidArgumentError when only some NNGP blocks are given.
 */
export function gradientDescentMseEnsemble(kernels: EnsembleKernels, yTrain: ArrayLike<number>, opts: MseDynamicsOptions = {}): MseEnsemblePredictor {
  if (kernels === null || typeof kernels !== 'object') {
    throw new InvalidArgumentError('kernels must be an object {ntkTrainTrain, ntkTestTrain, nngpTrainTrain?, nngpTestTrain?, nngpTestTest?}');
  }
  const s = mseSpectrum(kernels.ntkTrainTrain, 'ntkTrainTrain', opts);
  const n = s.n;
  assertTargets('yTrain', yTrain, n);
  assertCrossKernel('ntkTestTrain', kernels.ntkTestTrain, n);
  const nTest = kernels.ntkTestTrain.rows;
  const nngp = nngpBlocks(kernels, n, nTest);
  const y = Float64Array.from(yTrain);
  const predict = (t: number): EnsemblePrediction => {
    assertTime(t);
    const gain = gainFactors(s, t, 'ntkTrainTrain');
    const mean = testIncrement(s, kernels.ntkTestTrain, gain, y);
    if (nngp === undefined) return Object.freeze({ mean });
    const cov = covariance(s, transfer(s, kernels.ntkTestTrain, gain), nngp);
    const variance = Float64Array.from({ length: nTest }, (_, i) => cov.data[i * nTest + i]);
    return Object.freeze({ mean, covariance: Object.freeze(cov), variance });
  };
  return Object.freeze({ n, nTest, learningRate: s.learningRate, diagReg: s.diagReg, eigenvalues: s.eigen.values, predict });
}
