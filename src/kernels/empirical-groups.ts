/**
 * The empirical tangent kernels of the parameter groups A, M0 and B of a width-m network, and
 * its empirical NNGP (docs/kernel-function.md). Each group's gradient is small enough to form
 * per sequence — O(m·d) for A, O(m) for M0 and B, unlike W's m×m — so its kernel is the Gram
 * matrix of the stacked gradients:
 *
 *     ∇_A f  = Σ_l δ_l X_lᵀ            (m×d)
 *     ∇_M0 f = D_0 Wᵀ δ_1              (D_0 = diag(1{M0 > 0}), the step-0 term of backprop)
 *     ∇_B f  = h_L                     (h_l for the per-step output f_l of Remark 3.2)
 *     Θ_g(x, x′) = (1/m) ⟨∇_g f(x), ∇_g f(x′)⟩,   NNGP(x, x′) = vB·⟨h_L(x), h_L(x′)⟩
 *
 * (the last is E_B[f(x) f(x′)] given the other parameters). W's kernel is eq. 23
 * (src/kernels/empirical-ntk.ts).
 */
import type { Backend } from '../backend/backend.js';
import type { SequenceBatch } from '../data/sequences.js';
import type { Matrix } from '../linalg/matrix.js';
import { hiddenStates } from '../rnn/forward.js';
import { stepActivations } from '../rnn/gradient.js';
import type { Rnn } from '../rnn/model.js';
import { assertFinite } from '../validate.js';
import type { ParameterGroup } from './parameter-groups.js';

/** A group whose gradient is formed per sequence (all but W). */
export type SmallGroup = Exclude<ParameterGroup, 'W'>;

/** Per-sequence gradients ∇_g f(x_i) as the rows of an n×p matrix (p = m·d for A, m otherwise). */
function groupGradients(model: Rnn, x: SequenceBatch, group: SmallGroup, output: number): { p: number; rows: Float64Array } {
  const { m, L, d } = model;
  const n = x.n;
  if (group === 'B') return { p: m, rows: stepStates(model, x, output) };
  const acts = stepActivations(model, x, { output });
  if (group === 'A') {
    const rows = new Float64Array(n * m * d);
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < L; l++) {
        const delta = acts.delta.subarray((i * L + l) * m, (i * L + l + 1) * m);
        const xl = x.data.subarray((i * L + l) * d, (i * L + l + 1) * d);
        for (let k = 0; k < m; k++) {
          if (delta[k] === 0) continue;
          for (let t = 0; t < d; t++) rows[(i * m + k) * d + t] += delta[k] * xl[t];
        }
      }
    }
    return { p: m * d, rows };
  }
  const { W, M0 } = model.parameters();
  const rows = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const delta1 = acts.delta.subarray(i * L * m, (i * L + 1) * m);
    for (let j = 0; j < m; j++) {
      if (delta1[j] === 0) continue;
      for (let k = 0; k < m; k++) rows[i * m + k] += W[j * m + k] * delta1[j];
    }
    for (let k = 0; k < m; k++) if (!(M0[k] > 0)) rows[i * m + k] = 0;
  }
  return { p: m, rows };
}

/** h_l(x_i) for every sequence, n×m. */
function stepStates(model: Rnn, x: SequenceBatch, l: number): Float64Array {
  const { m, L } = model;
  const h = hiddenStates(model, x);
  const out = new Float64Array(x.n * m);
  for (let i = 0; i < x.n; i++) out.set(h.subarray((i * (L + 1) + l) * m, (i * (L + 1) + l + 1) * m), i * m);
  return out;
}

/** scale·Φ_a Φ_bᵀ for row-stacked features Φ_a (na×p) and Φ_b (nb×p), one GEMM on `backend`. */
function gram(backend: Backend, a: Float64Array, na: number, b: Float64Array, nb: number, p: number, scale: number): Float64Array {
  const { heap, kernels } = backend;
  return heap.scope((s) => {
    const pa = s.put(a);
    const pb = b === a ? pa : s.put(b);
    const out = s.alloc(na * nb);
    kernels.gemm(0, 1, na, nb, p, scale, pa, p, pb, p, 0, out, nb);
    return heap.read(out, na * nb);
  });
}

/**
 * The empirical tangent kernel (1/m)⟨∇_g f(a_i), ∇_g f(b_j)⟩ of group g ∈ {A, M0, B} of
 * `model`, na×nb (b = a gives the symmetric kernel), for the output f_output = Bᵀh_output.
 * O(n·L·m·d) for A, O(n·m²) for M0 (one Wᵀδ_1 per sequence), O(n·L·m) for B, plus the Gram.
 */
export function empiricalGroupKernel(model: Rnn, a: SequenceBatch, b: SequenceBatch, group: SmallGroup, output: number): Float64Array {
  const ga = groupGradients(model, a, group, output);
  const gb = b === a ? ga : groupGradients(model, b, group, output);
  assertFinite(`gradients of ${group}`, ga.rows);
  assertFinite(`gradients of ${group}`, gb.rows);
  return gram(model.backend, ga.rows, a.n, gb.rows, b.n, ga.p, 1 / model.m);
}

/**
 * The empirical NNGP of `model`: vB·⟨h_L(a_i), h_L(b_j)⟩ = E_B[f(a_i) f(b_j)] over the output
 * weights B ~ N(0, vB) with W, A, M0 fixed; its average over initialisations tends to the
 * analytic NNGP vB·k_L (docs/kernel-function.md).
 */
export function empiricalNngp(model: Rnn, a: SequenceBatch, b: SequenceBatch): Matrix {
  const ha = stepStates(model, a, model.L);
  const hb = b === a ? ha : stepStates(model, b, model.L);
  assertFinite('hidden states', ha);
  assertFinite('hidden states', hb);
  return { rows: a.n, cols: b.n, data: gram(model.backend, ha, a.n, hb, b.n, model.m, model.variances.vB) };
}
