/**
 * The learning runs shared by claims 5 and 6: Algorithm 1 in one pass over n fresh examples
 * (so its prequential error is the unbiased estimate (docs/theory.md#prequential-error) of Theorem 2's averaged error), and
 * the NTK predictor (kernel regression with H∞) with the complexity and bound proxies of the
 * same training set.
 */
import type { BackendChoice } from '../backend/backend.js';
import { dataset, sequenceBatch, type Dataset } from '../data/sequences.js';
import { analyticNtk } from '../kernels/index.js';
import { createRnn, train } from '../rnn/index.js';
import { boundProxies, fitKernelRegression, kernelComplexity, predictKernelRegression, zeroOneError } from '../theory/index.js';
import type { ParamSpec } from './params.js';

/** Parameters shared by the two learning experiments (claims 5–6): the networks SGD trains and the held-out set. */
export interface LearningRunParams {
  [key: string]: number | readonly number[];
  /** Network width m. */
  readonly m: number;
  /** η₀ of the step size η = η₀/m. */
  readonly eta0: number;
  /** Networks (init seeds) per setting; their errors are averaged. */
  readonly seeds: number;
  /** Held-out examples. */
  readonly testSize: number;
}

/** The declarations of {@link LearningRunParams}; `setting` names what one setting is (`n`, `scale`). */
export function learningRunParams(setting: string): readonly ParamSpec[] {
  return [
    { key: 'm', kind: 'int', min: 2, max: 4096, description: 'network width m' },
    { key: 'eta0', kind: 'number', min: 0, exclusiveMin: true, description: 'step size η₀ (η = η₀/m)' },
    { key: 'seeds', kind: 'int', min: 1, max: 32, description: `networks per ${setting} (errors are averaged)` },
    { key: 'testSize', kind: 'int', min: 10, max: 100000, description: 'held-out examples' },
  ];
}

/** The sequences i ∈ [from, to) of a data set, as a data set. */
export function slice(ds: Dataset, from: number, to: number): Dataset {
  const size = ds.x.L * ds.x.d;
  return dataset(
    sequenceBatch(to - from, ds.x.L, ds.x.d, ds.x.data.subarray(from * size, to * size)),
    ds.y.subarray(from, to),
    ds.fstar?.subarray(from, to),
  );
}

/** The smaller class share of a labelled set: the error of always predicting the majority. */
export function majorityError(y: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) if (y[i] > 0) pos++;
  return Math.min(pos, y.length - pos) / y.length;
}

/** Settings of a one-pass SGD run. */
export interface OnePassSettings {
  readonly m: number;
  readonly eta0: number;
  readonly seed: number;
  readonly backend?: BackendChoice;
}

/**
 * Algorithm 1 with T = n steps, step t on example t of `pool` (fresh, never revisited), on a
 * new width-m network (paper init); returns the prequential error and the held-out error of W_T.
 */
export function onePassSgd(pool: Dataset, n: number, test: Dataset, s: OnePassSettings): { prequential: number; heldOut: number } {
  const { L, d } = pool.x;
  const size = L * d;
  const model = createRnn({ m: s.m, d, L, seed: s.seed, backend: s.backend });
  try {
    let next = 0;
    const fresh = (_rng: unknown) => {
      const k = next++;
      return { x: pool.x.data.subarray(k * size, (k + 1) * size), y: pool.y[k] };
    };
    const run = train(model, fresh, { steps: n, eta0: s.eta0, heldOut: test, reportEvery: n });
    return { prequential: run.final.prequentialError, heldOut: run.final.heldOut!.error };
  } finally {
    model.dispose();
  }
}

/**
 * The NTK predictor of the labels (kernel regression with H∞, ridge 0, jitter allowed) fitted
 * on `trainSet`, its test error, and ỹᵀ(H∞)⁻¹ỹ with ỹ = F* / margin and the bound proxies.
 */
export function ntkRun(trainSet: Dataset, test: Dataset, margin: number, backend?: BackendChoice) {
  const H = analyticNtk(trainSet.x, { backend }).H;
  const fit = fitKernelRegression(H, trainSet.y, { jitter: true, backend });
  const scores = predictKernelRegression(fit, analyticNtk(test.x, { other: trainSet.x, backend }).H, { backend });
  const ytilde = trainSet.fstar!.map((f) => f / margin);
  const complexity = kernelComplexity(H, ytilde, { jitter: true, backend });
  const bounds = boundProxies(complexity.value, trainSet.x.n);
  return { error: zeroOneError(scores, test.y), complexity: complexity.value, bound: bounds.bound, arora: bounds.aroraLeadingTerm };
}
