/**
 * `kernelFn`: the analytic infinite-width kernels of the ReLU RNN in the shape of
 * neural-tangents' `kernel_fn` — the NNGP (covariance of f over initialisations) and the
 * tangent kernel of any set of trained parameter groups. Derivations: docs/kernel-function.md.
 *
 *   NNGP(x, x′) = vB·k_L                         Θ_W  = Σ_l b_l·k_{l−1}  (the paper's H∞, eq. 23, Theorem 6)
 *   Θ_A  = Σ_l b_l·⟨X_l, X′_l⟩                   Θ_M0 = (vW/2)·b_1
 *   Θ_B  = k_L/m → 0 (vanishes in the limit at fixed vB; kept at a given width m)
 *
 * with k_l, b_l the forward and backward kernels of Theorems 5 and 6. The default
 * (`trainable: ['W']`, NTK only) is `analyticNtk` itself; every other request runs one
 * forward recursion per pair that yields all groups at once (assembly/ntk_groups.ts, or its
 * bit-exact TS twin), whose Θ_W has the same bits as `analyticNtk`.
 */
import { getBackend, type BackendChoice } from '../backend/backend.js';
import { assertSequenceBatch, type SequenceBatch } from '../data/sequences.js';
import { InvalidArgumentError, NonFiniteError, ShapeError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { variancesFor, type InitScheme, type Variances } from '../model/variances.js';
import { analyticNtk } from './analytic.js';
import { PARAMETER_GROUPS, checkedGroups, checkedKinds, type KernelKind, type ParameterGroup } from './parameter-groups.js';

/** Options of {@link kernelFn}. */
export interface KernelFnOptions {
  /** Kernels to return (default both, ['nngp', 'ntk']). */
  readonly get?: readonly KernelKind[];
  /** Parameter groups trained, whose tangent kernels are summed (default ['W'], the paper's H∞). */
  readonly trainable?: readonly ParameterGroup[];
  /** Initialisation variances (eq. 3 with the variances of docs/kernel-function.md): 'paper' (default), 'algorithm1' or explicit. */
  readonly init?: InitScheme;
  /**
   * Network width m. Needed by 'algorithm1' (vB = 1/m); when given, B's kernel is its
   * width-m value k_L/m, otherwise its infinite-width limit 0.
   */
  readonly m?: number;
  /** Return only the diagonal K(x_i, x_i) (an n×1 matrix) in O(n·L·d); x2 must be absent. */
  readonly diagonal?: boolean;
  /** Kernel implementation: 'wasm', 'ts' (the twin) or 'auto' (default). */
  readonly backend?: BackendChoice;
}

/** The kernels that were asked for (immutable). */
export interface KernelFnResult {
  /** The NNGP vB·k_L: n1×n2 (n×1 with `diagonal`), if 'nngp' was requested. */
  readonly nngp?: Matrix;
  /** The sum of the trained groups' tangent kernels, if 'ntk' was requested. */
  readonly ntk?: Matrix;
  /** The variances used. */
  readonly variances: Variances;
}

/** Throws unless every pre-activation variance c_l(i,i) is positive and finite (else ρ is undefined). */
function assertUsableDiagonal(name: string, c: Float64Array, L: number): void {
  const t = c.findIndex((v) => !(v > 0) || !Number.isFinite(v));
  if (t >= 0) {
    throw new InvalidArgumentError(
      `${name}: sequence ${Math.floor(t / L)} has pre-activation variance c_${(t % L) + 1} = ${c[t]}; ` +
        'use v0 > 0 and vW > 0 (or non-zero inputs with vA > 0) and finite inputs',
    );
  }
}

/** Throws NonFiniteError at the first non-finite entry of a kernel. */
function assertFiniteKernel(data: Float64Array): void {
  const t = data.findIndex((v) => !Number.isFinite(v));
  if (t >= 0) {
    throw new NonFiniteError(`the kernel overflowed at entry ${t} (${data[t]}); scale the inputs or the variances down`, t, data[t]);
  }
}

/**
 * The analytic NNGP and tangent kernel of the RNN (docs/kernel-function.md) between the
 * sequences `x1` and `x2` (n1×n2), or of `x1` with itself (symmetric, computed on j ≥ i) when
 * `x2` is absent. `trainable` selects the parameter groups whose tangent kernels
 * lim (1/m)⟨∇_θ f(x), ∇_θ f(x′)⟩ are summed — the kernel of gradient descent on θ with step
 * η₀/m. O(n1·n2·L·d) work. Throws InvalidArgumentError (unknown `get` or `trainable` entry,
 * bad variances, `diagonal` with x2), ShapeError (empty or mismatched batches), NonFiniteError.
 */
export function kernelFn(x1: SequenceBatch, x2?: SequenceBatch, opts: KernelFnOptions = {}): KernelFnResult {
  const get = checkedKinds(opts.get);
  const trainable = checkedGroups(opts.trainable);
  assertSequenceBatch('x1', x1);
  if (x1.n === 0) throw new ShapeError('x1 is empty: the kernel needs at least one sequence');
  if (x2 !== undefined) {
    assertSequenceBatch('x2', x2);
    if (x2.n === 0) throw new ShapeError('x2 is empty: the kernel needs at least one sequence');
    if (x2.L !== x1.L || x2.d !== x1.d) {
      throw new ShapeError(`x2 has sequences of ${x2.L}×${x2.d}, x1 of ${x1.L}×${x1.d}: both need the same length L and width d`);
    }
  }
  const diagonal = opts.diagonal === true;
  if (diagonal && x2 !== undefined) {
    throw new InvalidArgumentError('diagonal: true gives K(x_i, x_i) of one batch; call kernelFn(x1, undefined, {diagonal: true})');
  }
  const init = opts.init ?? 'paper';
  if (init === 'algorithm1' && opts.m === undefined) {
    throw new InvalidArgumentError("init 'algorithm1' sets vB = 1/m: pass the network width as opts.m");
  }
  const variances = variancesFor(init, x1.L, opts.m ?? 1);

  if (!diagonal && get.length === 1 && get[0] === 'ntk' && trainable.length === 1 && trainable[0] === 'W') {
    const ntk = analyticNtk(x1, { init, m: opts.m, other: x2, backend: opts.backend }).H;
    return Object.freeze({ ntk, variances });
  }
  return runGroups(x1, x2, get, trainable, variances, opts.m, diagonal, opts.backend);
}

/** One pass of the ntkGroups kernel over all rows for the validated request. */
function runGroups(
  x1: SequenceBatch, x2: SequenceBatch | undefined, get: readonly KernelKind[], trainable: readonly ParameterGroup[],
  variances: Variances, width: number | undefined, diagonal: boolean, backend: BackendChoice | undefined,
): KernelFnResult {
  const { L, d } = x1;
  const n1 = x1.n;
  const n2 = diagonal ? 1 : (x2?.n ?? n1);
  const weights = PARAMETER_GROUPS.map((g) => (!trainable.includes(g) ? 0 : g === 'B' ? (width === undefined ? 0 : 1 / width) : 1));
  const shape = diagonal ? 2 : x2 === undefined ? 1 : 0;
  const wantNngp = get.includes('nngp');
  const { heap, kernels } = getBackend(backend ?? 'auto');
  return heap.scope((s) => {
    const vars = s.put([variances.v0, variances.vW, variances.vA, variances.vB]);
    const w = s.put(weights);
    const xa = s.put(x1.data);
    const ca = s.alloc(n1 * L);
    kernels.ntkDiagonal(n1, L, d, xa, vars, ca);
    assertUsableDiagonal('x1', heap.read(ca, n1 * L), L);
    let xb = xa;
    let cb = ca;
    if (x2 !== undefined) {
      xb = s.put(x2.data);
      cb = s.alloc(x2.n * L);
      kernels.ntkDiagonal(x2.n, L, d, xb, vars, cb);
      assertUsableDiagonal('x2', heap.read(cb, x2.n * L), L);
    }
    const size = n1 * n2;
    const nngp = s.alloc(wantNngp ? size : 0);
    const ntk = s.alloc(size);
    kernels.ntkGroups(n1, n2, L, d, xa, xb, ca, cb, vars, w, shape, 0, n1, wantNngp ? 1 : 0, nngp, ntk);
    const read = (off: number): Matrix => {
      const data = heap.read(off, size);
      assertFiniteKernel(data);
      return Object.freeze({ rows: n1, cols: n2, data });
    };
    return Object.freeze({
      ...(wantNngp ? { nngp: read(nngp) } : {}),
      ...(get.includes('ntk') ? { ntk: read(ntk) } : {}),
      variances,
    });
  });
}
