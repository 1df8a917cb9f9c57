/**
 * Shared test helpers: the one tolerance table, the one closeness check, and a helper that
 * turns "this wasm kernel equals its TS twin" into one line.
 */
import { expect } from 'vitest';
import { getBackend, type Backend } from '../src/backend/backend.js';

/** Every numeric tolerance used by the tests, with the reason for its size. */
export const TOL = {
  /**
   * An SGD update read back as W_after − W_before against −η Σ ℓ' y ∇f from the gradient path,
   * relative to max |ΔW|: the rounding of W (2^−52 max |W|) over max |ΔW| ≥ 1e−2 max |W| in the
   * tests bounds it by ~2e−14 (measured 6e−16).
   */
  sgdUpdate: 1e-13,
  /** portableExp vs Math.exp: both within 1 ulp of e^x, so they differ by at most ~2 ulp (2^−52 relative). */
  portableExp: 2.3e-16,
  /**
   * ∇_W f against central differences of f in f64 (issue 3): with ε = 1e−6 and no ReLU kink
   * within ±1e−4 (a perturbation moves each g by ≲ 10ε), truncation (ε² f''') and cancellation (1e−16 |f| / ε) both stay far below it.
   */
  finiteDifference: 1e-6,
  /** f64 round-off for O(1) quantities computed in a different operation order. */
  roundoff: 1e-12,
  /** The worked example (docs/theory.md#worked-example) is given to 12 digits. */
  specExample: 1e-12,
  /** docs/theory.md#hermite-coefficients states μ_r by quadrature of Theorem 5's integral agrees with the closed form to 1e−13. */
  hermiteQuadrature: 1e-13,
  /**
   * Analytic kernel vs the plain docs/theory.md#analytic-kernels reference (Math.acos, backward sum instead of the
   * Horner form): ≤ 64 steps, each a few ulp of relative error in the products b_l and k_l.
   */
  analyticReference: 1e-13,
  /**
   * Analytic kernel vs the reference when ρ_l ≈ 1 − 1e−5 (long sequences, L = 64): κ0 has slope
   * κ0′(ρ) = 1/(π√(1−ρ²)) ≈ 70 there, so each step's ~4e−16 rounding of ρ moves κ0 by ~3e−14,
   * and b_1 multiplies 64 of them: ≤ 64·3e−14 ≈ 2e−12. This is conditioning, not a bug.
   */
  nearDegenerateKernel: 2e-12,
  /**
   * A function complexity against its closed form: up to ~1e5 positive terms summed in f64
   * plus one exp/log round trip of |log C| ≲ 1e3, and closed forms like 4 − R² that cancel.
   */
  complexitySeries: 1e-12,
  /**
   * L·Lᵀ against A, relative Frobenius error, for well-conditioned SPD input (eigenvalues in
   * [1, ~5], n ≤ 300): backward-stable Cholesky gives ~n·2^−52 ≈ 1e−14; the bound of issue 2.
   */
  choleskyIdentity: 1e-12,
  /**
   * The constant c in the backward-error bounds ‖VᵀV − I‖_F ≤ c·n·ε and ‖AV − VΛ‖_F ≤ c·n·ε·‖A‖_F
   * of a symmetric eigendecomposition: Householder + QL are backward stable with a modest c
   * (Golub & Van Loan §8.3; LAPACK's own eigen tests accept ratios up to 30); measured ≤ 2.2 on
   * the test spectra (n = 2 … 64), so 4 leaves a factor 2. Eigenvalue errors are then
   * ≤ c·n·ε·‖A‖_F (Weyl).
   */
  eigenBackward: 4,
  /**
   * Finite-time MSE predictions (eigendecomposition) against the dense oracles of
   * test/finite-time/oracle.ts (series with scaling and squaring, Gaussian elimination) for a
   * well-conditioned Θ (cond ≈ 10–20, n = 12): each side carries ~cond·n·ε ≈ 5e−14 plus the
   * squarings' growth (≤ 2^5 at ηλ_max t = 20); 1e−11 leaves a factor ≥ 5.
   */
  finiteTimeDense: 1e-11,
  /**
   * A polar-method normal x·√(−2 log s / s) against the same formula with Math.log: the
   * portable log is within ~2.1·2^−52 relative of Math.log (measured on 4e5 points, including
   * s near 1), which moves √(−2 log s / s) by half that; with the 4 other roundings the
   * difference is ≲ 1e−15 relative. 1e−14 leaves a factor 10.
   */
  polarNormal: 1e-14,
  /**
   * portableLog vs Math.log, scaled by max(1, |log x|): both are within ~1 ulp of log x, so they
   * differ by ~2 ulp; below |log x| = 1 an ulp is ≤ 2^−53, so 2 ulp ≤ 2.2e−16, and above it 2 ulp
   * ≤ 4e−16·|log x| except just past a power of two (measured worst: 2.1·2^−52 relative).
   */
  portableLog: 4e-16,
  /**
   * portableSin/Cos/Atan/Log1p vs Math.* in ulps: fdlibm's error is < 1 ulp, so each result is
   * one of the two doubles around the true value, and two such results (V8's Math.* is also
   * fdlibm-derived) differ by at most 1 ulp (measured: 1 for sin/cos, 0 for atan/log1p).
   */
  portableElementaryUlps: 1,
  /**
   * portableSinh/Cosh vs Math.sinh/cosh in ulps: (e^a ∓ e^−a)/2 from a < 1 ulp exp, a rounded
   * reciprocal and a subtraction that magnifies by coth(1) ≈ 1.3 at worst (measured worst 2 on
   * 4e5 points; the Taylor branch below |x| = 1 measured ≤ 1).
   */
  portableHyperbolicUlps: 2,
} as const;

