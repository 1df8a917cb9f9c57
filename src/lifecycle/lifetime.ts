/**
 * The lifetime of an object that owns heap memory. One `Lifetime` per owner:
 *
 * - `assertAlive()` throws DisposedError once the owner was disposed, so a disposed object can
 *   never read or advance memory that now belongs to someone else;
 * - `end()` runs the release exactly once: a second dispose is harmless;
 * - owners that are garbage-collected without `dispose()` are released by a FinalizationRegistry
 *   and counted, so forgotten objects neither leak silently nor go unreported (see `memory()`).
 *
 * The release callback must not reference the owner (it would keep it alive forever).
 */
import { DisposedError } from '../errors.js';

/** Live lifetimes, for `memory()`. Holds the lifetimes, never their owners. */
const live = new Set<Lifetime>();
/** Objects released by the garbage collector because nobody disposed them, by kind. */
const reclaimed = new Map<string, number>();

const finalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Lifetime>((lifetime) => {
        if (lifetime.end()) reclaimed.set(lifetime.kind, (reclaimed.get(lifetime.kind) ?? 0) + 1);
      })
    : undefined;

/** Tracks one heap-owning object from creation to `dispose()` (or collection). */
export class Lifetime {
  private ended = false;

  /**
   * Starts tracking `owner` of kind `kind`; `release` frees its memory (once). Call only once
   * every allocation of the owner succeeded (free them yourself on a failure before).
   */
  constructor(
    /** The owner's kind, e.g. 'Rnn' or 'Rng'. */
    readonly kind: string,
    owner: object,
    private readonly release: () => void,
    /** Bytes the owner holds in the heap now. */
    readonly bytes: () => number,
  ) {
    live.add(this);
    finalizer?.register(owner, this, this);
  }

  /** True once the owner was disposed (or collected). */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Throws DisposedError when the owner was disposed. */
  assertAlive(): void {
    if (this.ended) throw new DisposedError(this.kind);
  }

  /** Releases the owner's memory the first time; later calls do nothing. True if it released. */
  end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    live.delete(this);
    finalizer?.unregister(this);
    this.release();
    return true;
  }
}

/** Counts and bytes of the live heap-owning objects, by kind. */
export function liveObjects(): { counts: Record<string, number>; bytes: Record<string, number> } {
  const counts: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  for (const l of live) {
    counts[l.kind] = (counts[l.kind] ?? 0) + 1;
    bytes[l.kind] = (bytes[l.kind] ?? 0) + l.bytes();
  }
  return { counts, bytes };
}

/** Objects freed by the garbage collector because they were never disposed, by kind. */
export function reclaimedObjects(): Record<string, number> {
  return Object.fromEntries(reclaimed);
}
