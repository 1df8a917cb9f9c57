/**
 * The ReLU Elman RNN of docs/theory.md#the-network (paper eq. 3, 14):
 *
 *     h_0 = ϕ(M0),  h_l = ϕ(W h_{l−1} + A X_l)  (l = 1..L),  f(W, x) = Bᵀ h_L,
 *
 * with W ∈ R^{m×m}, A ∈ R^{m×d}, B, M0 ∈ R^m in the backend heap. Only W is trained.
 *
 * Initialisation (a seed gives the same bits on every backend and engine): one Rng seeded
 * with `seed` draws, in this order, M0 (m values, scale √(v0/m)), W (m² values in row-major
 * order W_11, W_12, …, scale √(vW/m)), A (m·d values row-major, scale √(vA/m)) and B (m values,
 * scale √vB). The same generator then draws the training examples (src/rnn/train.ts), so a
 * saved model resumes its run bit for bit.
 *
 * W is kept transposed in the heap (`wT`, Wᵀ row-major) because the fused kernels then skip
 * inactive ReLU units on contiguous rows (assembly/rnn.ts); `weights()` returns W itself.
 */
import { getBackend, type Backend } from '../backend/backend.js';
import { ShapeError } from '../errors.js';
import { disposeSymbol } from '../lifecycle/dispose-symbol.js';
import { Lifetime } from '../lifecycle/lifetime.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import type { InitScheme, Variances } from '../model/variances.js';
import { RNG_STATE_SLOTS, Rng } from '../random/rng.js';
import { assertFinite } from '../validate.js';
import { resolveConfig, type RnnConfig, type ResolvedRnnConfig } from './config.js';
import { Workspace } from './workspace.js';

// Module-internal access to the private counters and the parameter draw, bound in the class's
// static block: the library moves them, a caller cannot.
let bumpSteps: (model: Rnn, steps: number) => void;
let bumpRevision: (model: Rnn) => void;
let drawParameters: (model: Rnn) => void;

/** Element offsets of the parameters in the backend heap. */
export interface RnnParameterOffsets {
  /** Wᵀ, m×m row-major. */
  readonly wT: number;
  /** A, m×d row-major. */
  readonly a: number;
  /** B, m. */
  readonly b: number;
  /** M0, m. */
  readonly m0: number;
  /** h_0 = ϕ(M0), m (derived, kept for the forward pass). */
  readonly h0: number;
}

/** Parameter values as plain arrays (W and A row-major), e.g. to save or restore a model. */
export interface RnnParameters {
  /** Recurrent weights W, m×m row-major (the only trained parameter). */
  readonly W: Float64Array;
  /** Input weights A, m×d row-major. */
  readonly A: Float64Array;
  /** Output weights B, m values. */
  readonly B: Float64Array;
  /** Initial pre-activation M0, m values (h_0 = ϕ(M0)). */
  readonly M0: Float64Array;
}

/**
 * A network whose parameters live in a backend heap. Call `dispose()` when done (or declare it
 * with `using`); a disposed network (and its generator) throws DisposedError when used.
 */
export class Rnn implements ResolvedRnnConfig, Disposable {
  readonly m: number;
  readonly d: number;
  readonly L: number;
  readonly init: InitScheme;
  readonly variances: Variances;
  readonly seed: number;
  /** The backend whose heap holds the parameters and runs the passes. */
  readonly backend: Backend;
  /** The model's generator: drew the parameters, then draws training examples. */
  readonly rng: Rng;
  #offsets: RnnParameterOffsets;
  #workspace: Workspace;
  #stepsTaken = 0;
  #weightsRevision = 0;
  readonly #lifetime: Lifetime;

  static {
    bumpSteps = (model, steps) => {
      model.#stepsTaken += steps;
    };
    bumpRevision = (model) => {
      model.#weightsRevision++;
    };
    drawParameters = (model) => model.#drawParameters();
  }