/** Both backends, for tests that run on each. */
export const BACKENDS: Backend[] = [getBackend('wasm'), getBackend('ts')];

/** Largest |a_i − b_i| / max(1, |b_i|). */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return e;
}

/** Asserts every |a_i − b_i| ≤ tol · max(1, |b_i|), reporting the worst index. */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  const e = maxRelErr(a, b);
  expect(e, `max relative error ${e} exceeds ${tol}`).toBeLessThanOrEqual(tol);
}

/** Asserts a and b are the same bits (NaN payloads aside), reporting the first difference. */
export function expectBitEqual(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) expect.fail(`element ${i}: ${a[i]} !== ${b[i]}`);
  }
}

/**
 * Runs `fn` on each backend with the same inputs placed in its heap and returns the outputs
 * read back, so a test can compare wasm against the twin in one line.
 * `inputs` are copied into the heap; `fn` gets their offsets and returns [offset, length] pairs
 * to read back (or a number, returned as is).
 */
export function onBothBackends(
  inputs: ReadonlyArray<ArrayLike<number>>,
  fn: (b: Backend, offsets: number[]) => Array<[number, number]> | number,
): Array<Float64Array[] | number> {
  return BACKENDS.map((b) =>
    b.heap.scope((s) => {
      const offs = inputs.map((x) => s.put(x));
      const r = fn(b, offs);
      return typeof r === 'number' ? r : r.map(([o, n]) => b.heap.read(o, n));
    }),
  );
}

/** The worked example's sequences (docs/theory.md#worked-example: default variances, L = 3, d = 2, n = 3), n×L×d. */
export const WORKED_EXAMPLE_X: number[][][] = [
  [[1, 0], [0.5, -1], [2, 1]],
  [[0, 1], [1, 1], [-1, 0.5]],
  [[1, 1], [-0.5, 2], [0, -1.5]],
];

/** Its H∞ as docs/theory.md#worked-example prints it (row-major 3×3, 16 digits; exact to 1e−12). */
export const WORKED_EXAMPLE_H: readonly number[] = [
  1.560185185185185, 1.029180308882395, 0.97297156193268, 1.029180308882395, 1.574074074074074, 1.189207101707067,
  0.97297156193268, 1.189207101707067, 1.652777777777778,
];
