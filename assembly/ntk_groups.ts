// Analytic NNGP and per-parameter-group tangent kernels of the ReLU RNN (docs/kernel-function.md).
//
// Layout and the forward recursion are those of assembly/ntk.ts (c_l, ρ_l, k_l, κ0, κ1 with the
// same operations in the same order). Per pair (i, j), one forward pass accumulates
//   NNGP  = vB·k_L
//   Θ_W   = Σ_l b_l·k_{l−1}        Horner: G^l  = k_{l−1}       + ((vW/2)·κ0(ρ_{l−1}))·G^{l−1}
//   Θ_A   = Σ_l b_l·⟨X_il, X_jl⟩   Horner: GA^l = ⟨X_il, X_jl⟩  + ((vW/2)·κ0(ρ_{l−1}))·GA^{l−1}
//   Θ_M0  = (vW/2)·b_1,  b_1 = ((vB/2)·κ0(ρ_L))·P,  P = Π_{l<L} ((vW/2)·κ0(ρ_l)) (left to right)
//   Θ_B   = k_L/m  (the 1/m-normalised kernel of B; 0 in the infinite-width limit)
// with Θ_W = ((vB/2)·κ0(ρ_L))·G^L computed exactly as ntkAnalytic computes H∞ (same bits), and
//   ntk = ((wW·Θ_W + wA·Θ_A) + wM0·Θ_M0) + wB·k_L,   wB = 1/m or 0.
// Rows i ∈ [i0, i1) only, so callers may split the rows over threads; `shape` 0: cross kernel
// (na×nb), 1: symmetric (j ≥ i computed and mirrored; row ranges write disjoint entries),
// 2: the diagonal alone (out has na entries, xb/cb ignored, O(na·L·d)).
// Pairs run four at a time (two f64x2 chains) off the diagonal, with the bits of the scalar path.
// The TS twin src/backend/ts/ntk-groups.ts repeats every operation in the same order.
import { addr } from './address';
import { INV_PI, PI, correlation, correlationLanes, gramLanes, kappa1Lanes, scaleLanes } from './arc_cosine_steps';
import { pacos } from './portable_trig';
import { pacosLanes } from './portable_trig_lanes';
import { dotLanes } from './simd_loops';

/** Scalar recursion of one pair; writes nngp / ntk at element `o` (and `om` if mirror). */
// @ts-ignore: decorator
@inline function groupsScalar(
  i: i32, j: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32,
  v0: f64, vW: f64, vA: f64, vB: f64, wW: f64, wA: f64, wM0: f64, wB: f64,
  diag: bool, mirror: bool, wantNngp: bool, nngp: u32, ntk: u32, o: i32, om: i32,
): void {
  const halfVW = 0.5 * vW;
  let kPrev = 0.5 * v0;
  let k0Prev = 0.0;
  let G = 0.0;
  let GA = 0.0;
  let P = 1.0;
  for (let l = 1; l <= L; l++) {
    const dot = dotLanes(addr(xa + <u32>((i * L + l - 1) * d)), addr(xb + <u32>((j * L + l - 1) * d)), d);
    const c = vW * kPrev + vA * dot;
    const q = sqrt<f64>(load<f64>(addr(ca + <u32>(i * L + l - 1))) * load<f64>(addr(cb + <u32>(j * L + l - 1))));
    const rho = diag ? 1.0 : correlation(c, q);
    const piMinusAcos = PI - pacos(rho);
    const k0 = piMinusAcos * INV_PI;
    const k1 = (sqrt<f64>((1.0 - rho) * (1.0 + rho)) + piMinusAcos * rho) * INV_PI;
    const decay = halfVW * k0Prev;
    G = kPrev + decay * G;
    GA = dot + decay * GA;
    kPrev = 0.5 * q * k1;
    k0Prev = k0;
    if (l < L) P = P * (halfVW * k0);
  }
  const top = 0.5 * vB * k0Prev;
  const theta = ((wW * (top * G) + wA * (top * GA)) + wM0 * (halfVW * (top * P))) + wB * kPrev;
  store<f64>(addr(ntk + <u32>o), theta);
  if (mirror) store<f64>(addr(ntk + <u32>om), theta);
  if (wantNngp) {
    const g = vB * kPrev;
    store<f64>(addr(nngp + <u32>o), g);
    if (mirror) store<f64>(addr(nngp + <u32>om), g);
  }
}

