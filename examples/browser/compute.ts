/**
 * The computation the browser example shows, shared with its test so that the page and Node
 * run the very same code: H∞ of a few random sequences (docs/theory.md#tangent-kernel) and Algorithm 1 on a small
 * RNN (docs/theory.md#training), trained in chunks so that the page can redraw between them, plus a small data
 * set of the learning-curve task (docs/experiments.md#the-learning-curve-task) (whose ψ = sin 2z + z²/2 − 1/4 and rejection of
 * |F*| < 0.3 exercise the portable transcendentals). Every number comes from the seeded generator,
 * the WebAssembly core and src/numeric's portable functions, so a seed gives the same bits everywhere.
 */
import {
  analyticNtk,
  cholesky,
  createRnn,
  dataset,
  evaluate,
  learningCurvePreset,
  matmul,
  Rng,
  sequenceBatch,
  train,
  type Dataset,
} from '../../src/index.js';

/** Sizes of the example (small: it runs live in a page). */
export const SIZES = { n: 6, L: 5, d: 3, m: 64, trainN: 200, testN: 200, chunks: 15, stepsPerChunk: 40, eta0: 1, batch: 16, conceptN: 40 } as const;

/** The learning-curve sample (docs/experiments.md#the-learning-curve-task) of the example: what F* gave and what it labelled. */
export interface ConceptResult {
  /** F*(x_i) of the accepted sequences (|F*| ≥ 0.3). */
  readonly fstar: Float64Array;
  /** The labels sign F*(x_i). */
  readonly labels: Float64Array;
  /** The sampled tokens, n×L×d row-major. */
  readonly x: Float64Array;
  /** log C(F*) of the target and the fraction of draws rejected. */
  readonly logComplexityAndRejection: Float64Array;
}

/** One point of the live training curve. */
export interface CurvePoint {
  readonly step: number;
  readonly runningLoss: number;
  readonly heldOutError: number;
}

/** Everything the page displays, and what the test compares bit for bit. */
export interface DemoResult {
  /** H∞ of the first `n` training sequences, n×n row-major. */
  readonly hinf: Float64Array;
  readonly curve: CurvePoint[];
  /** W after training, m×m row-major. */
  readonly weights: Float64Array;
  readonly backend: string;
}

/** Draws a target of the learning-curve preset (docs/experiments.md#the-learning-curve-task) and `SIZES.conceptN` sequences labelled by it. */
export function sampleLearningCurveTask(seed: number): ConceptResult {
  const rng = new Rng(seed);
  try {
    const target = learningCurvePreset.target(rng);
    const sample = learningCurvePreset.sample(rng, target, SIZES.conceptN);
    return {
      fstar: sample.data.fstar!,
      labels: sample.data.y,
      x: sample.data.x.data,
      logComplexityAndRejection: Float64Array.of(sample.complexity.log, sample.rejectionRate),
    };
  } finally {
    rng.dispose();
  }
}

/**
 * A labelled set: tokens N(0, 1); the label is the sign of an additive target (eq. 9 with
 * linear ψ), F*(x) = Σ_l (X_l[0] + X_l[1]/2).
 */
function labelled(rng: Rng, n: number): Dataset {
  const { L, d } = SIZES;
  const x = sequenceBatch(n, L, d, rng.normal(n * L * d));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let l = 0; l < L; l++) f += x.data[(i * L + l) * d] + x.data[(i * L + l) * d + 1] / 2;
    y[i] = f >= 0 ? 1 : -1;
  }
  return dataset(x, y);
}

/**
 * Runs the example: H∞, then `chunks` rounds of SGD; `afterChunk` is awaited after each round
 * (the page redraws there; Node passes nothing).
 */
export async function runDemo(seed: number, afterChunk?: (p: CurvePoint, partial: DemoResult) => Promise<void>): Promise<DemoResult> {
  const { n, L, d, m } = SIZES;
  const rng = new Rng(seed);
  const trainSet = labelled(rng, SIZES.trainN);
  const testSet = labelled(rng, SIZES.testN);
  rng.dispose();
  const firstN = sequenceBatch(n, L, d, trainSet.x.data.subarray(0, n * L * d));
  const hinf = analyticNtk(firstN).H.data;
  const model = createRnn({ m, d, L, seed });
  const curve: CurvePoint[] = [];
  const start = evaluate(model, testSet);
  curve.push({ step: 0, runningLoss: start.loss, heldOutError: start.error });
  try {
    for (let c = 1; c <= SIZES.chunks; c++) {
      const run = train(model, trainSet, { steps: SIZES.stepsPerChunk, eta0: SIZES.eta0, batchSize: SIZES.batch, heldOut: testSet });
      const point = { step: c * SIZES.stepsPerChunk, runningLoss: run.final.runningLoss, heldOutError: run.final.heldOut!.error };
      curve.push(point);
      if (afterChunk !== undefined) await afterChunk(point, { hinf, curve, weights: new Float64Array(0), backend: model.backend.name });
    }
    return { hinf, curve, weights: model.weights().data, backend: model.backend.name };
  } finally {
    model.dispose();
  }
}

/** Sizes of the threads check: large enough that every parallel kernel it calls is split. */
export const PARALLEL_SIZES = { n: 150, L: 8, d: 3, product: 160 } as const;

/**
 * The threads check: H∞ of 150 random sequences (its rows split over the threads), its
 * Cholesky factor (panel rows and trailing updates split) and a 160×160 matrix product (rows
 * split). Whatever the thread count, the bits are those of one thread and of Node.
 */
export function parallelCheck(seed: number): { readonly hinf: Float64Array; readonly factor: Float64Array; readonly product: Float64Array } {
  const { n, L, d, product } = PARALLEL_SIZES;
  const rng = new Rng(seed);
  try {
    const x = sequenceBatch(n, L, d, rng.normal(n * L * d));
    const H = analyticNtk(x).H;
    const a = { rows: product, cols: product, data: rng.normal(product * product) };
    return { hinf: H.data, factor: cholesky(H, { jitter: true }).factor.data, product: matmul(a, a, { transposeB: true }).data };
  } finally {
    rng.dispose();
  }
}

/** Lower-case hex of the IEEE-754 bits of each value (little-endian bytes), for bit comparisons. */
export function bitsHex(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(Float64Array.from(values).buffer);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