  /**
   * Allocates a zero network; use `createRnn` (draws the parameters) or `loadModel`. If the
   * heap cannot hold it, whatever was allocated is freed before the WasmMemoryError propagates.
   */
  constructor(config: ResolvedRnnConfig, backend: Backend) {
    this.m = config.m;
    this.d = config.d;
    this.L = config.L;
    this.init = config.init;
    this.variances = config.variances;
    this.seed = config.seed;
    this.backend = backend;
    const heap = backend.heap;
    const m = config.m;
    const rng = new Rng(config.seed, backend);
    const taken: number[] = [];
    const take = (n: number): number => {
      const off = heap.alloc(n);
      taken.push(off);
      return off;
    };
    try {
      this.#offsets = { wT: take(m * m), a: take(m * config.d), b: take(m), m0: take(m), h0: take(m) };
    } catch (err) {
      for (const off of taken) heap.free(off);
      rng.dispose();
      throw err;
    }
    const workspace = new Workspace(heap, m, config.d, config.L);
    this.rng = rng;
    this.#workspace = workspace;
    const parameterSlots = m * m + m * config.d + 3 * m;
    this.#lifetime = new Lifetime(
      'Rnn',
      this,
      () => {
        workspace.release();
        for (const off of taken) heap.free(off);
        rng.dispose();
      },
      () => 8 * (parameterSlots + workspace.slots) + RNG_STATE_SLOTS * 8,
    );
  }

  /** Heap offsets of W (transposed), A, B, M0 and h_0 (internal; DisposedError after `dispose()`). @internal */
  get offsets(): RnnParameterOffsets {
    this.#lifetime.assertAlive();
    return this.#offsets;
  }

  /** Scratch buffers of the passes (internal; DisposedError after `dispose()`). @internal */
  get workspace(): Workspace {
    this.#lifetime.assertAlive();
    return this.#workspace;
  }

  /** Number of SGD updates applied to W so far (read-only: counted by the library). */
  get stepsTaken(): number {
    return this.#stepsTaken;
  }

  /**
   * Counts every change of W (SGD updates, setWeights, setParameters): a cache built from W
   * is stale once it moves. Read-only, so a cache's staleness check cannot be fooled.
   */
  get weightsRevision(): number {
    return this.#weightsRevision;
  }

  /** True once `dispose()` was called. */
  get disposed(): boolean {
    return this.#lifetime.isEnded;
  }

  /** W (m×m, row-major copy). */
  weights(): Matrix {
    this.assertAlive();
    const { m } = this;
    const f = this.backend.heap.f64;
    const out = matrix(m, m);
    for (let j = 0; j < m; j++) {
      const row = this.offsets.wT + j * m;
      for (let i = 0; i < m; i++) out.data[i * m + j] = f[row + i];
    }
    return out;
  }

  /** Replaces W with `w` (m×m row-major, finite). */
  setWeights(w: Matrix | ArrayLike<number>): void {
    this.assertAlive();
    const { m } = this;
    const data = 'data' in w ? w.data : w;
    if ('rows' in w && (w.rows !== m || w.cols !== m)) {
      throw new ShapeError(`W must be ${m}×${m}, got ${w.rows}×${w.cols}`);
    }
    if (data.length !== m * m) throw new ShapeError(`W must have ${m * m} entries (m×m), got ${data.length}`);
    assertFinite('W', data);
    const f = this.backend.heap.f64;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) f[this.offsets.wT + j * m + i] = data[i * m + j];
    }
    bumpRevision(this);
  }

  /** All parameters as copies (W, A row-major). */
  parameters(): RnnParameters {
    this.assertAlive();
    const heap = this.backend.heap;
    const { m, d } = this;
    return {
      W: this.weights().data,
      A: heap.read(this.offsets.a, m * d),
      B: heap.read(this.offsets.b, m),
      M0: heap.read(this.offsets.m0, m),
    };
  }

  /** Overwrites all parameters (validated shapes and finiteness); h_0 is recomputed. */
  setParameters(p: RnnParameters): void {
    this.assertAlive();
    const { m, d } = this;
    for (const [name, values, n] of [['A', p.A, m * d], ['B', p.B, m], ['M0', p.M0, m]] as const) {
      if (values.length !== n) throw new ShapeError(`${name} must have ${n} entries, got ${values.length}`);
      assertFinite(name, values);
    }
    this.setWeights(p.W);
    const f = this.backend.heap.f64;
    f.set(p.A, this.offsets.a);
    f.set(p.B, this.offsets.b);
    f.set(p.M0, this.offsets.m0);
    this.refreshInitialState();
  }

  /** Frees the heap memory of the parameters, the scratch and the generator. A second call does nothing. */
  dispose(): void {
    this.#lifetime.end();
  }

  /** `using model = createRnn(…)` disposes it at the end of the block. */
  [disposeSymbol](): void {
    this.dispose();
  }

  /** Throws DisposedError if the model was disposed. */
  assertAlive(): void {
    this.#lifetime.assertAlive();
  }

  /** h_0 = ϕ(M0), element by element. */
  private refreshInitialState(): void {
    const f = this.backend.heap.f64;
    for (let i = 0; i < this.m; i++) {
      const v = f[this.offsets.m0 + i];
      f[this.offsets.h0 + i] = v < 0 ? 0 : v;
    }
  }

  /**
   * Draws M0, W, A, B from the model's generator in the documented order. W is drawn straight
   * into its heap block and transposed in place (no m² scratch, so the largest network that fits
   * is twice as large as with a copy).
   */
  #drawParameters(): void {
    const { m, d, variances } = this;
    const { wT, a, b, m0 } = this.offsets;
    this.rng.fillNormal(m0, m, Math.sqrt(variances.v0 / m));
    this.rng.fillNormal(wT, m * m, Math.sqrt(variances.vW / m));
    const f = this.backend.heap.f64;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const t = f[wT + i * m + j];
        f[wT + i * m + j] = f[wT + j * m + i];
        f[wT + j * m + i] = t;
      }
    }
    bumpRevision(this);
    this.rng.fillNormal(a, m * d, Math.sqrt(variances.vA / m));
    this.rng.fillNormal(b, m, Math.sqrt(variances.vB));
    this.refreshInitialState();
  }
}

