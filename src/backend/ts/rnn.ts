// Plain-TS twins of assembly/rnn.ts: the fused RNN kernels, same contract and the same
// operation order (bit-exact). `heap` is the heap; every array argument is an element offset.
// W is stored transposed (wT[j·m + i] = W_ij); see assembly/rnn.ts for the layout.
import { axpy } from './blas1.js';

/**
 * Forward pass of one sequence, in place: row l of the (L+1)×m block `h` holds A X_l on entry
 * and h_l = ϕ(A X_l + Σ_{j: h_{l−1,j} > 0} h_{l−1,j} (Wᵀ)_{j,·}) on exit, l = 1..L (row 0: h_0).
 */
export function rnnForward(heap: Float64Array, m: number, L: number, wT: number, h: number): void {
  for (let l = 1; l <= L; l++) {
    const prev = h + (l - 1) * m;
    const g = prev + m;
    for (let j = 0; j < m; j++) {
      const hj = heap[prev + j];
      if (!(hj > 0)) continue;
      axpy(heap, m, hj, wT + j * m, g);
    }
    for (let i = 0; i < m; i++) {
      const gi = heap[g + i];
      heap[g + i] = gi < 0 ? 0 : gi;
    }
  }
}

/** ⟨row, v⟩ with four partial sums over i ≡ q (mod 4), (p0 + p1) + (p2 + p3), then the tail. */
function dotFourLanes(heap: Float64Array, m: number, row: number, v: number): number {
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  const quad = m & ~3;
  for (let i = 0; i < quad; i += 4) {
    p0 = p0 + heap[row + i] * heap[v + i];
    p1 = p1 + heap[row + i + 1] * heap[v + i + 1];
    p2 = p2 + heap[row + i + 2] * heap[v + i + 2];
    p3 = p3 + heap[row + i + 3] * heap[v + i + 3];
  }
  let s = p0 + p1 + (p2 + p3);
  for (let i = quad; i < m; i++) s += heap[row + i] * heap[v + i];
  return s;
}

/**
 * Backprop through time with output injections e_1..e_L (`inject`): δ_l = D_l (Wᵀ δ_{l+1} + e_l B),
 * l = L..1 (no Wᵀ term at l = L), into row l−1 of the L×m block `delta`; D_l = diag(1[h_l > 0]).
 */
export function rnnBackward(
  heap: Float64Array, m: number, L: number, wT: number, b: number, h: number, inject: number, delta: number,
): void {
  for (let l = L; l >= 1; l--) {
    const hl = h + l * m;
    const out = delta + (l - 1) * m;
    const next = out + m;
    const e = heap[inject + l - 1];
    for (let j = 0; j < m; j++) {
      if (!(heap[hl + j] > 0)) {
        heap[out + j] = 0;
        continue;
      }
      heap[out + j] = l === L ? e * heap[b + j] : dotFourLanes(heap, m, wT + j * m, next) + e * heap[b + j];
    }
  }
}

/**
 * Rank update of Wᵀ from `count` sequences (blocks h + s(L+1)m and delta + sLm): row j of Wᵀ +=
 * Σ_s Σ_{l: h^s_{l−1,j} > 0} h^s_{l−1,j} δ^s_l, terms in ascending (s, l). `work` (2·count·L
 * slots) is scratch, as in the wasm kernel.
 */
export function rnnUpdate(
  heap: Float64Array, m: number, L: number, count: number, wT: number, h: number, delta: number, work: number,
): void {
  rnnUpdateRows(heap, m, L, count, wT, h, delta, work, 0, m);
}

/** rnnUpdate restricted to the rows j0 ≤ j < j1 of Wᵀ (as the wasm `rnnUpdateRows`). */
export function rnnUpdateRows(
  heap: Float64Array, m: number, L: number, count: number, wT: number, h: number, delta: number, work: number,
  j0: number, j1: number,
): void {
  const pointers = work + count * L;
  for (let j = j0; j < j1; j++) {
    let n = 0;
    for (let s = 0; s < count; s++) {
      for (let l = 1; l <= L; l++) {
        const c = heap[h + (s * (L + 1) + l - 1) * m + j];
        if (c > 0) {
          heap[work + n] = c;
          heap[pointers + n] = delta + (s * L + l - 1) * m;
          n++;
        }
      }
    }
    const row = wT + j * m;
    for (let i = 0; i < m; i++) {
      let t = heap[row + i];
      for (let r = 0; r < n; r++) t = t + heap[work + r] * heap[heap[pointers + r] + i];
      heap[row + i] = t;
    }
  }
}