/** Writes the two lanes of v at o, o+1 and, if mirror, at m0 and m0 + stride. */
// @ts-ignore: decorator
@inline function storePair(base: u32, o: i32, v: v128, mirror: bool, m0: i32, stride: i32): void {
  v128.store(addr(base + <u32>o), v);
  if (mirror) {
    store<f64>(addr(base + <u32>m0), f64x2.extract_lane(v, 0));
    store<f64>(addr(base + <u32>(m0 + stride)), f64x2.extract_lane(v, 1));
  }
}

/** The pairs (i, j..j+3) as two f64x2 chains; lane t repeats groupsScalar's operations. */
// @ts-ignore: decorator
@inline function groupsQuad(
  i: i32, j: i32, nb: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32,
  v0: f64, vW: f64, vA: f64, vB: f64, wW: f64, wA: f64, wM0: f64, wB: f64,
  mirror: bool, wantNngp: bool, nngp: u32, ntk: u32,
): void {
  const vWv = f64x2.splat(vW);
  const vAv = f64x2.splat(vA);
  const halfVWv = f64x2.splat(0.5 * vW);
  const halfv = f64x2.splat(0.5);
  const one = f64x2.splat(1.0);
  const piv = f64x2.splat(PI);
  const invPiv = f64x2.splat(INV_PI);
  const rowStride = (<usize>(L * d)) << 3;
  const cStride = (<usize>L) << 3;
  let kA = f64x2.splat(0.5 * v0);
  let kB = kA;
  let k0A = f64x2.splat(0.0);
  let k0B = k0A;
  let gA = k0A;
  let gB = k0A;
  let gaA = k0A;
  let gaB = k0A;
  let pA = one;
  let pB = one;
  for (let l = 1; l <= L; l++) {
    const pa = addr(xa + <u32>((i * L + l - 1) * d));
    const pb = addr(xb + <u32>((j * L + l - 1) * d));
    const pcb = addr(cb + <u32>(j * L + l - 1));
    const cai = load<f64>(addr(ca + <u32>(i * L + l - 1)));
    const qA = scaleLanes(cai, pcb, cStride);
    const qB = scaleLanes(cai, pcb + 2 * cStride, cStride);
    const dotA = gramLanes(pa, pb, rowStride, d);
    const dotB = gramLanes(pa, pb + 2 * rowStride, rowStride, d);
    const rhoA = correlationLanes(f64x2.add(f64x2.mul(vWv, kA), f64x2.mul(vAv, dotA)), qA);
    const rhoB = correlationLanes(f64x2.add(f64x2.mul(vWv, kB), f64x2.mul(vAv, dotB)), qB);
    const pmaA = f64x2.sub(piv, pacosLanes(rhoA));
    const pmaB = f64x2.sub(piv, pacosLanes(rhoB));
    const decayA = f64x2.mul(halfVWv, k0A);
    const decayB = f64x2.mul(halfVWv, k0B);
    gA = f64x2.add(kA, f64x2.mul(decayA, gA));
    gB = f64x2.add(kB, f64x2.mul(decayB, gB));
    gaA = f64x2.add(dotA, f64x2.mul(decayA, gaA));
    gaB = f64x2.add(dotB, f64x2.mul(decayB, gaB));
    kA = f64x2.mul(f64x2.mul(halfv, qA), kappa1Lanes(rhoA, pmaA));
    kB = f64x2.mul(f64x2.mul(halfv, qB), kappa1Lanes(rhoB, pmaB));
    k0A = f64x2.mul(pmaA, invPiv);
    k0B = f64x2.mul(pmaB, invPiv);
    if (l < L) {
      pA = f64x2.mul(pA, f64x2.mul(halfVWv, k0A));
      pB = f64x2.mul(pB, f64x2.mul(halfVWv, k0B));
    }
  }
  const halfVBv = f64x2.splat(0.5 * vB);
  const topA = f64x2.mul(halfVBv, k0A);
  const topB = f64x2.mul(halfVBv, k0B);
  const wWv = f64x2.splat(wW);
  const wAv = f64x2.splat(wA);
  const wM0v = f64x2.splat(wM0);
  const wBv = f64x2.splat(wB);
  const thA = f64x2.add(
    f64x2.add(
      f64x2.add(f64x2.mul(wWv, f64x2.mul(topA, gA)), f64x2.mul(wAv, f64x2.mul(topA, gaA))),
      f64x2.mul(wM0v, f64x2.mul(halfVWv, f64x2.mul(topA, pA))),
    ),
    f64x2.mul(wBv, kA),
  );
  const thB = f64x2.add(
    f64x2.add(
      f64x2.add(f64x2.mul(wWv, f64x2.mul(topB, gB)), f64x2.mul(wAv, f64x2.mul(topB, gaB))),
      f64x2.mul(wM0v, f64x2.mul(halfVWv, f64x2.mul(topB, pB))),
    ),
    f64x2.mul(wBv, kB),
  );
  const o = i * nb + j;
  const m0 = j * nb + i;
  storePair(ntk, o, thA, mirror, m0, nb);
  storePair(ntk, o + 2, thB, mirror, m0 + 2 * nb, nb);
  if (wantNngp) {
    const vBv = f64x2.splat(vB);
    storePair(nngp, o, f64x2.mul(vBv, kA), mirror, m0, nb);
    storePair(nngp, o + 2, f64x2.mul(vBv, kB), mirror, m0 + 2 * nb, nb);
  }
}

