// The plain-TS twin of every WebAssembly kernel, gathered in one namespace. Each function
// takes the heap (a Float64Array over linear memory) first, then exactly the arguments of
// the wasm export of the same name. The `Kernels` type (src/backend/kernels.ts) is derived
// from this list, and the wasm backend checks at load time that it exports every name here.
export * from './ts/blas1.js';
export * from './ts/portable-math.js';
export * from './ts/rng.js';
