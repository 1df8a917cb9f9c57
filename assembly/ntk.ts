// Analytic infinite-width tangent kernel of the ReLU RNN (docs/theory.md#tangent-kernel, Theorems 5 and 6).
//
// Layout: a batch of n sequences is n×L×d row-major (X_{i,l} at element (i·L + l−1)·d);
// `vars` holds the four variances [v0, vW, vA, vB] (docs/theory.md#initialisation).
//
// Recursions (general variances, docs/theory.md#analytic-kernels), per pair (i, j) and step l = 1..L:
//   k_0 = v0/2,  c_l = vW·k_{l−1} + vA·⟨X_il, X_jl⟩,  q_l = √(c_l(i,i)·c_l(j,j)),
//   ρ_l = clamp(c_l / q_l) (ρ_l(i,i) = 1 exactly),  k_l = ½·q_l·κ1(ρ_l),
//   κ0(ρ) = (π − acos ρ)/π,  κ1(ρ) = (√(1−ρ²) + (π − acos ρ)·ρ)/π.
// The tangent kernel H∞ = Σ_l b_l k_{l−1} with b_L = (vB/2)κ0(ρ_L), b_l = b_{l+1}·(vW/2)κ0(ρ_l)
// is accumulated forwards (Horner form, no per-step storage):
//   G^1 = k_0,  G^l = k_{l−1} + ((vW/2)·κ0(ρ_{l−1}))·G^{l−1},  H^l = ((vB/2)·κ0(ρ_l))·G^l,
// and H∞ = H^L; H^l is the per-step kernel of f_l = Bᵀh_l (Remark 3.2).
//
// Operation order (the TS twin src/backend/ts/ntk.ts repeats it, so results are bit-exact):
// - ⟨X_il, X_jl⟩ as blas1 `dot`: two lanes over the even prefix of d, lane0 + lane1, then the
//   odd tail element; the same for ‖X_il‖² in ntkDiagonal;
// - acos is the portable `pacos` (assembly/portable_trig.ts); 1/π is the constant INV_PI;
// - √(1−ρ²) as √((1−ρ)(1+ρ)) (no cancellation near |ρ| = 1);
// - q = √(c_ii·c_jj) in one square root: since √(fl(c²)) = |c| exactly, identical sequences
//   get ρ_l = 1 and k_l = c_l/2 exactly at every step, i.e. the same bits as the diagonal
//   (κ0 has an infinite slope at 1: a ρ one ulp below 1 would change b_l by ~1e−8).
// - b_l = b_{l+1}·((vW/2)·κ0(ρ_l)).
import { addr } from './address';
import { INV_PI, PI, correlation, correlationLanes, gramLanes, kappa1Lanes, scaleLanes } from './arc_cosine_steps';
import { pacos } from './portable_trig';
import { pacosLanes } from './portable_trig_lanes';
import { dotLanes } from './simd_loops';

/** Number of part kinds in `sel`: k_l, b_l, ρ_l, H^l, c_l. */
const PART_KINDS: i32 = 5;

/**
 * The diagonal pre-activation variances: cd[i·L + l−1] = c_l(i,i), where
 * c_l(i,i) = vW·k_{l−1}(i,i) + vA·‖X_il‖², k_l(i,i) = c_l(i,i)/2, k_0 = v0/2 (κ1(1) = 1).
 */
export function ntkDiagonal(n: i32, L: i32, d: i32, x: u32, vars: u32, cd: u32): void {
  const pv = addr(vars);
  const v0 = load<f64>(pv);
  const vW = load<f64>(pv + 8);
  const vA = load<f64>(pv + 16);
  for (let i = 0; i < n; i++) {
    let kPrev = 0.5 * v0;
    for (let l = 0; l < L; l++) {
      const p = addr(x + <u32>((i * L + l) * d));
      const c = vW * kPrev + vA * dotLanes(p, p, d);
      store<f64>(addr(cd + <u32>(i * L + l)), c);
      kPrev = 0.5 * c;
    }
  }
}

