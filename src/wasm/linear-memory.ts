/**
 * The part of a `WebAssembly.Memory` the heap uses, declared structurally so that the published
 * type declarations compile for consumers without the DOM lib (whose `lib: ["ES2022"]` and
 * @types/node have no `WebAssembly` namespace).
 */
export interface LinearMemory {
  /** The memory's current backing store (replaced by every grow). */
  readonly buffer: ArrayBuffer;
  /** Grows the memory by `pages` pages of 64 KiB; returns the previous size in pages. */
  grow(pages: number): number;
}

/**
 * A compiled `WebAssembly.Module`, opaque in the published type declarations for the same
 * reason; the core casts it back where it instantiates the module.
 */
export type CompiledModule = object;
