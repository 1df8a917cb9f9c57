// Public API of src/theory: this file only re-exports.
export {};
