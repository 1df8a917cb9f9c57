/**
 * All eigenvalues of a symmetric matrix, for the spectrum view: Householder reduction to
 * tridiagonal form, then the QL algorithm with implicit Wilkinson shifts (Numerical Recipes
 * §11.2–11.3, tred2 without eigenvectors and tqli). O(4n³/3) operations: about a third of a
 * second at n = 500. Only +, −, ×, ÷ and √ (correctly rounded in every engine), so the same
 * matrix gives the same bits in Node and in browsers.
 *
 * The library has no eigendecomposition yet (its λ_min is inverse iteration on the Cholesky
 * factor); this app-side routine stands in until one lands, and the page says so.
 */

/** √(a² + b²) without destructive overflow or underflow (NR's pythag). */
function pythag(a: number, b: number): number {
  const absa = Math.abs(a);
  const absb = Math.abs(b);
  if (absa > absb) return absa * Math.sqrt(1 + (absb / absa) * (absb / absa));
  return absb === 0 ? 0 : absb * Math.sqrt(1 + (absa / absb) * (absa / absb));
}

/** Householder tridiagonalisation in place: returns the diagonal d and the sub-diagonal e (e[0] = 0). */
function tridiagonalize(a: Float64Array, n: number): { d: Float64Array; e: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const row = i * n;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(a[row + k]);
      if (scale === 0) e[i] = a[row + l];
      else {
        for (let k = 0; k <= l; k++) {
          a[row + k] /= scale;
          h += a[row + k] * a[row + k];
        }
        let f = a[row + l];
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        a[row + l] = f - g;
        f = 0;
        for (let j = 0; j <= l; j++) {
          g = 0;
          for (let k = 0; k <= j; k++) g += a[j * n + k] * a[row + k];
          for (let k = j + 1; k <= l; k++) g += a[k * n + j] * a[row + k];
          e[j] = g / h;
          f += e[j] * a[row + j];
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          f = a[row + j];
          g = e[j] - hh * f;
          e[j] = g;
          for (let k = 0; k <= j; k++) a[j * n + k] -= f * e[k] + g * a[row + k];
        }
      }
    } else e[i] = a[row + l];
  }
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  return { d, e };
}

/** The QL algorithm with implicit shifts on a tridiagonal (d, e): d becomes the eigenvalues. */
function tridiagonalEigenvalues(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m !== l) {
        if (iterations++ === 60) throw new Error(`the QL iteration did not converge at eigenvalue ${l}`);
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = pythag(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = pythag(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
}

/** The eigenvalues of the symmetric n×n matrix `a` (row-major, not modified), in descending order. */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  if (a.length !== n * n) throw new Error(`expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  const { d, e } = tridiagonalize(Float64Array.from(a), n);
  tridiagonalEigenvalues(d, e);
  return d.sort().reverse();
}
