// Inline SIMD inner loops on byte pointers, shared by several kernels so that each summation
// order is written once (blas1, blas2, potrf, rnn, ntk). Not re-exported by index.ts: these
// are building blocks inlined into the kernels, not wasm exports.
//
// Operation order (the TS twins repeat it, so results are bit-exact):
// - two-lane dot: lanes accumulate even and odd indices separately over the largest even
//   prefix, s = lane0 + lane1, then the odd tail element (if any) is added last;
// - axpy rows: element-wise, y_i = y_i + s0·r0_i (+ s1·r1_i + s2·r2_i + s3·r3_i, left to right).

/** Finishes a two-lane dot product of x and y over n entries: lane0 + lane1, then the odd tail. */
// @ts-ignore: decorator
@inline export function finishDotLanes(acc: v128, px: usize, py: usize, even: i32, n: i32): f64 {
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (n & 1) {
    const o = (<usize>even) << 3;
    s += load<f64>(px + o) * load<f64>(py + o);
  }
  return s;
}

/** Σ x_i y_i over i < n (byte pointers px, py), in the two-lane order above. */
// @ts-ignore: decorator
@inline export function dotLanes(px: usize, py: usize, n: i32): f64 {
  let acc = f64x2.splat(0.0);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(px + o), v128.load(py + o)));
  }
  return finishDotLanes(acc, px, py, even, n);
}

/** y(n) ← y + s·r element by element (byte pointers r, y). */
// @ts-ignore: decorator
@inline export function axpyLanes(n: i32, s: f64, r: usize, y: usize): void {
  const sv = f64x2.splat(s);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(sv, v128.load(r + o))));
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    store<f64>(y + o, load<f64>(y + o) + s * load<f64>(r + o));
  }
}

/** y(n) ← y + s0·r0 + s1·r1 + s2·r2 + s3·r3, left to right per element (one load/store of y). */
// @ts-ignore: decorator
@inline export function axpy4Lanes(
  n: i32, s0: f64, r0: usize, s1: f64, r1: usize, s2: f64, r2: usize, s3: f64, r3: usize, y: usize,
): void {
  const v0 = f64x2.splat(s0);
  const v1 = f64x2.splat(s1);
  const v2 = f64x2.splat(s2);
  const v3 = f64x2.splat(s3);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    let acc = v128.load(y + o);
    acc = f64x2.add(acc, f64x2.mul(v0, v128.load(r0 + o)));
    acc = f64x2.add(acc, f64x2.mul(v1, v128.load(r1 + o)));
    acc = f64x2.add(acc, f64x2.mul(v2, v128.load(r2 + o)));
    acc = f64x2.add(acc, f64x2.mul(v3, v128.load(r3 + o)));
    v128.store(y + o, acc);
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    let t = load<f64>(y + o);
    t = t + s0 * load<f64>(r0 + o);
    t = t + s1 * load<f64>(r1 + o);
    t = t + s2 * load<f64>(r2 + o);
    t = t + s3 * load<f64>(r3 + o);
    store<f64>(y + o, t);
  }
}
