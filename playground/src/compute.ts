/**
 * What the playground computes, as plain functions of its parameters: the worker runs them
 * and the test runs the very same functions in Node, so the two can be compared bit for bit.
 * Each function follows the `rnn-ntk` command that reproduces it (see command.ts): the task is
 * `rnn-ntk sample`, the kernel `rnn-ntk kernel --per-step`, the numbers `rnn-ntk complexity
 * --jitter`, the training `rnn-ntk train` — same library calls, same order of random draws.
 */
import {
  analyticNtk, boundProxies, createRnn, fitKernelRegression, forward, kernelComplexity, predictKernelRegression, Rng,
  sampleAdditiveTarget, sampleConceptData, sampleNVariableTarget, sequenceBatch, smallestEigenvalue, train, zeroOneError,
  type BoundProxies, type Dataset, type Matrix, type SequenceBatch, type TrainReport,
} from 'rnn-ntk';
import { nVariablePositions, type PlaygroundParams } from './params.js';
import { psiOf } from './psi.js';

/** The `rnn-ntk sample` defaults the playground keeps: one term, ‖β‖ = 1, |F*| < 0.3 rejected, C1 = 100. */
export const SAMPLE_FIXED = { terms: 1, betaNorm: 1, threshold: 0.3, C1: 100 } as const;

/** A training and a held-out set of one target, with what `rnn-ntk sample` reports about it. */
export interface Task {
  readonly train: Dataset;
  readonly test: Dataset;
  /** C(F*) of the target for the norm range (eq. 10 / 12), and its log. */
  readonly targetComplexity: { readonly value: number; readonly log: number };
  /** min_i |F*(x_i)| on the training set. */
  readonly marginAchieved: number;
  /** Share of draws rejected because |F*| < threshold. */
  readonly rejectionRate: number;
}

/** Draws the target, then n training and nTest held-out sequences, as `rnn-ntk sample … --test-n` does. */
export function sampleTask(p: PlaygroundParams): Task {
  const psi = psiOf(p.psi);
  const rng = new Rng(p.seed, 'auto');
  try {
    const target =
      p.concept === 'additive'
        ? sampleAdditiveTarget(rng, { L: p.L, d: p.d, psi, termsPerStep: SAMPLE_FIXED.terms, betaNorm: SAMPLE_FIXED.betaNorm })
        : sampleNVariableTarget(rng, { L: p.L, d: p.d, positions: nVariablePositions(p.N, p.L), psi, terms: SAMPLE_FIXED.terms, betaNorm: SAMPLE_FIXED.betaNorm });
    const options = { Cmin: p.cmin, Cmax: p.cmax, margin: { mode: 'reject', threshold: SAMPLE_FIXED.threshold } as const, C1: SAMPLE_FIXED.C1 };
    const s = sampleConceptData(rng, target, { n: p.n, ...options });
    const test = sampleConceptData(rng, target, { n: p.nTest, ...options });
    return {
      train: s.data,
      test: test.data,
      targetComplexity: { value: s.complexity.value, log: s.complexity.log },
      marginAchieved: s.marginAchieved,
      rejectionRate: s.rejectionRate,
    };
  } finally {
    rng.dispose();
  }
}

/** H∞ of the training sequences (`rnn-ntk kernel`). */
export function kernelOf(x: SequenceBatch): Matrix {
  return analyticNtk(x).H;
}

/** The per-step kernels H^1..H^L of the training sequences (`rnn-ntk kernel --per-step`; H^L = H∞). */
export function perStepKernelsOf(x: SequenceBatch): readonly Matrix[] {
  return [...analyticNtk(x, { perStep: true }).perStep.values()]; // H^1..H^L in step order
}

/** The numbers of `rnn-ntk complexity --jitter --target <ỹ>` for the training set. */
export interface ComplexityNumbers {
  /** ỹᵀ(H∞)⁻¹ỹ and its square root. */
  readonly complexity: number;
  readonly sqrtComplexity: number;
  /** Diagonal jitter the factorisation needed (0: none). */
  readonly jitter: number;
  /** λ_min(H∞) by inverse iteration, with its certified interval. */
  readonly lambdaMin: number;
  readonly lambdaInterval: readonly [number, number];
  /** The bound proxies (hidden constants set to 1). */
  readonly bounds: BoundProxies;
}

/** ỹ of the complexity: the labels or the target values. */
export function targetsOf(data: Dataset, which: PlaygroundParams['target']): Float64Array {
  return which === 'fstar' ? data.fstar! : data.y;
}

