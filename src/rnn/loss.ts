/**
 * The logistic loss of docs/theory.md#loss, ℓ(z) = log(1 + e^{−z}), and its derivative ℓ'(z) = −1/(1 + e^z),
 * both stable for large |z| and built on the portable exp/log, so the SGD coefficient ℓ'(y f)
 * has the same bits in every engine.
 */
import { portableExp } from '../numeric/portable-exp.js';
import { portableLog } from '../numeric/portable-log.js';

/**
 * log(1 + u) for u ∈ [0, 1], accurate for small u: with w = 1 + u (rounded),
 * log1p(u) = log(w) · u / (w − 1) cancels the rounding of w (Goldberg 1991, Thm. 4).
 */
function log1pSmall(u: number): number {
  const w = 1 + u;
  if (w === 1) return u;
  return portableLog(w) * (u / (w - 1));
}

/**
 * ℓ(z) = log(1 + e^{−z}) = softplus(−z), evaluated as log1p(e^{−z}) for z ≥ 0 and
 * −z + log1p(e^{z}) for z < 0, so neither branch overflows (ℓ(z) ≈ e^{−z} for z → +∞,
 * ≈ −z for z → −∞).
 */
export function logisticLoss(z: number): number {
  return z >= 0 ? log1pSmall(portableExp(-z)) : -z + log1pSmall(portableExp(z));
}

/** ℓ'(z) = −1/(1 + e^{z}) ∈ (−1, 0): → −1 as z → −∞, → −0 as z → +∞ (no overflow trap). */
export function logisticLossDerivative(z: number): number {
  return -1 / (1 + portableExp(z));
}
