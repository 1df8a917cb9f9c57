/**
 * The empirical counterparts of `kernelFn` (docs/kernel-function.md): the NNGP and per-group
 * tangent kernels of one width-m network, and their average over independently initialised
 * networks (`monteCarloKernelFn`, in the spirit of neural-tangents' `monte_carlo_kernel_fn`),
 * which tends to the analytic kernels as the width and the number of networks grow.
 */
import type { BackendChoice } from '../backend/backend.js';
import type { SequenceBatch } from '../data/sequences.js';
import { ShapeError } from '../errors.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import type { InitScheme } from '../model/variances.js';
import { createRnn, type Rnn } from '../rnn/model.js';
import { assertInteger } from '../validate.js';
import { empiricalNngp } from './empirical-groups.js';
import { empiricalNtk, empiricalNtkCross, type NetworkNtkOptions } from './empirical-network.js';
import type { KernelFnResult } from './kernel-fn.js';
import { checkedGroups, checkedKinds, type KernelKind, type ParameterGroup } from './parameter-groups.js';

/** What to compute: the kernels and the trained groups (defaults as `kernelFn`). */
export interface EmpiricalKernelRequest {
  /** Kernels to return (default ['nngp', 'ntk']). */
  readonly get?: readonly KernelKind[];
  /** Trained parameter groups whose tangent kernels are summed (default ['W']). */
  readonly trainable?: readonly ParameterGroup[];
}

/** The empirical kernels of one network: `kernelFn`'s result without the variances. */
export type EmpiricalKernels = Omit<KernelFnResult, 'variances'>;

/**
 * The empirical NNGP vB·⟨h_L(x), h_L(x′)⟩ and the tangent kernel Σ_θ (1/m)⟨∇_θ f(x), ∇_θ f(x′)⟩
 * over the trained groups θ of `model` (a trained network, or one at initialisation), between
 * x1 and x2 (n1×n2), or of x1 with itself. Throws like `empiricalNtk`.
 */
export function empiricalKernelFn(
  model: Rnn, x1: SequenceBatch, x2?: SequenceBatch, request: EmpiricalKernelRequest & Pick<NetworkNtkOptions, 'variant'> = {},
): EmpiricalKernels {
  const get = checkedKinds(request.get);
  const trainable = checkedGroups(request.trainable);
  const opts = { trainable, variant: request.variant };
  const ntk = get.includes('ntk') ? (x2 === undefined ? empiricalNtk(model, x1, opts) : empiricalNtkCross(model, x1, x2, opts)) : undefined;
  const nngp = get.includes('nngp') ? empiricalNngp(model, x1, x2 ?? x1) : undefined;
  return Object.freeze({ ...(nngp ? { nngp } : {}), ...(ntk ? { ntk } : {}) });
}

/** Options of {@link monteCarloKernelFn}. */
export interface MonteCarloKernelOptions extends EmpiricalKernelRequest {
  /** Width m of every network. */
  readonly width: number;
  /** Number of independently initialised networks averaged. */
  readonly seeds: number;
  /** Seed of the first network; network k uses seed + k (default 0). */
  readonly seed?: number;
  /** Initialisation variances, as for `createRnn` (default 'paper'). */
  readonly init?: InitScheme;
  /** Backend of the networks (default 'auto'). */
  readonly backend?: BackendChoice;
}

/** A Monte-Carlo kernel function: `kernelFn`'s call shape, with the request overridable per call. */
export type MonteCarloKernelFn = (x1: SequenceBatch, x2?: SequenceBatch, request?: EmpiricalKernelRequest) => EmpiricalKernels;

/**
 * The seed-averaged empirical kernels: `monteCarloKernelFn({width: 1024, seeds: 8, trainable:
 * ['W', 'A']})(x1, x2)` draws `seeds` networks of width m (seeds seed, seed+1, …) and returns the
 * mean of their `empiricalKernelFn` results. Each network is created, used and disposed in turn.
 * Error against `kernelFn` ≈ C/√(seeds·m) (docs/kernel-function.md).
 */
export function monteCarloKernelFn(options: MonteCarloKernelOptions): MonteCarloKernelFn {
  assertInteger('width', options.width, 1);
  assertInteger('seeds', options.seeds, 1);
  const first = options.seed ?? 0;
  assertInteger('seed', first, 0);
  const defaults = { get: checkedKinds(options.get), trainable: checkedGroups(options.trainable) };
  return (x1, x2, request = {}) => {
    const get = checkedKinds(request.get ?? defaults.get);
    const trainable = checkedGroups(request.trainable ?? defaults.trainable);
    if (x2 !== undefined && (x2.L !== x1.L || x2.d !== x1.d)) {
      throw new ShapeError(`x2 has sequences of ${x2.L}×${x2.d}, x1 of ${x1.L}×${x1.d}: both need the same length L and width d`);
    }
    const sums: Partial<Record<KernelKind, Float64Array>> = {};
    for (let k = 0; k < options.seeds; k++) {
      const model = createRnn({ m: options.width, d: x1.d, L: x1.L, seed: first + k, init: options.init, backend: options.backend });
      try {
        const r = empiricalKernelFn(model, x1, x2, { get, trainable });
        for (const kind of get) {
          const data = r[kind]!.data;
          const acc = (sums[kind] ??= new Float64Array(data.length));
          for (let t = 0; t < data.length; t++) acc[t] += data[t] / options.seeds;
        }
      } finally {
        model.dispose();
      }
    }
    const rows = x1.n;
    const cols = x2?.n ?? x1.n;
    return Object.freeze(Object.fromEntries(get.map((kind) => [kind, matrix(rows, cols, sums[kind])])) as EmpiricalKernels);
  };
}
