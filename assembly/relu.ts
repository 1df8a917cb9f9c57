// ReLU forward with its derivative mask, and the masked product of backprop (D_l of docs/theory.md#gradient:
// D_l = diag(1[g_l > 0]), so δ_{l−1} = D_{l−1} Wᵀ δ_l is mulMask(Wᵀ δ_l, mask_{l−1})).
//
// Element-wise, one rounding at most per element, so the TS twins in src/backend/ts/relu.ts are
// bit-exact. Conventions: h_i = max(g_i, 0) with IEEE max semantics (NaN propagates, max(−0, 0)
// = +0, as Math.max); mask_i = 1 when g_i > 0, else 0 (derivative 0 at the kink; NaN → 0).
import { addr } from './address';

/** h_i = max(g_i, 0), mask_i = 1 if g_i > 0 else 0, for i < n. h may alias g. */
export function reluMask(n: i32, g: u32, h: u32, mask: u32): void {
  const pg = addr(g);
  const ph = addr(h);
  const pm = addr(mask);
  const zero = f64x2.splat(0.0);
  const one = f64x2.splat(1.0);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    const gv = v128.load(pg + o);
    v128.store(pm + o, v128.and(f64x2.gt(gv, zero), one));
    v128.store(ph + o, f64x2.max(gv, zero));
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    const gi = load<f64>(pg + o);
    store<f64>(pm + o, gi > 0.0 ? 1.0 : 0.0);
    store<f64>(ph + o, max(gi, 0.0));
  }
}

/** y_i = mask_i · x_i for i < n. y may alias x. */
export function mulMask(n: i32, x: u32, mask: u32, y: u32): void {
  const px = addr(x);
  const pm = addr(mask);
  const py = addr(y);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const o = (<usize>i) << 3;
    v128.store(py + o, f64x2.mul(v128.load(pm + o), v128.load(px + o)));
  }
  if (n & 1) {
    const o = (<usize>even) << 3;
    store<f64>(py + o, load<f64>(pm + o) * load<f64>(px + o));
  }
}
