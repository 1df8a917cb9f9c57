// Public API of src/linalg: this file only re-exports.
export { matrix, fromRows, toRows, identity, type Matrix } from './matrix.js';
export type { LinalgOptions } from './options.js';
export { matvec, matvecTransposed } from './matvec.js';
export { matmul, type MatmulOptions } from './matmul.js';
export {
  cholesky,
  JITTER_LAMBDAS,
  pivotThreshold,
  type CholeskyFactor,
  type CholeskyOptions,
  type JitterUsed,
} from './cholesky.js';
export { choleskySolve, logDet } from './cholesky-solve.js';
export { solveLower, type RightHandSide, type SolveLowerOptions } from './triangular.js';
export { HeapMatrix } from './heap-matrix.js';
export { HeapCholesky, type HeapCholeskyOptions } from './heap-cholesky.js';
export {
  symmetricEigen,
  DEFAULT_SYMMETRY_TOLERANCE,
  EIGEN_SWEEPS_PER_EIGENVALUE,
  type SymmetricEigen,
  type SymmetricEigenOptions,
} from './symmetric-eigen.js';
