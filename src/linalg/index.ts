// Public API of src/linalg: this file only re-exports.
export * from './matrix.js';
export type { LinalgOptions } from './options.js';
export { matvec, matvecTransposed } from './matvec.js';
export { matmul, type MatmulOptions } from './matmul.js';
export {
  cholesky,
  choleskyInHeap,
  JITTER_LAMBDAS,
  type CholeskyFactor,
  type CholeskyOptions,
  type InHeapCholeskyOptions,
  type JitterUsed,
} from './cholesky.js';
export { choleskySolve, logDet } from './cholesky-solve.js';
export { solveLower, type RightHandSide, type SolveLowerOptions } from './triangular.js';
export {
  symmetricEigen,
  DEFAULT_SYMMETRY_TOLERANCE,
  EIGEN_SWEEPS_PER_EIGENVALUE,
  type SymmetricEigen,
  type SymmetricEigenOptions,
} from './symmetric-eigen.js';
