/**
 * Typed errors of rnn-ntk. Every public function validates its input at the boundary and
 * throws one of these with a message that says what to fix; none returns NaN silently.
 */

/** Base class of every error rnn-ntk throws on purpose. */
export class RnnNtkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An argument has the wrong shape (dimensions, lengths, ragged nesting, empty data). */
export class ShapeError extends RnnNtkError {}

/** An input holds NaN or ±Infinity; `index` is the first offending flat index. */
export class NonFiniteError extends RnnNtkError {
  constructor(
    message: string,
    /** Flat index of the first NaN or ±Infinity. */
    readonly index: number,
    /** The offending value (NaN, Infinity or −Infinity). */
    readonly value: number,
  ) {
    super(message);
  }
}

/** An argument is out of its allowed range (a non-positive width, labels outside ±1, …). */
export class InvalidArgumentError extends RnnNtkError {}

/**
 * An iterative method stopped at its stated iteration bound before converging (for example
 * the implicit QL iteration of `symmetricEigen`, bounded by 30·n sweeps).
 */
export class ConvergenceError extends RnnNtkError {
  constructor(
    message: string,
    /** The iterations (sweeps) spent when the method gave up. */
    readonly iterations: number,
  ) {
    super(message);
  }
}

/**
 * A matrix is not numerically positive definite: the Cholesky pivot `pivot` (0-based)
 * had the non-positive (or non-finite) value `value` before its square root.
 */
export class NotPositiveDefiniteError extends RnnNtkError {
  constructor(
    message: string,
    /** 0-based index of the first failing pivot. */
    readonly pivot: number,
    /** The pivot's value before its square root: ≤ 0, NaN or ±Infinity. */
    readonly value: number,
  ) {
    super(message);
  }
}

/** A request does not fit in WebAssembly linear memory (4 GiB for wasm32). */
export class WasmMemoryError extends RnnNtkError {
  constructor(
    message: string,
    /** Size of the request that did not fit, in bytes. */
    readonly requestedBytes: number,
  ) {
    super(message);
  }
}

/** A file or serialized blob is malformed, truncated, corrupted or of another version. */
export class FormatError extends RnnNtkError {}

/**
 * An object that owns heap memory (an `Rnn`, an `Rng`, a factor or matrix handle, …) was used
 * after its `dispose()`: its memory has been returned to the heap and may already belong to
 * another object.
 */
export class DisposedError extends RnnNtkError {
  constructor(
    /** What kind of object it was ('Rnn', 'Rng', 'heap matrix', …). */
    readonly kind: string,
    how = 'was disposed and its heap memory freed',
  ) {
    super(`this ${kind} ${how}; create a new one (dispose only what you no longer use)`);
  }
}

/**
 * The worker pool of the threaded build failed: a worker could not start, a kernel task failed
 * or stopped responding on a worker thread, or the pool was used after `shutdownThreads()`.
 */
export class ThreadPoolError extends RnnNtkError {}