/** ỹᵀ(H∞)⁻¹ỹ, λ_min(H∞) and the bound proxies, as `rnn-ntk complexity --jitter` computes them. */
export function complexityOf(H: Matrix, ytilde: ArrayLike<number>, n: number): ComplexityNumbers {
  const c = kernelComplexity(H, ytilde, { jitter: true });
  const lambda = smallestEigenvalue(H, { jitter: true });
  return {
    complexity: c.value,
    sqrtComplexity: c.sqrt,
    jitter: c.jitter,
    lambdaMin: lambda.value,
    lambdaInterval: [lambda.lower, lambda.upper],
    bounds: boundProxies(c.value, n),
  };
}

/**
 * The NTK predictor's held-out 0-1 error: kernel regression of the labels with H∞
 * (what `fitNtkPredictor` does, reusing the H∞ already computed).
 */
export function ntkTestError(H: Matrix, task: Task): number {
  const fit = fitKernelRegression(H, task.train.y, { jitter: true });
  const cross = analyticNtk(task.test.x, { other: task.train.x }).H;
  return zeroOneError(predictKernelRegression(fit, cross), task.test.y);
}

/** Mean diagonal and off-diagonal backward correlation b_l at distance L − l from the output. */
export interface BackwardPoint {
  readonly lag: number;
  readonly diagonal: number;
  readonly offDiagonal: number;
}

/**
 * The backward correlations b_l (Theorem 6) of the first `count` training sequences, averaged
 * over the diagonal and over pairs i < j, against L − l (Remark 4.2: polynomial decay).
 */
export function backwardProfile(x: SequenceBatch, count = 24): BackwardPoint[] {
  const n = Math.min(count, x.n);
  const sub = sequenceBatch(n, x.L, x.d, x.data.subarray(0, n * x.L * x.d));
  const steps = Array.from({ length: x.L }, (_, t) => t + 1);
  const { b } = analyticNtk(sub, { parts: { b: steps } });
  return steps.map((l) => {
    const m = b.get(l)!.data;
    let diag = 0;
    let off = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i * n + i];
      for (let j = i + 1; j < n; j++) off += m[i * n + j];
    }
    return { lag: x.L - l, diagonal: diag / n, offDiagonal: n > 1 ? off / ((n * (n - 1)) / 2) : NaN };
  });
}

/** The end of a training run: its reports, the trained W, and f(x) on the held-out set. */
export interface TrainOutcome {
  readonly reports: readonly TrainReport[];
  readonly eta: number;
  /** W after training, m×m row-major. */
  readonly weights: Float64Array;
  /** f(x) = Bᵀh_L of the trained network on each held-out sequence. */
  readonly testOutputs: Float64Array;
}

/** Algorithm 1 as `rnn-ntk train --report-every k` runs it; `onReport` sees each report as it is made. */
export function trainNetwork(p: PlaygroundParams, task: Task, onReport?: (r: TrainReport) => void): TrainOutcome {
  const model = createRnn({ m: p.m, d: p.d, L: p.L, init: p.init, seed: p.seed, backend: 'auto' });
  try {
    const run = train(model, task.train, {
      steps: p.steps, eta0: p.eta0, batchSize: p.batch, reportEvery: p.reportEvery, heldOut: task.test,
      ...(onReport !== undefined ? { onProgress: onReport } : {}),
    });
    return { reports: run.reports, eta: run.eta, weights: model.weights().data, testOutputs: forward(model, task.test.x) };
  } finally {
    model.dispose();
  }
}

/** A square matrix reduced to at most `cells`×`cells` block means (for a heat map of any n). */
export interface BlockMeans {
  /** Side of the original matrix. */
  readonly n: number;
  /** Rows (and columns) of the original per block. */
  readonly block: number;
  /** Blocks per side. */
  readonly side: number;
  /** Block means, side×side row-major. */
  readonly values: Float64Array;
}

/** Block means of the n×n row-major `data` with blocks of ⌈n/cells⌉ (the last block may be smaller). */
export function blockMeans(data: ArrayLike<number>, n: number, cells = 64): BlockMeans {
  const block = Math.ceil(n / cells);
  const side = Math.ceil(n / block);
  const sums = new Float64Array(side * side);
  const counts = new Float64Array(side * side);
  for (let i = 0; i < n; i++) {
    const bi = Math.floor(i / block) * side;
    for (let j = 0; j < n; j++) {
      const t = bi + Math.floor(j / block);
      sums[t] += data[i * n + j];
      counts[t]++;
    }
  }
  return { n, block, side, values: sums.map((s, t) => s / counts[t]) };
}