/** Writes v into slab `sel[kind·(L+1) + l]` (if ≥ 0) of `parts` at (i, j), and (j, i) if mirror. */
// @ts-ignore: decorator
@inline function writePart(
  sel: usize, kind: i32, l: i32, L: i32, parts: u32, slab: i32, nb: i32, i: i32, j: i32, mirror: bool, v: f64,
): void {
  const which = <i32>load<f64>(sel + ((<usize>(kind * (L + 1) + l)) << 3));
  if (which >= 0) {
    store<f64>(addr(parts + <u32>(which * slab + i * nb + j)), v);
    if (mirror) store<f64>(addr(parts + <u32>(which * slab + j * nb + i)), v);
  }
}

/** The per-pair recursion for one pair (i, j), with parts; see the file header. */
// @ts-ignore: decorator
@inline function pairScalar(
  i: i32, j: i32, nb: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32,
  v0: f64, vW: f64, vA: f64, halfVW: f64, halfVB: f64, diag: bool, mirror: bool,
  out: u32, anySel: bool, anyB: bool, psel: usize, parts: u32, slab: i32, pscr: usize,
): void {
  let kPrev = 0.5 * v0;
  let k0Prev = 0.0;
  let G = 0.0;
  if (anySel) writePart(psel, 0, 0, L, parts, slab, nb, i, j, mirror, kPrev);
  for (let l = 1; l <= L; l++) {
    const pa = addr(xa + <u32>((i * L + l - 1) * d));
    const pb = addr(xb + <u32>((j * L + l - 1) * d));
    const c = vW * kPrev + vA * dotLanes(pa, pb, d);
    const q = sqrt<f64>(load<f64>(addr(ca + <u32>(i * L + l - 1))) * load<f64>(addr(cb + <u32>(j * L + l - 1))));
    const rho = diag ? 1.0 : correlation(c, q);
    const piMinusAcos = PI - pacos(rho);
    const k0 = piMinusAcos * INV_PI;
    const k1 = (sqrt<f64>((1.0 - rho) * (1.0 + rho)) + piMinusAcos * rho) * INV_PI;
    G = kPrev + halfVW * k0Prev * G;
    kPrev = 0.5 * q * k1;
    k0Prev = k0;
    if (anySel) {
      writePart(psel, 0, l, L, parts, slab, nb, i, j, mirror, kPrev);
      writePart(psel, 2, l, L, parts, slab, nb, i, j, mirror, rho);
      writePart(psel, 3, l, L, parts, slab, nb, i, j, mirror, halfVB * k0 * G);
      writePart(psel, 4, l, L, parts, slab, nb, i, j, mirror, c);
    }
    if (anyB) store<f64>(pscr + ((<usize>l) << 3), k0);
  }
  const h = halfVB * k0Prev * G;
  store<f64>(addr(out + <u32>(i * nb + j)), h);
  if (mirror) store<f64>(addr(out + <u32>(j * nb + i)), h);
  if (anyB) {
    let b = halfVB * load<f64>(pscr + ((<usize>L) << 3));
    writePart(psel, 1, L, L, parts, slab, nb, i, j, mirror, b);
    for (let l = L - 1; l >= 1; l--) {
      b = b * (halfVW * load<f64>(pscr + ((<usize>l) << 3)));
      writePart(psel, 1, l, L, parts, slab, nb, i, j, mirror, b);
    }
  }
}

/**
 * H only, for the four off-diagonal pairs (i, j..j+3) at once, as two f64x2 chains
 * (A: j, j+1; B: j+2, j+3): lane t of every vector performs exactly the operations of
 * pairScalar for its pair, so the bits are the same. Running four independent recursions
 * together hides the latency of √, ÷ and arccos, which bounds the scalar loop.
 */
