// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by the implicit QL method
// with the Wilkinson shift of the leading 2×2 block (EISPACK tql2: Bowdler, Martin, Reinsch
// & Wilkinson, Numer. Math. 11 (1968) 293–306, in the 0-based form of JAMA / ml-matrix), the
// plane rotations accumulated onto the ROWS of z, so each rotation is two contiguous rows.
//
// steqr(n, d, e, z, ldz, maxSweeps): d (n) the diagonal, e (n) the off-diagonal, e_i coupling
// i and i+1 (e_{n−1} ignored). On return d holds the eigenvalues (unsorted), e is destroyed,
// and row i of z has been replaced by Σ_j G_ji z_j, where G is the product of the rotations —
// so if z held Qᵀ from orgtrT, row i of z is the unit eigenvector of A for d_i.
// A block starting at l is split off where |e_m| ≤ ε·tst1 (ε = 2⁻⁵², tst1 the largest
// |d_i| + |e_i| seen so far). Returns −1, or the index l whose eigenvalue was still not
// isolated when the total number of QL sweeps reached maxSweeps (LAPACK dsteqr allows 30·n).
//
// Per rotation (c, s) of rows i, i+1, element by element: h = z_{i+1,j};
// z_{i+1,j} = s·z_ij + c·h;  z_ij = c·z_ij − s·h. The scalar recurrence uses `pythag` below.
// The TS twin (src/backend/ts/steqr.ts) performs the same operations in the same order:
// bit-exact.
import { addr } from './address';

const EPS: f64 = 2.220446049250313e-16;

/** √(a² + b²) without overflow or destructive underflow: big·√(1 + (small/big)²). */
// @ts-ignore: decorator
@inline function pythag(a: f64, b: f64): f64 {
  const x = abs<f64>(a);
  const y = abs<f64>(b);
  const big = max<f64>(x, y);
  if (big == 0.0) return 0.0;
  const q = min<f64>(x, y) / big;
  return big * sqrt<f64>(1.0 + q * q);
}

/** Rotates rows i (byte pointer ri) and i+1 (ri1) over n entries; see the header. */
// @ts-ignore: decorator
@inline function rotateRows(n: i32, c: f64, s: f64, ri: usize, ri1: usize): void {
  const cv = f64x2.splat(c);
  const sv = f64x2.splat(s);
  const even = n & ~1;
  for (let j = 0; j < even; j += 2) {
    const o = (<usize>j) << 3;
    const h = v128.load(ri1 + o);
    const zi = v128.load(ri + o);
    v128.store(ri1 + o, f64x2.add(f64x2.mul(sv, zi), f64x2.mul(cv, h)));
    v128.store(ri + o, f64x2.sub(f64x2.mul(cv, zi), f64x2.mul(sv, h)));
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    const h = load<f64>(ri1 + o);
    const zi = load<f64>(ri + o);
    store<f64>(ri1 + o, s * zi + c * h);
    store<f64>(ri + o, c * zi - s * h);
  }
}

// @ts-ignore: decorator
@inline function ld(p: u32, i: i32): f64 {
  return load<f64>(addr(p + <u32>i));
}

// @ts-ignore: decorator
@inline function st(p: u32, i: i32, v: f64): void {
  store<f64>(addr(p + <u32>i), v);
}

/** Implicit QL on tridiag(e, d, e) with rotations accumulated on the rows of z; see the header. */
export function steqr(n: i32, d: u32, e: u32, z: u32, ldz: i32, maxSweeps: i32): i32 {
  if (n == 0) return -1;
  const ldb = (<usize>ldz) << 3;
  st(e, n - 1, 0.0);
  let f = 0.0;
  let tst1 = 0.0;
  let sweeps = 0;
  for (let l = 0; l < n; l++) {
    tst1 = max<f64>(tst1, abs<f64>(ld(d, l)) + abs<f64>(ld(e, l)));
    let m = l;
    while (m < n - 1 && !(abs<f64>(ld(e, m)) <= EPS * tst1)) m++;
    if (m > l) {
      do {
        if (sweeps >= maxSweeps) return l;
        sweeps++;
        let g = ld(d, l);
        let p = (ld(d, l + 1) - g) / (2.0 * ld(e, l));
        let r = pythag(p, 1.0);
        if (p < 0.0) r = -r;
        st(d, l, ld(e, l) / (p + r));
        st(d, l + 1, ld(e, l) * (p + r));
        const dl1 = ld(d, l + 1);
        let h = g - ld(d, l);
        for (let i = l + 2; i < n; i++) st(d, i, ld(d, i) - h);
        f = f + h;
        p = ld(d, m);
        let c = 1.0;
        let c2 = c;
        let c3 = c;
        const el1 = ld(e, l + 1);
        let s = 0.0;
        let s2 = 0.0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * ld(e, i);
          h = c * p;
          r = pythag(p, ld(e, i));
          st(e, i + 1, s * r);
          s = ld(e, i) / r;
          c = p / r;
          p = c * ld(d, i) - s * g;
          st(d, i + 1, h + s * (c * g + s * ld(d, i)));
          const ri = addr(z) + (<usize>i) * ldb;
          rotateRows(n, c, s, ri, ri + ldb);
        }
        p = -s * s2 * c3 * el1 * ld(e, l) / dl1;
        st(e, l, s * p);
        st(d, l, c * p);
      } while (!(abs<f64>(ld(e, l)) <= EPS * tst1));
    }
    st(d, l, ld(d, l) + f);
    st(e, l, 0.0);
  }
  return -1;
}
