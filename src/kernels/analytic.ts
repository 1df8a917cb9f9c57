/**
 * The analytic infinite-width tangent kernel H∞ of the ReLU RNN and its parts (docs/theory.md#tangent-kernel,
 * Theorems 5 and 6, Remark 3.2), for general variances, on one batch or between two. The
 * recursions are stated on {@link analyticNtk}, where the API reference shows them.
 *
 * The O(n²·L) loop (symmetric: only j ≥ i) runs in WebAssembly (assembly/ntk.ts) or in its
 * bit-exact TS twin; arccos is the portable one, so H∞ is the same bits in every engine.
 */
import { getBackend, type Backend, type BackendChoice } from '../backend/backend.js';
import { asSequenceBatch, assertSequenceBatch, type SequenceBatch, type Sequences } from '../data/sequences.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../errors.js';
import { HeapMatrix } from '../linalg/heap-matrix.js';
import type { Matrix } from '../linalg/matrix.js';
import { variancesFor, type InitScheme, type Variances } from '../model/variances.js';
import { assertOptions } from '../validate.js';
import type { Scope } from '../wasm/heap.js';
import { assertFitsInHeap } from '../wasm/memory-budget.js';

/** Which per-step matrices to return besides H∞ (each costs one n×n' matrix). */
export interface AnalyticNtkParts {
  /** Steps l ∈ [0, L] whose forward kernel k_l (Theorem 5's K^l) is wanted. */
  readonly k?: readonly number[];
  /** Steps l ∈ [1, L] whose backward kernel b_l (Theorem 6's F^l) is wanted. */
  readonly b?: readonly number[];
  /** Steps l ∈ [1, L] whose correlation ρ_l is wanted. */
  readonly rho?: readonly number[];
  /** Steps l ∈ [1, L] whose pre-activation covariance c_l = vW·k_{l−1} + vA·⟨X_il, X_jl⟩ is wanted. */
  readonly c?: readonly number[];
}

/** Options of {@link analyticNtk}. */
export interface AnalyticNtkOptions {
  /** Initialisation scheme (docs/theory.md#initialisation): 'paper' (default), 'algorithm1' or explicit variances; as `createRnn`'s `init`. */
  readonly init?: InitScheme;
  /** Network width m; needed only by 'algorithm1' (vB = 1/m); as `createRnn`'s `m`. */
  readonly m?: number;
  /** A second batch: the result is the cross kernel H∞(x_i, other_j), x.n × other.n. */
  readonly other?: Sequences;
  /** Per-step parts to return (default none). */
  readonly parts?: AnalyticNtkParts;
  /** Also return the per-step kernels H^1..H^L of sequence labelling (Remark 3.2). */
  readonly perStep?: boolean;
  /** Kernel implementation: 'wasm', 'ts' (the twin) or 'auto' (default). */
  readonly backend?: BackendChoice;
}

/**
 * The analytic kernel and the parts that were asked for (immutable). Steps are the paper's
 * l = 1..L (0 for the initial state): every per-step result, `perStep` included, is a map keyed
 * by l itself (docs/theory.md#notation).
 */
export interface AnalyticNtk {
  /** H∞, x.n × x.n (or x.n × other.n). */
  readonly H: Matrix;
  /** The variances {v0, vW, vA, vB} the `init` scheme resolved to. */
  readonly variances: Variances;
  /** k_l for each requested step l. */
  readonly k: ReadonlyMap<number, Matrix>;
  /** b_l for each requested step l. */
  readonly b: ReadonlyMap<number, Matrix>;
  /** ρ_l for each requested step l. */
  readonly rho: ReadonlyMap<number, Matrix>;
  /** c_l for each requested step l. */
  readonly c: ReadonlyMap<number, Matrix>;
  /** H^l by step l = 1..L when `perStep` was set, else empty; H^L equals H. */
  readonly perStep: ReadonlyMap<number, Matrix>;
}