// @ts-ignore: decorator
@inline function pairQuad(
  i: i32, j: i32, nb: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32,
  v0: f64, vW: f64, vA: f64, halfVW: f64, halfVB: f64, mirror: bool, out: u32,
): void {
  const vWv = f64x2.splat(vW);
  const vAv = f64x2.splat(vA);
  const halfVWv = f64x2.splat(halfVW);
  const halfv = f64x2.splat(0.5);
  const piv = f64x2.splat(PI);
  const invPiv = f64x2.splat(INV_PI);
  const rowStride = (<usize>(L * d)) << 3; // bytes between consecutive sequences
  const cStride = (<usize>L) << 3; // bytes between consecutive rows of c_l(j,j)
  let kA = f64x2.splat(0.5 * v0);
  let kB = kA;
  let k0A = f64x2.splat(0.0);
  let k0B = k0A;
  let gA = k0A;
  let gB = k0A;
  for (let l = 1; l <= L; l++) {
    const pa = addr(xa + <u32>((i * L + l - 1) * d));
    const pb = addr(xb + <u32>((j * L + l - 1) * d));
    const pcb = addr(cb + <u32>(j * L + l - 1));
    const cai = load<f64>(addr(ca + <u32>(i * L + l - 1)));
    const qA = scaleLanes(cai, pcb, cStride);
    const qB = scaleLanes(cai, pcb + 2 * cStride, cStride);
    const cA = f64x2.add(f64x2.mul(vWv, kA), f64x2.mul(vAv, gramLanes(pa, pb, rowStride, d)));
    const cB = f64x2.add(f64x2.mul(vWv, kB), f64x2.mul(vAv, gramLanes(pa, pb + 2 * rowStride, rowStride, d)));
    const rhoA = correlationLanes(cA, qA);
    const rhoB = correlationLanes(cB, qB);
    const pmaA = f64x2.sub(piv, pacosLanes(rhoA));
    const pmaB = f64x2.sub(piv, pacosLanes(rhoB));
    gA = f64x2.add(kA, f64x2.mul(f64x2.mul(halfVWv, k0A), gA));
    gB = f64x2.add(kB, f64x2.mul(f64x2.mul(halfVWv, k0B), gB));
    kA = f64x2.mul(f64x2.mul(halfv, qA), kappa1Lanes(rhoA, pmaA));
    kB = f64x2.mul(f64x2.mul(halfv, qB), kappa1Lanes(rhoB, pmaB));
    k0A = f64x2.mul(pmaA, invPiv);
    k0B = f64x2.mul(pmaB, invPiv);
  }
  const halfVBv = f64x2.splat(halfVB);
  const hA = f64x2.mul(f64x2.mul(halfVBv, k0A), gA);
  const hB = f64x2.mul(f64x2.mul(halfVBv, k0B), gB);
  const po = addr(out + <u32>(i * nb + j));
  v128.store(po, hA);
  v128.store(po + 16, hB);
  if (mirror) {
    store<f64>(addr(out + <u32>(j * nb + i)), f64x2.extract_lane(hA, 0));
    store<f64>(addr(out + <u32>((j + 1) * nb + i)), f64x2.extract_lane(hA, 1));
    store<f64>(addr(out + <u32>((j + 2) * nb + i)), f64x2.extract_lane(hB, 0));
    store<f64>(addr(out + <u32>((j + 3) * nb + i)), f64x2.extract_lane(hB, 1));
  }
}

/**
 * Rows of `out` swept together (ntkAnalyticRows): each group of four columns is computed for
 * all of them before the next, so the columns' sequences are read once per block instead of
 * once per row, and the mirrored writes of a column group land in one cache line of each of
 * its four rows instead of one line per pair. At n = 16,000 (a 2 GB H∞) the row-at-a-time sweep
 * cost 486 ns per pair against 299 ns at n = 8000.
 */
const ROW_BLOCK: i32 = 8;

/** The pairs (i, j) for j in [j0, j1), one at a time (with `sym`, (i, i) is the diagonal and j > i is mirrored). */
function pairRange(
  i: i32, j0: i32, j1: i32, nb: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32,
  v0: f64, vW: f64, vA: f64, halfVW: f64, halfVB: f64, sym: bool,
  out: u32, anySel: bool, anyB: bool, psel: usize, parts: u32, slab: i32, pscr: usize,
): void {
  for (let j = j0; j < j1; j++) {
    const diag = sym && j == i;
    pairScalar(i, j, nb, L, d, xa, xb, ca, cb, v0, vW, vA, halfVW, halfVB, diag, sym && !diag, out, anySel, anyB, psel, parts, slab, pscr);
  }
}

