// Public API of src/parallel: this file only re-exports.
export {
  configureThreads,
  shutdownThreads,
  threadsInfo,
  threadsReady,
  type ThreadOptions,
  type ThreadsInfo,
} from './threads.js';
export { MAX_THREADS, THREADS_ENV } from './thread-count.js';
