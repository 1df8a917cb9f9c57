// Entry point of the rnn-ntk WebAssembly core: it only re-exports the kernel modules.
//
// Contract shared by every kernel (see each file for its own):
// - every array argument is an *element offset* (in f64 units, not bytes) into linear memory,
//   so `off` addresses bytes [8*off, 8*off + 8); the TS side owns allocation (src/wasm/heap.ts);
// - matrices are row-major with an explicit leading dimension (`lda` >= cols);
// - kernels never allocate, never grow memory and never call out of the module;
// - every kernel has a plain-TS twin in src/backend/ts/ with the same name and arguments
//   (plus the heap as first argument) that performs the floating-point operations in the
//   same order wherever the file says "bit-exact".
export * from './memory';
export { threadScratchSlots, setThreadScratch } from './thread_scratch';
export * from './blas1';
export * from './blas2';
export * from './relu';
export * from './gemm';
export * from './syrk';
export * from './potrf';
export * from './trsm';
export * from './rng';
export * from './portable_math';
export * from './portable_trig';
export * from './rnn';
export * from './ntk';
export * from './ntk_empirical';
export * from './sytrd';
export * from './steqr';
export * from './ntk_groups';
