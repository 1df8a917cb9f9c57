/**
 * The one seeded generator of rnn-ntk: xoshiro128** with a polar-method normal transform,
 * its state in the backend's heap (assembly/rng.ts, twin src/backend/ts/rng.ts). A seed means
 * the same numbers on either backend and in every engine. Pass an Rng explicitly to whatever
 * draws random numbers; the unseeded global generator of JavaScript is never used.
 */
import { getBackend, type Backend, type BackendChoice } from '../backend/backend.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { disposeSymbol } from '../lifecycle/dispose-symbol.js';
import { Lifetime } from '../lifecycle/lifetime.js';
import { assertFiniteNumber, assertInteger } from '../validate.js';

/** Number of f64 slots in a generator state (see assembly/rng.ts). */
export const RNG_STATE_SLOTS = 6;

/**
 * The four 32-bit xoshiro words for an integer seed in [0, 2^53): the low and high 32-bit
 * halves are mixed by splitmix32 (a 32-bit integer finaliser), so nearby seeds give unrelated
 * streams. Pure 32-bit integer arithmetic: identical in every engine.
 */
export function seedWords(seed: number): [number, number, number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidArgumentError(`seed must be an integer in [0, 2^53), got ${String(seed)}`);
  }
  let x = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b9);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    words.push(z >>> 0);
  }
  if (!words.some((w) => w !== 0)) words[0] = 1; // xoshiro's only forbidden state
  return words as [number, number, number, number];
}

/** Largest k of `integers(n, k)`: its values k − 1 must fit an Int32Array. */
export const MAX_INTEGER_RANGE = 2 ** 31;

/**
 * A seeded generator whose state lives in a backend heap. Call `dispose()` (or declare it with
 * `using`) to free it; a disposed generator throws DisposedError instead of drawing.
 */
export class Rng implements Disposable {
  /** The backend whose heap holds the state and whose kernels draw the numbers. */
  readonly backend: Backend;
  private readonly stateOffset: number;
  private readonly lifetime: Lifetime;

  /** A generator seeded with `seed` (integer in [0, 2^53)) on `backend` (default 'auto'). */
  constructor(seed: number, backend: BackendChoice = 'auto') {
    const words = seedWords(seed);
    this.backend = getBackend(backend);
    const heap = this.backend.heap;
    const state = heap.alloc(RNG_STATE_SLOTS);
    heap.f64.set([...words, 0, 0], state);
    this.stateOffset = state;
    this.lifetime = new Lifetime('Rng', this, () => heap.free(state), () => RNG_STATE_SLOTS * 8);
  }

  /** Element offset of the 6-slot state in the backend heap; DisposedError after `dispose()`. */
  get state(): number {
    this.lifetime.assertAlive();
    return this.stateOffset;
  }

  /** True once `dispose()` was called. */
  get disposed(): boolean {
    return this.lifetime.isEnded;
  }

  /** A copy of the state (6 numbers), for saving a run and resuming it bit for bit. */
  snapshot(): Float64Array {
    return this.backend.heap.read(this.state, RNG_STATE_SLOTS);
  }

  /**
   * Restores a state taken with `snapshot` (from either backend): four 32-bit words, not all
   * zero (xoshiro's one fixed point), then the spare-deviate flag (0 or 1) and a finite spare.
   */
  restore(state: ArrayLike<number>): void {
    if (state.length !== RNG_STATE_SLOTS) {
      throw new InvalidArgumentError(`an Rng state has ${RNG_STATE_SLOTS} numbers, got ${state.length}`);
    }
    for (let i = 0; i < 4; i++) {
      const w = state[i];
      if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) {
        throw new InvalidArgumentError(`Rng state word ${i} must be a 32-bit unsigned integer, got ${w}`);
      }
    }
    if (state[0] === 0 && state[1] === 0 && state[2] === 0 && state[3] === 0) {
      throw new InvalidArgumentError('Rng state words are all 0, a state xoshiro never leaves: use a snapshot');
    }
    if ((state[4] !== 0 && state[4] !== 1) || !Number.isFinite(state[5])) {
      throw new InvalidArgumentError(
        `Rng state slots 4 and 5 must be a flag 0 or 1 and a finite spare deviate, got ${state[4]} and ${state[5]}`,
      );
    }
    this.backend.heap.f64.set(state, this.state);
  }

  /** Writes n draws of scale·N(0,1) into the heap at element offset `out`. */
  fillNormal(out: number, n: number, scale = 1): void {
    this.assertHeapRange(out, n);
    assertFiniteNumber('scale', scale);
    this.backend.kernels.rngNormal(this.state, n, scale, out);
  }

  /** Writes n draws of U[0,1) into the heap at element offset `out`. */
  fillUniform(out: number, n: number): void {
    this.assertHeapRange(out, n);
    this.backend.kernels.rngUniform(this.state, n, out);
  }

  /** Throws unless n ≥ 0 is an integer and slots out .. out+n−1 lie inside the heap. */
  private assertHeapRange(out: number, n: number): void {
    assertInteger('n', n, 0);
    assertInteger('out (heap offset)', out, 0);
    const slots = this.backend.heap.capacityBytes / 8;
    if (out + n > slots) {
      throw new ShapeError(`${n} draws at heap offset ${out} would run past the heap's ${slots} slots; allocate them first`);
    }
  }

  /** n draws of scale·N(0, 1), as a new Float64Array. */
  normal(n: number, scale = 1): Float64Array {
    assertInteger('n', n, 0);
    assertFiniteNumber('scale', scale);
    return this.backend.heap.scope((s) => {
      const out = s.alloc(n);
      this.fillNormal(out, n, scale);
      return this.backend.heap.read(out, n);
    });
  }

  /** n draws of U[0, 1), as a new Float64Array. */
  uniform(n: number): Float64Array {
    assertInteger('n', n, 0);
    return this.backend.heap.scope((s) => {
      const out = s.alloc(n);
      this.fillUniform(out, n);
      return this.backend.heap.read(out, n);
    });
  }

  /**
   * n integers uniform on {0, …, k−1}, 1 ≤ k ≤ 2^31 (so that k − 1 fits the Int32Array), as
   * ⌊U·k⌋ with U ∈ [0, 1 − 2^−53]: for such k the product rounds below k, so every value is in range.
   */
  integers(n: number, k: number): Int32Array {
    assertInteger('k', k, 1);
    if (k > MAX_INTEGER_RANGE) {
      throw new InvalidArgumentError(`k must be at most 2^31 = ${MAX_INTEGER_RANGE} (the values are returned in an Int32Array), got ${k}`);
    }
    const u = this.uniform(n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(u[i] * k);
    return out;
  }

  /** Frees the state in the heap; the generator throws DisposedError afterwards. A second call does nothing. */
  dispose(): void {
    this.lifetime.end();
  }

  /** `using rng = new Rng(1)` disposes it at the end of the block. */
  [disposeSymbol](): void {
    this.dispose();
  }
}
