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
import { stepActivationsInHeap } from '../rnn/gradient.js';
import type { Rnn } from '../rnn/model.js';
import { assertFinite } from '../validate.js';
import type { Scope } from '../wasm/heap.js';
import type { ParameterGroup } from './parameter-groups.js';

/** A group whose gradient is formed per sequence (all but W). */
export type SmallGroup = Exclude<ParameterGroup, 'W'>;

/**
 * Per-sequence gradients ∇_g f(x_i) of A or M0 as the rows of an n×p matrix in the heap scope
 * `s` of the model's heap (p = m·d for A, m for M0): one GEMM per sequence for A (Δ_iᵀX_i),
 * one GEMM for all δ_1's for M0 (rows δ_1ᵀW, then the mask 1{M0 > 0}).
 */
function backpropGradients(model: Rnn, x: SequenceBatch, group: 'A' | 'M0', output: number, s: Scope): { p: number; rows: number } {
  const { m, L, d } = model;
  const n = x.n;
  const { heap, kernels } = model.backend;
  const acts = stepActivationsInHeap(model, x, s, { output });
  assertFinite('activations.delta', heap.f64.subarray(acts.delta, acts.delta + n * L * m));
  if (group === 'A') {
    const xs = s.put(x.data);
    const rows = s.alloc(n * m * d);
    for (let i = 0; i < n; i++) kernels.gemm(1, 0, m, d, L, 1, acts.delta + i * L * m, m, xs + i * L * d, d, 0, rows + i * m * d, d);
    return { p: m * d, rows };
  }
  const rows = s.alloc(n * m);
  kernels.gemm(0, 1, n, m, m, 1, acts.delta, L * m, model.offsets.wT, m, 0, rows, m);
  const f = heap.f64;
  for (let k = 0; k < m; k++) {
    if (f[model.offsets.m0 + k] > 0) continue;
    for (let i = 0; i < n; i++) f[rows + i * m + k] = 0;
  }
  return { p: m, rows };
}

/** Per-sequence gradients ∇_g f(x_i) as the rows of an n×p matrix in the heap scope `s`. */
function groupGradients(model: Rnn, x: SequenceBatch, group: SmallGroup, output: number, s: Scope): { p: number; rows: number } {
  if (group !== 'B') return backpropGradients(model, x, group, output, s);
  const states = stepStates(model, x, output);
  assertFinite('hidden states', states);
  return { p: model.m, rows: s.put(states) };
}

/** h_l(x_i) for every sequence, n×m. */
function stepStates(model: Rnn, x: SequenceBatch, l: number): Float64Array {
  const { m, L } = model;
  const h = hiddenStates(model, x);
  const out = new Float64Array(x.n * m);
  for (let i = 0; i < x.n; i++) out.set(h.subarray((i * (L + 1) + l) * m, (i * (L + 1) + l + 1) * m), i * m);
  return out;
}

/** scale·Φ_a Φ_bᵀ for row-stacked features Φ_a (na×p) and Φ_b (nb×p) in the heap, one GEMM. */
function gramInHeap(backend: Backend, a: number, na: number, b: number, nb: number, p: number, scale: number): Float64Array {
  const { heap, kernels } = backend;
  return heap.scope((s) => {
    const out = s.alloc(na * nb);
    kernels.gemm(0, 1, na, nb, p, scale, a, p, b, p, 0, out, nb);
    return heap.read(out, na * nb);
  });
}

/**
 * The empirical tangent kernel (1/m)⟨∇_g f(a_i), ∇_g f(b_j)⟩ of group g ∈ {A, M0, B} of
 * `model`, na×nb (b = a gives the symmetric kernel), for the output f_output = Bᵀh_output.
 * O(n·L·m·d) for A, O(n·m²) for M0 (one Wᵀδ_1 per sequence), O(n·L·m) for B, plus the Gram.
 */
export function empiricalGroupKernel(model: Rnn, a: SequenceBatch, b: SequenceBatch, group: SmallGroup, output: number): Float64Array {
  return model.backend.heap.scope((s) => {
    const ga = groupGradients(model, a, group, output, s);
    const gb = b === a ? ga : groupGradients(model, b, group, output, s);
    return gramInHeap(model.backend, ga.rows, a.n, gb.rows, b.n, ga.p, 1 / model.m);
  });
}

/**
 * The empirical NNGP of `model`: vB·⟨h_L(a_i), h_L(b_j)⟩ = E_B[f(a_i) f(b_j)] over the output
 * weights B ~ N(0, vB) with W, A, M0 fixed; its average over initialisations tends to the
 * analytic NNGP vB·k_L (docs/kernel-function.md).
 */
export function empiricalNngp(model: Rnn, a: SequenceBatch, b: SequenceBatch): Matrix {
  const data = model.backend.heap.scope((s) => {
    const ha = groupGradients(model, a, 'B', model.L, s);
    const hb = b === a ? ha : groupGradients(model, b, 'B', model.L, s);
    return gramInHeap(model.backend, ha.rows, a.n, hb.rows, b.n, model.m, model.variances.vB);
  });
  return { rows: a.n, cols: b.n, data };
}
