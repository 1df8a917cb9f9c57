// Fused kernels of the ReLU RNN (docs/theory.md) for an SGD step: forward through all L steps and
// backprop through time (one sequence a call), and the rank-(count·L) update of W from a
// mini-batch of `count` sequences, applied directly into W.
//
// Layout. W is stored TRANSPOSED: `wT` is Wᵀ row-major (wT[j·m + i] = W_ij), so that every pass
// walks contiguous rows and skips inactive ReLU units:
//   forward   g_l = A X_l + Σ_{j: h_{l−1,j} > 0} h_{l−1,j} · (row j of Wᵀ)        (skip h = 0)
//             (A X_l is precomputed for all steps and sequences by GEMM on the TS side)
//   backward  δ_{l,j} = 1[h_{l,j} > 0] · (⟨row j of Wᵀ, δ_{l+1}⟩ + e_l B_j)       (skip D_l = 0)
//   update    row j of Wᵀ += Σ_{l: h_{l−1,j} > 0} h_{l−1,j} δ_l                   (skip h = 0)
// With the paper's symmetric initialisation about half the units are inactive, so each pass
// does about half the multiply-adds of a dense one. D_l = diag(1[g_l > 0]) = diag(1[h_l > 0]),
// so the masks are never stored. `h` is (L+1)×m (row l = h_l; row 0 = h_0 is an input),
// `delta` is L×m (row l−1 = δ_l), `b` is B (m).
//
// Operation order (the TS twins in src/backend/ts/rnn.ts repeat it, so results are bit-exact):
// - rnnForward: g_i starts at the given input term (A X_l)_i; then, for active j ascending,
//   g_i = g_i + h_j · wT_ji; finally h_i = (g_i < 0 ? 0 : g_i). Four rows of Wᵀ share each
//   load/store of g; each element still receives its terms in ascending j.
// - rnnBackward: for an active unit j of step l < L, s = ⟨row j, δ_{l+1}⟩ with four partial sums
//   p_q over the indices i ≡ q (mod 4) of the largest multiple-of-4 prefix, s = (p_0 + p_1) +
//   (p_2 + p_3), then the remaining (m mod 4) terms in order; δ_{l,j} = s + e_l · B_j. At l = L,
//   δ_{L,j} = e_L · B_j. Inactive units get 0.
// - rnnUpdate: for each row j, the active terms (s, l) in ascending s then l, each applied as
//   wT_ji = wT_ji + h^s_{l−1,j} · δ^s_{l,i}. This equals rankUpdate(m, m, count·L, 1, …) up to the
//   skipped terms, which are exact zeros.
import { addr } from './address';
import { axpy4Lanes, axpyLanes } from './simd_loops';

/** f64 slots of δ rows the update keeps hot at once (512 KiB, half of this machine's L2). */
const UPDATE_GROUP_SLOTS: i32 = 65536;

/** Index of the first j ≥ from with p[j] > 0, or m if none (also when from > m). */
// @ts-ignore: decorator
@inline function nextActive(p: usize, from: i32, m: i32): i32 {
  let j = min<i32>(from, m);
  while (j < m && !(load<f64>(p + ((<usize>j) << 3)) > 0.0)) j++;
  return j;
}

/**
 * Forward pass of one sequence: for l = 1..L, g_l = W h_{l−1} + A X_l and h_l = ϕ(g_l), in place
 * in row l of `h`, which on entry holds the input term A X_l (computed for a whole batch by
 * GEMM); row 0 holds h_0. Units with h_{l−1,j} = 0 are skipped.
 */
export function rnnForward(m: i32, L: i32, wT: u32, h: u32): void {
  const pw = addr(wT);
  const rowBytes = (<usize>m) << 3;
  for (let l = 1; l <= L; l++) {
    const prev = addr(h) + (<usize>(l - 1)) * rowBytes;
    const g = prev + rowBytes;
    let j0 = nextActive(prev, 0, m);
    while (j0 < m) {
      const j1 = nextActive(prev, j0 + 1, m);
      const j2 = nextActive(prev, j1 + 1, m);
      const j3 = nextActive(prev, j2 + 1, m);
      if (j3 < m) {
        axpy4Lanes(
          m,
          load<f64>(prev + ((<usize>j0) << 3)), pw + (<usize>j0) * rowBytes,
          load<f64>(prev + ((<usize>j1) << 3)), pw + (<usize>j1) * rowBytes,
          load<f64>(prev + ((<usize>j2) << 3)), pw + (<usize>j2) * rowBytes,
          load<f64>(prev + ((<usize>j3) << 3)), pw + (<usize>j3) * rowBytes,
          g,
        );
        j0 = nextActive(prev, j3 + 1, m);
      } else {
        axpyLanes(m, load<f64>(prev + ((<usize>j0) << 3)), pw + (<usize>j0) * rowBytes, g);
        j0 = j1;
      }
    }
    const zero = f64x2.splat(0.0);
    const even = m & ~1;
    for (let i = 0; i < even; i += 2) {
      const o = (<usize>i) << 3;
      v128.store(g + o, f64x2.pmax(v128.load(g + o), zero)); // pmax(a, b) = a < b ? b : a
    }
    if (m & 1) {
      const o = (<usize>even) << 3;
      const gi = load<f64>(g + o);
      store<f64>(g + o, gi < 0.0 ? 0.0 : gi);
    }
  }
}