/**
 * NNGP and the weighted sum of group kernels for rows [i0, i1) (see the file header).
 * vars: [v0, vW, vA, vB]; weights: [wW, wA, wM0, wB] (wB multiplies k_L: 1/m, or 0 in the
 * limit). ca, cb: ntkDiagonal outputs. wantNngp ≠ 0 writes nngp (same layout as ntk).
 */
export function ntkGroups(
  na: i32, nb: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32, vars: u32, weights: u32,
  shape: i32, i0: i32, i1: i32, wantNngp: i32, nngp: u32, ntk: u32,
): void {
  const pv = addr(vars);
  const v0 = load<f64>(pv);
  const vW = load<f64>(pv + 8);
  const vA = load<f64>(pv + 16);
  const vB = load<f64>(pv + 24);
  const pw = addr(weights);
  const wW = load<f64>(pw);
  const wA = load<f64>(pw + 8);
  const wM0 = load<f64>(pw + 16);
  const wB = load<f64>(pw + 24);
  const want = wantNngp != 0;
  if (shape == 2) {
    for (let i = i0; i < i1; i++) {
      groupsScalar(i, i, L, d, xa, xa, ca, ca, v0, vW, vA, vB, wW, wA, wM0, wB, true, false, want, nngp, ntk, i, i);
    }
    return;
  }
  const sym = shape == 1;
  for (let i = i0; i < i1; i++) {
    let j = 0;
    if (sym) {
      j = i;
      const o = i * nb + i;
      groupsScalar(i, i, L, d, xa, xb, ca, cb, v0, vW, vA, vB, wW, wA, wM0, wB, true, false, want, nngp, ntk, o, o);
      j++;
    }
    for (; j + 3 < nb; j += 4) {
      groupsQuad(i, j, nb, L, d, xa, xb, ca, cb, v0, vW, vA, vB, wW, wA, wM0, wB, sym, want, nngp, ntk);
    }
    for (; j < nb; j++) {
      groupsScalar(i, j, L, d, xa, xb, ca, cb, v0, vW, vA, vB, wW, wA, wM0, wB, false, sym, want, nngp, ntk, i * nb + j, j * nb + i);
    }
  }
}
