// The per-step pieces of the arc-cosine recursion of the analytic kernels (assembly/ntk.ts,
// assembly/ntk_groups.ts), written once so both kernels perform the same operations: the
// clamped correlation, κ1 on two lanes, and the lane-wise Gram entries and scales of two pairs.
// Not re-exported by index.ts: building blocks inlined into the kernels.
import { dotLanes } from './simd_loops';

export const PI: f64 = 3.141592653589793;
export const INV_PI: f64 = 0.3183098861837907; // fl(1/π); π·INV_PI = 1 exactly, so κ0(1) = κ1(1) = 1

/** ρ = c/q clamped to [−1, 1]: the one place where round-off past ±1 is removed. */
// @ts-ignore: decorator
@inline export function correlation(c: f64, q: f64): f64 {
  const r = c / q;
  return r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}

/** `correlation` on both lanes (same bits: min/max equal the comparisons for non-NaN ρ). */
// @ts-ignore: decorator
@inline export function correlationLanes(c: v128, q: v128): v128 {
  return f64x2.min(f64x2.max(f64x2.div(c, q), f64x2.splat(-1.0)), f64x2.splat(1.0));
}

/** Lane-wise ⟨X_il, X_jl⟩ and ⟨X_il, X_{j+1},l⟩ (row pointers pa, pb; stride between b rows). */
// @ts-ignore: decorator
@inline export function gramLanes(pa: usize, pb: usize, stride: usize, d: i32): v128 {
  return f64x2.replace_lane(f64x2.splat(dotLanes(pa, pb, d)), 1, dotLanes(pa, pb + stride, d));
}

/** q = √(c_l(i,i)·c_l(j,j)) for the pairs (i, j), (i, j+1), lane-wise (cai = c_l(i,i)). */
// @ts-ignore: decorator
@inline export function scaleLanes(cai: f64, pcb: usize, strideL: usize): v128 {
  const cbv = f64x2.replace_lane(f64x2.splat(load<f64>(pcb)), 1, load<f64>(pcb + strideL));
  return f64x2.sqrt(f64x2.mul(f64x2.splat(cai), cbv));
}

/** κ1(ρ)·π⁻¹-scaled as in pairScalar: (√((1−ρ)(1+ρ)) + (π − acos ρ)·ρ)·INV_PI, lane-wise. */
// @ts-ignore: decorator
@inline export function kappa1Lanes(rho: v128, piMinusAcos: v128): v128 {
  const one = f64x2.splat(1.0);
  const root = f64x2.sqrt(f64x2.mul(f64x2.sub(one, rho), f64x2.add(one, rho)));
  return f64x2.mul(f64x2.add(root, f64x2.mul(piMinusAcos, rho)), f64x2.splat(INV_PI));
}

