// Public API of src/io: this file only re-exports.
export {};
