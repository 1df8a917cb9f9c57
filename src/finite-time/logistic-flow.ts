/**
 * The linearised network under the logistic loss of Algorithm 1, which has no closed form:
 * the gradient flow in function space is integrated with the classical fixed-step
 * Runge–Kutta method (RK4), with an a-posteriori error estimate by step halving.
 *
 * Flow (docs/finite-time.md): loss Σᵢ ℓ(yᵢ f(xᵢ)), ℓ(z) = log(1 + e^{−z}) (the
 * loss of the paper's eq. 15–16, minimised by Algorithm 1's SGD), tangent kernel Θ, learning rate η:
 *   df(X)/dt = −η Θ r(f),   r(f)ᵢ = yᵢ ℓ'(yᵢ f(xᵢ)),
 *   f_t(x)   = f₀(x) − η Θ(x, X) c_t,   c_t = ∫₀ᵗ r(f_s) ds,
 * so only the n training outputs and the running integral c are integrated; test outputs
 * follow exactly from c. Each RK4 step of size h takes stages r₁ … r₄ at
 * f, f − (h/2)ηΘr₁, f − (h/2)ηΘr₂, f − hηΘr₃ and sets c ← c + (h/6)(r₁ + 2r₂ + 2r₃ + r₄),
 * f ← f − ηΘ·(that increment of c): four n×n products per step.
 *
 * Error: RK4's global error is O(h⁴) for this smooth (ℓ is analytic), Lipschitz right-hand
 * side; the run is repeated with h/2 and the Richardson estimate max|f_{h/2} − f_h|/15 of the
 * error of the h/2 solution (which is returned) is reported. The stability limit: the
 * Jacobian −ηΘ diag(ℓ''(yf)) y² has eigenvalues in [−ηλ_max·max y²/4, 0], inside RK4's real
 * stability interval (−2.78, 0] when h·ηλ_max·max y²/4 < 2.78; the default
 * h = 1/(η·G·max y²) with G = max_i Σ_j |Θ_ij| ≥ λ_max (Gershgorin) keeps it ≤ 1/4.
 *
 * Correspondence with Algorithm 1 (docs/finite-time.md): one
 * SGD step on W with step η₀/m and a uniformly drawn training pair moves the linearised f by
 * −η₀ ℓ'(y_t f(x_t)) y_t H(·, x_t) with H = (1/m)⟨∇_W f, ∇_W f⟩ → H∞; in expectation that is
 * −(η₀/n) H r(f). So T SGD steps correspond to this flow with Θ = H∞, learningRate η = η₀/n
 * and time t = T (the flow averages out the sampling noise).
 */
