/**
 * Scratch buffers of a network in its backend heap, sized for `capacity` sequences processed
 * together and grown on demand. Layouts follow the fused kernels (assembly/rnn.ts): per
 * sequence s, hidden states h_0..h_L at h + s(L+1)m, δ_1..δ_L at delta + sLm, inputs X_1..X_L at
 * x + sLd, output injections e_1..e_L at inject + sL.
 */
import type { Heap } from '../wasm/heap.js';

/** Element offsets of the scratch buffers (valid until the next `ensure`). */
export interface WorkspaceBuffers {
  readonly h: number;
  readonly delta: number;
  readonly x: number;
  readonly inject: number;
  /** 2·capacity·L slots for the update kernel. */
  readonly work: number;
}

/** Heap scratch for forward, backward and update passes. */
export class Workspace {
  private capacity = 0;
  private buffers: WorkspaceBuffers | undefined;

  constructor(
    private readonly heap: Heap,
    private readonly m: number,
    private readonly d: number,
    private readonly L: number,
  ) {}

  /** Buffers for at least `count` sequences (reallocated, contents lost, when it must grow). */
  ensure(count: number): WorkspaceBuffers {
    if (this.buffers !== undefined && count <= this.capacity) return this.buffers;
    this.release();
    const { m, d, L } = this;
    const c = Math.max(count, 1);
    const sizes = { h: c * (L + 1) * m, delta: c * L * m, x: c * L * d, inject: c * L, work: 2 * c * L };
    const taken: number[] = [];
    try {
      for (const size of Object.values(sizes)) taken.push(this.heap.alloc(size));
    } catch (err) {
      for (const off of taken) this.heap.free(off); // a request beyond the heap leaves nothing behind
      throw err;
    }
    const [h, delta, x, inject, work] = taken;
    this.buffers = { h, delta, x, inject, work };
    this.capacity = c;
    return this.buffers;
  }

  /** Heap slots the buffers hold now. */
  get slots(): number {
    const { m, d, L } = this;
    return this.buffers === undefined ? 0 : this.capacity * ((L + 1) * m + L * m + L * d + 3 * L);
  }

  /** Frees every buffer. */
  release(): void {
    if (this.buffers === undefined) return;
    for (const off of Object.values(this.buffers)) this.heap.free(off);
    this.buffers = undefined;
    this.capacity = 0;
  }
}
