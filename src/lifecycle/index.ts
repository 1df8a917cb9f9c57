// Public API of src/lifecycle: this file only re-exports.
export { memory, type HeapMemory, type MemoryReport } from './memory.js';
