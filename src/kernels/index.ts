// Public API of src/kernels: this file only re-exports.
export {};
