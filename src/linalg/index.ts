// Public API of src/linalg: this file only re-exports.
export * from './matrix.js';
