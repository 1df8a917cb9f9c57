// The plain-TS twin of every WebAssembly kernel, gathered in one namespace. Each function
// takes the heap (a Float64Array over linear memory) first, then exactly the arguments of
// the wasm export of the same name. The `Kernels` type (src/backend/kernels.ts) is derived
// from this list, and the wasm backend checks at load time that it exports every name here.
// Files under src/backend/ts/ export kernels only (shared scalar helpers live in src/numeric/).
export * from './ts/blas1.js';
export * from './ts/blas2.js';
export * from './ts/relu.js';
export * from './ts/gemm.js';
export * from './ts/syrk.js';
export * from './ts/potrf.js';
export * from './ts/trsm.js';
export * from './ts/rng.js';
export * from './ts/portable-math.js';
export * from './ts/portable-trig.js';
export * from './ts/rnn.js';
export * from './ts/ntk.js';
export * from './ts/ntk-empirical.js';
export * from './ts/sytrd.js';
export * from './ts/steqr.js';
export * from './ts/ntk-groups.js';
