// BLAS level 1 on f64 vectors with unit stride.
//
// Operation order (the TS twins in src/backend/ts/blas1.ts repeat it, so results are bit-exact):
// - dot: two lanes accumulate even and odd indices separately over the largest even prefix,
//   s = lane0 + lane1, then the odd tail element (if any) is added last.
// - axpy, scal: element-wise, so the order is irrelevant (one rounding per element).
import { addr } from './address';

/** Σ x_i y_i over i < n. */
export function dot(n: i32, x: u32, y: u32): f64 {
  const px = addr(x);
  const py = addr(y);
  let acc = f64x2.splat(0.0);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(px + o), v128.load(py + o)));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (n & 1) {
    const o = (<usize>even) << 3;
    s += load<f64>(px + o) * load<f64>(py + o);
  }
  return s;
}

/** y ← α x + y. */
export function axpy(n: i32, alpha: f64, x: u32, y: u32): void {
  const px = addr(x);
  const py = addr(y);
  const a = f64x2.splat(alpha);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    v128.store(py + o, f64x2.add(f64x2.mul(a, v128.load(px + o)), v128.load(py + o)));
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    store<f64>(py + o, alpha * load<f64>(px + o) + load<f64>(py + o));
  }
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