/** ⟨row, v⟩ over m entries in the four-partial-sum order stated at the top of this file. */
// @ts-ignore: decorator
@inline function finishDot(accA: v128, accB: v128, row: usize, v: usize, m: i32): f64 {
  let s =
    (f64x2.extract_lane(accA, 0) + f64x2.extract_lane(accA, 1)) +
    (f64x2.extract_lane(accB, 0) + f64x2.extract_lane(accB, 1));
  for (let i = m & ~3; i < m; i++) {
    const o = (<usize>i) << 3;
    s += load<f64>(row + o) * load<f64>(v + o);
  }
  return s;
}

/**
 * Backprop through time with output injections: δ_l = D_l (Wᵀ δ_{l+1} + e_l B) for l = L..1
 * (the Wᵀ δ_{L+1} term absent at l = L), into row l−1 of `delta`; `inject` holds e_1..e_L.
 * Classification uses e = (0, …, 0, c); sequence labelling (Remark 3.2) one e_l per output.
 */
export function rnnBackward(m: i32, L: i32, wT: u32, b: u32, h: u32, inject: u32, delta: u32): void {
  const pw = addr(wT);
  const pb = addr(b);
  const rowBytes = (<usize>m) << 3;
  const quad = m & ~3;
  for (let l = L; l >= 1; l--) {
    const hl = addr(h) + (<usize>l) * rowBytes;
    const out = addr(delta) + (<usize>(l - 1)) * rowBytes;
    const e = load<f64>(addr(inject) + ((<usize>(l - 1)) << 3));
    memory.fill(out, 0, rowBytes);
    if (l == L) {
      for (let j = 0; j < m; j++) {
        const o = (<usize>j) << 3;
        if (load<f64>(hl + o) > 0.0) store<f64>(out + o, e * load<f64>(pb + o));
      }
      continue;
    }
    const next = out + rowBytes; // δ_{l+1}
    let j0 = nextActive(hl, 0, m);
    while (j0 < m) {
      const j1 = nextActive(hl, j0 + 1, m);
      const j2 = nextActive(hl, j1 + 1, m);
      const j3 = nextActive(hl, j2 + 1, m);
      if (j3 < m) {
        const r0 = pw + (<usize>j0) * rowBytes;
        const r1 = pw + (<usize>j1) * rowBytes;
        const r2 = pw + (<usize>j2) * rowBytes;
        const r3 = pw + (<usize>j3) * rowBytes;
        let a0 = f64x2.splat(0.0), b0 = f64x2.splat(0.0);
        let a1 = f64x2.splat(0.0), b1 = f64x2.splat(0.0);
        let a2 = f64x2.splat(0.0), b2 = f64x2.splat(0.0);
        let a3 = f64x2.splat(0.0), b3 = f64x2.splat(0.0);
        for (let i = 0; i < quad; i += 4) {
          const o = (<usize>i) << 3;
          const va = v128.load(next + o);
          const vb = v128.load(next + o + 16);
          a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + o), va));
          b0 = f64x2.add(b0, f64x2.mul(v128.load(r0 + o + 16), vb));
          a1 = f64x2.add(a1, f64x2.mul(v128.load(r1 + o), va));
          b1 = f64x2.add(b1, f64x2.mul(v128.load(r1 + o + 16), vb));
          a2 = f64x2.add(a2, f64x2.mul(v128.load(r2 + o), va));
          b2 = f64x2.add(b2, f64x2.mul(v128.load(r2 + o + 16), vb));
          a3 = f64x2.add(a3, f64x2.mul(v128.load(r3 + o), va));
          b3 = f64x2.add(b3, f64x2.mul(v128.load(r3 + o + 16), vb));
        }
        store<f64>(out + ((<usize>j0) << 3), finishDot(a0, b0, r0, next, m) + e * load<f64>(pb + ((<usize>j0) << 3)));
        store<f64>(out + ((<usize>j1) << 3), finishDot(a1, b1, r1, next, m) + e * load<f64>(pb + ((<usize>j1) << 3)));
        store<f64>(out + ((<usize>j2) << 3), finishDot(a2, b2, r2, next, m) + e * load<f64>(pb + ((<usize>j2) << 3)));
        store<f64>(out + ((<usize>j3) << 3), finishDot(a3, b3, r3, next, m) + e * load<f64>(pb + ((<usize>j3) << 3)));
        j0 = nextActive(hl, j3 + 1, m);
      } else {
        const r0 = pw + (<usize>j0) * rowBytes;
        let a0 = f64x2.splat(0.0), b0 = f64x2.splat(0.0);
        for (let i = 0; i < quad; i += 4) {
          const o = (<usize>i) << 3;
          a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + o), v128.load(next + o)));
          b0 = f64x2.add(b0, f64x2.mul(v128.load(r0 + o + 16), v128.load(next + o + 16)));
        }
        store<f64>(out + ((<usize>j0) << 3), finishDot(a0, b0, r0, next, m) + e * load<f64>(pb + ((<usize>j0) << 3)));
        j0 = j1;
      }
    }
  }
}