import { InvalidArgumentError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { matvec } from '../linalg/matvec.js';
import type { BackendChoice } from '../backend/backend.js';
import { logisticLossDerivative } from '../rnn/loss.js';
import { assertKernelMatrix, assertTargets } from '../theory/kernel-matrix.js';
import { assertCrossKernel } from './gradient-descent-mse.js';

/** Largest number of RK4 steps one call may take (both runs together), so no call hangs. */
export const MAX_FLOW_STEPS = 1e6;

/** Options of `logisticFlow`. */
export interface LogisticFlowOptions {
  /** η > 0 of df/dt = −ηΘ r(f) (default 1). For Algorithm 1 with step η₀/m: η₀/n, t in SGD steps. */
  readonly learningRate?: number;
  /** The times t ≥ 0 (finite, ascending) at which to report the outputs (required). */
  readonly times: readonly number[];
  /** RK4 step h > 0 (default 1/(η·G·max yᵢ²), G the Gershgorin bound of λ_max(Θ)); each interval between times takes ⌈Δt/h⌉ equal steps. */
  readonly stepSize?: number;
  /** f₀ on the training points (default zeros). */
  readonly fTrain0?: ArrayLike<number>;
  /** Θ(x, X), n_test × n, for test outputs. */
  readonly kTestTrain?: Matrix;
  /** f₀ on the test points (default zeros); needs kTestTrain. */
  readonly fTest0?: ArrayLike<number>;
  /** Also run with h/2 and report the Richardson error estimate (default true; triples the cost). */
  readonly estimateError?: boolean;
  /** Backend of the matrix-vector products (default 'auto'). */
  readonly backend?: BackendChoice;
}

/** The integrated trajectory. */
export interface LogisticFlowResult {
  /** The requested times. */
  readonly times: readonly number[];
  /** f_t on the training points, one array per time. */
  readonly train: readonly Float64Array[];
  /** f_t on the test points, one array per time (with kTestTrain). */
  readonly test?: readonly Float64Array[];
  /** The RK4 step h actually used for the returned solution (the largest ≤ the requested one per interval). */
  readonly stepSize: number;
  /** max |f_{h/2} − f_h| / 15 over all reported outputs: the Richardson estimate of the returned solution's error (NaN without estimateError). */
  readonly errorEstimate: number;
}

interface Trajectory {
  readonly train: Float64Array[];
  readonly integrals: Float64Array[];
}

/** r(f)ᵢ = yᵢ ℓ'(yᵢ fᵢ). */
function residual(y: Float64Array, f: Float64Array): Float64Array {
  return f.map((v, i) => y[i] * logisticLossDerivative(y[i] * v));
}

/** Integrates with `stepsPer[k]` equal steps on each interval [t_{k−1}, t_k] (t_{−1} = 0). */
function integrate(
  theta: Matrix, y: Float64Array, f0: Float64Array, eta: number, times: readonly number[], stepsPer: readonly number[],
  backend: BackendChoice | undefined,
): Trajectory {
  const n = y.length;
  const product = (v: Float64Array) => matvec(theta, v, { backend });
  /** r at f − a·ηΘ r_prev. */
  const stage = (f: Float64Array, a: number, rPrev: Float64Array) => {
    const d = product(rPrev);
    return residual(y, f.map((v, i) => v - a * eta * d[i]));
  };
  let f = Float64Array.from(f0);
  const c = new Float64Array(n);
  const out: Trajectory = { train: [], integrals: [] };
  let t0 = 0;
  times.forEach((t1, k) => {
    const steps = stepsPer[k];
    const h = steps === 0 ? 0 : (t1 - t0) / steps;
    for (let s = 0; s < steps; s++) {
      const r1 = residual(y, f);
      const r2 = stage(f, h / 2, r1);
      const r3 = stage(f, h / 2, r2);
      const r4 = stage(f, h, r3);
      const dc = r1.map((v, i) => (h / 6) * (v + 2 * r2[i] + 2 * r3[i] + r4[i]));
      for (let i = 0; i < n; i++) c[i] += dc[i];
      const df = product(dc);
      f = f.map((v, i) => v - eta * df[i]);
    }
    out.train.push(Float64Array.from(f));
    out.integrals.push(Float64Array.from(c));
    t0 = t1;
  });
  return out;
}

/** max_i Σ_j |Θ_ij| (≥ λ_max by Gershgorin). */
function gershgorin(theta: Matrix): number {
  let g = 0;
  for (let i = 0; i < theta.rows; i++) {
    let row = 0;
    for (let j = 0; j < theta.cols; j++) row += Math.abs(theta.data[i * theta.cols + j]);
    g = Math.max(g, row);
  }
  return g;
}

function assertTimes(times: readonly number[]): void {
  if (!Array.isArray(times) || times.length === 0) {
    throw new InvalidArgumentError('times must be a non-empty array of finite times t >= 0, ascending');
  }
  times.forEach((t, k) => {
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || (k > 0 && t < times[k - 1])) {
      throw new InvalidArgumentError(
        `times[${k}] = ${String(t)}: times must be finite numbers >= 0 in ascending order (the logistic flow has no t = ∞ limit: f grows without bound)`,
      );
    }
  });
}

/**
 * Integrates the linearised logistic-loss dynamics df/dt = −ηΘ r(f) from f₀ with RK4 and
 * reports f_t on the training (and test) points at each requested time, with the step-halving
 * error estimate. Θ = kTrainTrain (n×n symmetric), y = yTrain (n; ±1 labels for Algorithm 1).
 * Throws ShapeError / NonFiniteError on malformed input, InvalidArgumentError for η ≤ 0,
 * h ≤ 0, h beyond RK4's stability limit 2.78·4/(η λ_max max y²) (checked against the
 * Gershgorin bound of λ_max: the message gives the bound), bad times, or more than
 * MAX_FLOW_STEPS steps in total.
 */