/** Part kinds in the order of the kernel's `sel` table (assembly/ntk.ts). */
const KINDS = ['k', 'b', 'rho', 'perStep', 'c'] as const;

/** A well-formed, finite, non-empty batch (typed errors naming `name` otherwise). */
function assertBatch(name: string, x: SequenceBatch): void {
  assertSequenceBatch(name, x);
  if (x.n === 0) throw new ShapeError(`${name} is empty: the kernel needs at least one sequence`);
}

/** The steps of one part kind, validated against their range [lo, L]. */
function steps(kind: string, list: readonly number[] | undefined, lo: number, L: number): number[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    throw new InvalidArgumentError(`parts.${kind} must be an array of steps (e.g. [1, ${lo + 1}]), got ${typeof list} ${String(list)}`);
  }
  const out = [...new Set(list)];
  for (const l of out) {
    if (!Number.isInteger(l) || l < lo || l > L) {
      throw new InvalidArgumentError(`parts.${kind} holds step ${l}; steps must be integers in [${lo}, ${L}]`);
    }
  }
  return out;
}

/**
 * Throws unless every diagonal pre-activation variance is positive (else ρ is undefined):
 * NonFiniteError when one overflowed to +∞, InvalidArgumentError when one is ≤ 0 or NaN.
 */
function assertPositiveDiagonal(name: string, c: Float64Array, L: number): void {
  for (let t = 0; t < c.length; t++) {
    if (c[t] === Infinity) {
      throw new NonFiniteError(
        `${name}: sequence ${Math.floor(t / L)} has pre-activation variance c_${(t % L) + 1} = Infinity: the diagonal variances overflow f64; scale the inputs or the variances down`,
        t,
        c[t],
      );
    }
    if (!(c[t] > 0) || !Number.isFinite(c[t])) {
      throw new InvalidArgumentError(
        `${name}: sequence ${Math.floor(t / L)} has pre-activation variance c_${(t % L) + 1} = ${c[t]}, ` +
          'so its correlations are undefined. Use v0 > 0 and vW > 0 (or non-zero inputs with vA > 0) and finite inputs',
      );
    }
  }
}

/** The validated request: batches, variances and the `sel` table of the wanted parts. */
interface KernelRequest {
  readonly x: SequenceBatch;
  readonly other: SequenceBatch | undefined;
  readonly variances: Variances;
  readonly requested: readonly number[][];
  readonly sel: Float64Array;
  readonly slabs: number;
}

/** Validates the batches, variances and parts of a kernel request (typed errors). */
function kernelRequest(x: SequenceBatch, opts: AnalyticNtkOptions): KernelRequest {
  assertOptions("analyticNtk's options", opts);
  assertBatch('x', x);
  const other = opts.other === undefined ? undefined : asSequenceBatch(opts.other);
  if (other !== undefined) {
    assertBatch('other', other);
    if (other.L !== x.L || other.d !== x.d) {
      throw new ShapeError(
        `other has sequences of ${other.L}×${other.d}, x of ${x.L}×${x.d}: both batches need the same length L and width d`,
      );
    }
  }
  const { L } = x;
  const init = opts.init ?? 'paper';
  if (init === 'algorithm1' && opts.m === undefined) {
    throw new InvalidArgumentError("init 'algorithm1' sets vB = 1/m: pass the network width as opts.m");
  }
  const variances = variancesFor(init, L, opts.m ?? 1);
  assertOptions("analyticNtk's options.parts", opts.parts);
  if (opts.perStep !== undefined && typeof opts.perStep !== 'boolean') {
    throw new InvalidArgumentError(`analyticNtk's options.perStep must be true or false, got ${String(opts.perStep)}`);
  }
  const parts = opts.parts ?? {};
  const requested = [
    steps('k', parts.k, 0, L),
    steps('b', parts.b, 1, L),
    steps('rho', parts.rho, 1, L),
    opts.perStep === true ? Array.from({ length: L }, (_, t) => t + 1) : [],
    steps('c', parts.c, 1, L),
  ];
  const sel = new Float64Array(KINDS.length * (L + 1)).fill(-1);
  let slabs = 0;
  requested.forEach((list, kind) => {
    for (const l of list) sel[kind * (L + 1) + l] = slabs++;
  });
  return { x, other, variances, requested, sel, slabs };
}