/** Adds `steps` to the model's SGD step count (training passes, and `loadModel` restoring a saved count). Internal. */
export function noteSgdSteps(model: Rnn, steps: number): void {
  bumpSteps(model, steps);
}

/** Records a change of W made through the heap. Internal to the training passes. */
export function noteWeightsChanged(model: Rnn): void {
  bumpRevision(model);
}

/**
 * A freshly initialised network (docs/theory.md#initialisation): `createRnn({m: 256, d: 4, L: 8, seed: 1})`.
 * Throws InvalidArgumentError for non-integer or non-positive m, d, L, a bad seed or init.
 *
 * The network of eq. 3 and eq. 14 (docs/theory.md#the-network):
 *
 *     h_0 = ϕ(M0),   h_l = ϕ(W h_{l−1} + A X_l)  (l = 1..L),   f(W, x) = Bᵀ h_L
 *
 * with the initialisation variances of `init` (docs/theory.md#initialisation). Call
 * `dispose()` when done: the parameters live in the WebAssembly heap.
 *
 * @example
 * ```ts
 * import { createRnn, forward } from 'rnn-ntk';
 *
 * const model = createRnn({ m: 64, d: 2, L: 3, seed: 1 }); // width m, input width d, length L
 * console.log(forward(model, [[[1, 0], [0.5, -1], [2, 1]]])); // f(x) for one sequence
 * model.dispose();
 * ```
 */
export function createRnn(config: RnnConfig): Rnn {
  const resolved = resolveConfig(config);
  const model = new Rnn(resolved, getBackend(config.backend ?? 'auto'));
  try {
    drawParameters(model);
  } catch (err) {
    model.dispose(); // nothing of a failed network stays in the heap
    throw err;
  }
  return model;
}