export function logisticFlow(kTrainTrain: Matrix, yTrain: ArrayLike<number>, opts: LogisticFlowOptions): LogisticFlowResult {
  assertKernelMatrix('kTrainTrain', kTrainTrain);
  const n = kTrainTrain.rows;
  assertTargets('yTrain', yTrain, n);
  const y = Float64Array.from(yTrain);
  if (opts === null || typeof opts !== 'object') throw new InvalidArgumentError('logisticFlow needs options {times, learningRate?, stepSize?, …}');
  const eta = opts.learningRate ?? 1;
  if (typeof eta !== 'number' || !Number.isFinite(eta) || !(eta > 0)) {
    throw new InvalidArgumentError(`learningRate must be a finite number > 0, got ${String(eta)}`);
  }
  assertTimes(opts.times);
  const stiffness = eta * gershgorin(kTrainTrain) * y.reduce((m, v) => Math.max(m, v * v), 0);
  const h = opts.stepSize ?? (stiffness > 0 ? 1 / stiffness : Math.max(opts.times[opts.times.length - 1], 1));
  if (typeof h !== 'number' || !Number.isFinite(h) || !(h > 0)) {
    throw new InvalidArgumentError(`stepSize must be a finite number > 0, got ${String(h)}`);
  }
  const stabilityLimit = (4 * 2.78) / stiffness;
  if (h >= stabilityLimit) {
    throw new InvalidArgumentError(
      `stepSize ${h} is beyond RK4's stability limit for this kernel: h·η·λ_max·max y²/4 must stay below 2.78, ` +
        `i.e. h < ${stabilityLimit} (with the Gershgorin bound of λ_max); pass a smaller stepSize or omit it`,
    );
  }
  const f0 = opts.fTrain0 === undefined ? new Float64Array(n) : (assertTargets('fTrain0', opts.fTrain0, n), Float64Array.from(opts.fTrain0));
  let fTest0: Float64Array | undefined;
  if (opts.kTestTrain !== undefined) {
    assertCrossKernel('kTestTrain', opts.kTestTrain, n);
    const m = opts.kTestTrain.rows;
    fTest0 = opts.fTest0 === undefined ? new Float64Array(m) : (assertTargets('fTest0', opts.fTest0, m), Float64Array.from(opts.fTest0));
  } else if (opts.fTest0 !== undefined) {
    throw new InvalidArgumentError('fTest0 needs kTestTrain (the test × train kernel)');
  }
  const estimate = opts.estimateError !== false;
  const coarse = opts.times.map((t, k) => Math.ceil((t - (k === 0 ? 0 : opts.times[k - 1])) / h));
  const total = coarse.reduce((a, b) => a + b, 0) * (estimate ? 3 : 1);
  if (total > MAX_FLOW_STEPS) {
    throw new InvalidArgumentError(
      `the flow to t = ${opts.times[opts.times.length - 1]} with stepSize ${h} takes ${total} RK4 steps (limit ${MAX_FLOW_STEPS}); pass a larger stepSize or a shorter time`,
    );
  }
  const fine = integrate(kTrainTrain, y, f0, eta, opts.times, estimate ? coarse.map((s) => 2 * s) : coarse, opts.backend);
  const test = (traj: Trajectory) =>
    fTest0 === undefined ? undefined : traj.integrals.map((c) => {
      const kc = matvec(opts.kTestTrain!, c, { backend: opts.backend });
      return fTest0!.map((v, i) => v - eta * kc[i]);
    });
  const fineTest = test(fine);
  let errorEstimate = NaN;
  if (estimate) {
    const rough = integrate(kTrainTrain, y, f0, eta, opts.times, coarse, opts.backend);
    const roughTest = test(rough);
    errorEstimate = 0;
    const compare = (a: Float64Array[], b: Float64Array[]) =>
      a.forEach((v, k) => v.forEach((x, i) => (errorEstimate = Math.max(errorEstimate, Math.abs(x - b[k][i]) / 15))));
    compare(fine.train, rough.train);
    if (fineTest !== undefined) compare(fineTest, roughTest!);
  }
  return Object.freeze({
    times: [...opts.times],
    train: fine.train,
    ...(fineTest !== undefined ? { test: fineTest } : {}),
    stepSize: estimate ? h / 2 : h,
    errorEstimate,
  });
}