/** Heap slots a request needs: inputs, diagonal variances, H∞ and the parts (for the memory check). */
function requestSlots(r: KernelRequest, na: number): number {
  const { L, d } = r.x;
  const nb = r.other?.n ?? na;
  const inputs = (na + (r.other === undefined ? 0 : nb)) * L * (d + 1);
  return inputs + (1 + r.slabs) * na * nb + r.sel.length + L + 16;
}

/** Fails at once (WasmMemoryError naming the largest n that fits) when a request cannot fit in the heap. */
function assertRequestFits(backend: Backend, r: KernelRequest): void {
  const square = r.other === undefined;
  assertFitsInHeap(
    backend.heap,
    (n) => requestSlots(r, n),
    r.x.n,
    square ? 'the analytic kernel H∞' : 'the analytic cross kernel H∞(x, other)',
    square
      ? 'compute it in blocks of rows (analyticNtkRows, or `rnn-ntk kernel --rows a:b`)'
      : 'split x into smaller batches',
  );
}

/**
 * Runs the kernel: diagonal variances, then H∞ (and the parts) into `out` (na×nb) and
 * `partsOff`; temporaries live in scope `s`.
 */
function runKernel(backend: Backend, s: Scope, r: KernelRequest, out: number, partsOff: number): void {
  const { heap, kernels } = backend;
  const { x, other, variances } = r;
  const { L, d } = x;
  const na = x.n;
  const nb = other?.n ?? na;
  const vars = s.put([variances.v0, variances.vW, variances.vA, variances.vB]);
  const xa = s.put(x.data);
  const xb = other === undefined ? xa : s.put(other.data);
  const ca = s.alloc(na * L);
  kernels.ntkDiagonal(na, L, d, xa, vars, ca);
  assertPositiveDiagonal('x', heap.read(ca, na * L), L);
  let cb = ca;
  if (other !== undefined) {
    cb = s.alloc(nb * L);
    kernels.ntkDiagonal(nb, L, d, xb, vars, cb);
    assertPositiveDiagonal('other', heap.read(cb, nb * L), L);
  }
  const selOff = s.put(r.sel);
  const scratch = s.alloc(L + 1);
  kernels.ntkAnalytic(na, nb, L, d, xa, xb, ca, cb, vars, other === undefined ? 1 : 0, out, selOff, partsOff, scratch);
}

/**
 * The analytic tangent kernel H∞ of the RNN (docs/theory.md#tangent-kernel) of the sequences `x`, left in the heap
 * as a handle (no n×n copy out): for factoring it where it was computed (HeapCholesky.ofHeapMatrix,
 * as `ntkComplexity` does), or reading blocks of rows. Options as `analyticNtk` without parts.
 * Fails at once with WasmMemoryError (naming the largest n that fits) when H∞ cannot fit.
 */
export function analyticNtkInHeap(sequences: Sequences, opts: Omit<AnalyticNtkOptions, 'parts' | 'perStep'> = {}): HeapMatrix {
  const x = asSequenceBatch(sequences);
  const r = kernelRequest(x, { ...opts, parts: undefined, perStep: false });
  const backend = getBackend(opts.backend ?? 'auto');
  assertRequestFits(backend, r);
  const na = x.n;
  const nb = r.other?.n ?? na;
  const out = backend.heap.alloc(na * nb);
  try {
    backend.heap.scope((s) => runKernel(backend, s, r, out, s.alloc(0)));
  } catch (err) {
    backend.heap.free(out);
    throw err;
  }
  return HeapMatrix.adopt(backend, out, na, nb);
}