/**
 * H∞ between batches a (na sequences) and b (nb sequences) into out (na×nb, row-major, ld nb).
 * ca, cb: the ntkDiagonal outputs of a and b. symmetric ≠ 0 means a and b are the same batch:
 * only j ≥ i is computed, the result mirrored, and ρ_l(i,i) = 1 exactly.
 * sel: 5·(L+1) numbers, sel[kind·(L+1) + l] = slab index in `parts` (each slab na×nb) where
 * the part (kind 0: k_l, l = 0..L; 1: b_l; 2: ρ_l; 3: H^l; 4: c_l, l = 1..L) is written, or −1.
 * scratch: L+1 free slots (holds κ0(ρ_l) when some b_l is requested).
 * Without parts, off-diagonal pairs run four at a time (pairQuad), with the same bits.
 */
export function ntkAnalytic(
  na: i32, nb: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32, vars: u32,
  symmetric: i32, out: u32, sel: u32, parts: u32, scratch: u32,
): void {
  ntkAnalyticRows(na, nb, L, d, xa, xb, ca, cb, vars, symmetric, out, sel, parts, scratch, 0, na);
}

/**
 * ntkAnalytic restricted to the rows i0 ≤ i < i1 of `out` (with `symmetric`, the pairs j ≥ i of
 * those rows and their mirrors). Every pair is computed by the same operations whatever the
 * row range, so disjoint ranges (each with its own `scratch`) may run on different threads.
 */
export function ntkAnalyticRows(
  na: i32, nb: i32, L: i32, d: i32, xa: u32, xb: u32, ca: u32, cb: u32, vars: u32,
  symmetric: i32, out: u32, sel: u32, parts: u32, scratch: u32, i0: i32, i1: i32,
): void {
  const pv = addr(vars);
  const v0 = load<f64>(pv);
  const vW = load<f64>(pv + 8);
  const vA = load<f64>(pv + 16);
  const vB = load<f64>(pv + 24);
  const halfVW = 0.5 * vW;
  const halfVB = 0.5 * vB;
  const psel = addr(sel);
  const pscr = addr(scratch);
  let anySel = false;
  let anyB = false;
  for (let t = 0; t < PART_KINDS * (L + 1); t++) {
    if (load<f64>(psel + ((<usize>t) << 3)) >= 0.0) {
      anySel = true;
      if (t >= L + 1 && t < 2 * (L + 1)) anyB = true;
    }
  }
  const slab = na * nb;
  const sym = symmetric != 0;
  for (let ib = i0; ib < i1; ib += ROW_BLOCK) {
    const ie = min(ib + ROW_BLOCK, i1);
    // with `symmetric`, the pairs j < ie of the block's rows (its diagonal triangle) one by one
    const jq = sym ? ie : 0;
    for (let i = ib; i < ie; i++) {
      pairRange(i, sym ? i : 0, min(jq, nb), nb, L, d, xa, xb, ca, cb, v0, vW, vA, halfVW, halfVB, sym, out, anySel, anyB, psel, parts, slab, pscr);
    }
    // the columns from jq on: four at a time for all the block's rows, then the rest
    let jt = jq;
    if (!anySel) {
      for (; jt + 3 < nb; jt += 4) {
        for (let i = ib; i < ie; i++) pairQuad(i, jt, nb, L, d, xa, xb, ca, cb, v0, vW, vA, halfVW, halfVB, sym, out);
      }
    }
    for (let i = ib; i < ie; i++) {
      pairRange(i, jt, nb, nb, L, d, xa, xb, ca, cb, v0, vW, vA, halfVW, halfVB, sym, out, anySel, anyB, psel, parts, slab, pscr);
    }
  }
}
