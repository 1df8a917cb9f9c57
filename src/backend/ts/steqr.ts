// Plain-TS twin of assembly/steqr.ts: implicit QL with the Wilkinson shift (EISPACK tql2) on
// a symmetric tridiagonal matrix, rotations accumulated on the rows of z, in the same
// operation order (bit-exact).

const EPS = 2.220446049250313e-16;

/** √(a² + b²) without overflow or destructive underflow: big·√(1 + (small/big)²). */
function pythag(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = Math.max(x, y);
  if (big === 0) return 0;
  const q = Math.min(x, y) / big;
  return big * Math.sqrt(1 + q * q);
}

/**
 * Eigenvalues of tridiag(e, d, e) into d (unsorted), rotations applied to the rows of the
 * n×n z (leading dimension ldz). Returns −1, or the index whose eigenvalue was not isolated
 * within maxSweeps QL sweeps in total.
 */
export function steqr(h: Float64Array, n: number, d: number, e: number, z: number, ldz: number, maxSweeps: number): number {
  if (n === 0) return -1;
  h[e + n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  let sweeps = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(h[d + l]) + Math.abs(h[e + l]));
    let m = l;
    while (m < n - 1 && !(Math.abs(h[e + m]) <= EPS * tst1)) m++;
    if (m > l) {
      do {
        if (sweeps >= maxSweeps) return l;
        sweeps++;
        let g = h[d + l];
        let p = (h[d + l + 1] - g) / (2 * h[e + l]);
        let r = pythag(p, 1);
        if (p < 0) r = -r;
        h[d + l] = h[e + l] / (p + r);
        h[d + l + 1] = h[e + l] * (p + r);
        const dl1 = h[d + l + 1];
        let hh = g - h[d + l];
        for (let i = l + 2; i < n; i++) h[d + i] = h[d + i] - hh;
        f = f + hh;
        p = h[d + m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = h[e + l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * h[e + i];
          hh = c * p;
          r = pythag(p, h[e + i]);
          h[e + i + 1] = s * r;
          s = h[e + i] / r;
          c = p / r;
          p = c * h[d + i] - s * g;
          h[d + i + 1] = hh + s * (c * g + s * h[d + i]);
          const ri = z + i * ldz;
          const ri1 = ri + ldz;
          for (let j = 0; j < n; j++) {
            const t = h[ri1 + j];
            const zi = h[ri + j];
            h[ri1 + j] = s * zi + c * t;
            h[ri + j] = c * zi - s * t;
          }
        }
        p = -s * s2 * c3 * el1 * h[e + l] / dl1;
        h[e + l] = s * p;
        h[d + l] = c * p;
      } while (!(Math.abs(h[e + l]) <= EPS * tst1));
    }
    h[d + l] = h[d + l] + f;
    h[e + l] = 0;
  }
  return -1;
}