/**
 * The analytic tangent kernel H∞ of the RNN (docs/theory.md#tangent-kernel) of the sequences `x` — or between `x`
 * and `opts.other` (rows x, columns other) — with the per-step parts k_l, c_l, ρ_l, b_l and the
 * per-step kernels H^l computed only when asked for. O(n·n'·L·(d + 1)) work, memory for the
 * requested matrices only (checked before any work: WasmMemoryError naming the largest n that
 * fits). Throws ShapeError (empty or mismatched batches), NonFiniteError (NaN inputs,
 * overflow) or InvalidArgumentError (bad steps or variances).
 *
 * Theorems 5 and 6 for general variances (docs/theory.md#analytic-kernels), per pair (i, j):
 *
 *     k_0 = v0/2,   c_l = vW·k_{l−1} + vA·⟨X_il, X_jl⟩,   ρ_l = c_l / √(c_l(i,i)·c_l(j,j)),
 *     k_l = ½·√(c_l(i,i)·c_l(j,j))·κ1(ρ_l),
 *     b_L = vB·κ0(ρ_L)/2,   b_l = b_{l+1}·vW·κ0(ρ_l)/2,   H∞ = Σ_{l=1..L} b_l·k_{l−1}
 *
 * with κ0, κ1 the arc-cosine functions (docs/theory.md#arc-cosine-functions); H^l (the kernel of
 * f_l = Bᵀh_l, Remark 3.2) is the same sum with the backward product started at l.
 *
 * @example
 * ```ts
 * import { analyticNtk } from 'rnn-ntk';
 *
 * // the worked example of docs/theory.md#worked-example (default variances, L = 3, d = 2)
 * const x = [
 *   [[1, 0], [0.5, -1], [2, 1]],
 *   [[0, 1], [1, 1], [-1, 0.5]],
 *   [[1, 1], [-0.5, 2], [0, -1.5]],
 * ];
 * const r = analyticNtk(x, { parts: { b: [1] } });
 * console.log(r.H.data[0]); // 1.560185185185185
 * console.log(r.b.get(1)?.data[1]); // b_1(1, 2) = 0.305483176996029
 * ```
 */
export function analyticNtk(sequences: Sequences, opts: AnalyticNtkOptions = {}): AnalyticNtk {
  const x = asSequenceBatch(sequences);
  const r = kernelRequest(x, opts);
  const { L } = x;
  const { requested, sel, slabs, variances } = r;
  const na = x.n;
  const nb = r.other?.n ?? x.n;
  const backend = getBackend(opts.backend ?? 'auto');
  assertRequestFits(backend, r);
  const { heap } = backend;
  return heap.scope((s) => {
    const out = s.alloc(na * nb);
    const partsOff = s.alloc(slabs * na * nb);
    runKernel(backend, s, r, out, partsOff);

    const readMatrix = (off: number): Matrix => {
      const data = heap.read(off, na * nb);
      for (let t = 0; t < data.length; t++) {
        if (!Number.isFinite(data[t])) {
          throw new NonFiniteError(
            `the analytic kernel overflowed at entry ${t} (${data[t]}); scale the inputs or the variances down`,
            t,
            data[t],
          );
        }
      }
      return Object.freeze({ rows: na, cols: nb, data });
    };
    const byKind = requested.map((list, kind) => {
      const m = new Map<number, Matrix>();
      for (const l of [...list].sort((p, q) => p - q)) m.set(l, readMatrix(partsOff + sel[kind * (L + 1) + l] * na * nb));
      return m;
    });
    return Object.freeze({
      H: readMatrix(out),
      variances,
      k: byKind[0],
      b: byKind[1],
      rho: byKind[2],
      perStep: byKind[3],
      c: byKind[4],
    });
  });
}
