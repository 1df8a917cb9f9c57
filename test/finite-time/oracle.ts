/**
 * Dense matrix-function oracles for the finite-time tests, independent of the eigendecomposition:
 * φ(−A) = Σ_k (−A)^k/(k+1)! = A⁻¹(I − e^{−A}) and e^{−A} = I − A φ(−A) by the Taylor series
 * with scaling and squaring — e^{−A} = (e^{−A/2^s})^{2^s} with ‖A‖/2^s ≤ ½ — summed to 30 terms
 * (truncation < 0.5^30/30! ≈ 4e−42), in plain row-major loops.
 */
export function denseProduct(a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) c[i * m + j] += a[i * k + p] * b[p * m + j];
  return c;
}

function infNorm(a: ArrayLike<number>, n: number): number {
  let g = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += Math.abs(a[i * n + j]);
    g = Math.max(g, r);
  }
  return g;
}

/** Σ_{k<30} (−A)^k/(k+1)! for ‖A‖∞ ≤ ½. */
function phiSeries(a: ArrayLike<number>, n: number): Float64Array {
  const sum = new Float64Array(n * n);
  let term: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) term[i * n + i] = 1;
  for (let k = 0; k < 30; k++) {
    for (let e = 0; e < n * n; e++) sum[e] += term[e];
    term = denseProduct(term, a, n, n, n).map((v) => (-v) / (k + 2));
  }
  return sum;
}

/** e^{−A} by scaling and squaring of the series. */
export function denseExpNeg(a: ArrayLike<number>, n: number): Float64Array {
  let s = 0;
  while (infNorm(a, n) / 2 ** s > 0.5) s++;
  const scaled = Float64Array.from(a, (v) => v / 2 ** s);
  const phi = phiSeries(scaled, n);
  let e: Float64Array = denseProduct(scaled, phi, n, n, n).map((v) => -v);
  for (let i = 0; i < n; i++) e[i * n + i] += 1;
  for (let q = 0; q < s; q++) e = denseProduct(e, e, n, n, n);
  return e;
}

/** Solves A X = B (A n×n, B n×m) by Gaussian elimination with partial pivoting. */
export function denseSolve(a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number): Float64Array {
  const A = Float64Array.from(a);
  const X = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[p * n + c])) p = r;
    for (let j = 0; j < n; j++) [A[c * n + j], A[p * n + j]] = [A[p * n + j], A[c * n + j]];
    for (let j = 0; j < m; j++) [X[c * m + j], X[p * m + j]] = [X[p * m + j], X[c * m + j]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / A[c * n + c];
      for (let j = c; j < n; j++) A[r * n + j] -= f * A[c * n + j];
      for (let j = 0; j < m; j++) X[r * m + j] -= f * X[c * m + j];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let j = 0; j < m; j++) {
      let v = X[c * m + j];
      for (let q = c + 1; q < n; q++) v -= A[c * n + q] * X[q * m + j];
      X[c * m + j] = v / A[c * n + c];
    }
  }
  return X;
}
