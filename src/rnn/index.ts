// Public API of src/rnn: this file only re-exports.
export {};
