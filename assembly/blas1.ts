// BLAS level 1 on f64 vectors with unit stride.
//
// Operation order (the TS twins in src/backend/ts/blas1.ts repeat it, so results are bit-exact):
// - dot: two lanes accumulate even and odd indices separately over the largest even prefix,
//   s = lane0 + lane1, then the odd tail element (if any) is added last (`dotLanes`,
//   assembly/simd_loops.ts, the one copy of this order that other kernels inline too).
// - axpy, scal: element-wise, so the order is irrelevant (one rounding per element).
import { addr } from './address';
import { axpyLanes, dotLanes } from './simd_loops';

/** Σ x_i y_i over i < n. */
export function dot(n: i32, x: u32, y: u32): f64 {
  return dotLanes(addr(x), addr(y), n);
}

/** y ← α x + y. */
export function axpy(n: i32, alpha: f64, x: u32, y: u32): void {
  axpyLanes(n, alpha, addr(x), addr(y));
}

/** x ← α x. */
export function scal(n: i32, alpha: f64, x: u32): void {
  const px = addr(x);
  const a = f64x2.splat(alpha);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    v128.store(px + o, f64x2.mul(a, v128.load(px + o)));
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    store<f64>(px + o, alpha * load<f64>(px + o));
  }
}