/**
 * Rank update of Wᵀ from `count` sequences: for s < count, with h^s the (L+1)×m block
 * h + s(L+1)m and δ^s the L×m block delta + sLm, row j of Wᵀ += Σ_{l: h^s_{l−1,j} > 0}
 * h^s_{l−1,j} δ^s_l (that is, W += Σ_s Σ_l δ^s_l h^s_{l−1}ᵀ, docs/theory.md#training, with the step size and
 * ℓ' already folded into δ). `work` is scratch of 2·count·L slots.
 */
export function rnnUpdate(m: i32, L: i32, count: i32, wT: u32, h: u32, delta: u32, work: u32): void {
  rnnUpdateRows(m, L, count, wT, h, delta, work, 0, m);
}

/**
 * rnnUpdate restricted to the rows j0 ≤ j < j1 of Wᵀ: each row receives exactly the terms it
 * receives in rnnUpdate, so disjoint row ranges (each with its own `work`) may run on
 * different threads with the same bits.
 */
export function rnnUpdateRows(
  m: i32, L: i32, count: i32, wT: u32, h: u32, delta: u32, work: u32, j0: i32, j1: i32,
): void {
  const rowBytes = (<usize>m) << 3;
  const pc = addr(work); // coefficients of the active terms
  const pp = pc + ((<usize>(count * L)) << 3); // byte addresses of their δ rows
  // Sequences are applied in consecutive groups whose δ rows (group·L·m f64) fit in about half
  // of L2, so a long mini-batch does not stream all its δ rows from L3 for every row of Wᵀ.
  // Each element still receives its terms in ascending (s, l): the grouping changes no bits.
  const group = max<i32>(1, UPDATE_GROUP_SLOTS / (L * m));
  for (let s0 = 0; s0 < count; s0 += group) {
    const s1 = min<i32>(count, s0 + group);
    for (let j = j0; j < j1; j++) {
      let n = 0;
      for (let s = s0; s < s1; s++) {
        const hs = addr(h) + (<usize>(s * (L + 1))) * rowBytes + ((<usize>j) << 3);
        const ds = addr(delta) + (<usize>(s * L)) * rowBytes;
        for (let l = 1; l <= L; l++) {
          const c = load<f64>(hs + (<usize>(l - 1)) * rowBytes);
          if (c > 0.0) {
            store<f64>(pc + ((<usize>n) << 3), c);
            store<f64>(pp + ((<usize>n) << 3), <f64>(ds + (<usize>(l - 1)) * rowBytes));
            n++;
          }
        }
      }
      const row = addr(wT) + (<usize>j) * rowBytes;
      let r = 0;
      for (; r + 4 <= n; r += 4) {
        const q = (<usize>r) << 3;
        axpy4Lanes(
          m,
          load<f64>(pc + q), <usize>load<f64>(pp + q),
          load<f64>(pc + q + 8), <usize>load<f64>(pp + q + 8),
          load<f64>(pc + q + 16), <usize>load<f64>(pp + q + 16),
          load<f64>(pc + q + 24), <usize>load<f64>(pp + q + 24),
          row,
        );
      }
      for (; r < n; r++) axpyLanes(m, load<f64>(pc + ((<usize>r) << 3)), <usize>load<f64>(pp + ((<usize>r) << 3)), row);
    }
  }
}
