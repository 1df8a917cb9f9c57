/** Random input sequences for the experiments that need no target (seeded, norms chosen). */
import { sequenceBatch, type SequenceBatch } from '../data/sequences.js';
import type { Rng } from '../random/rng.js';

/**
 * n sequences of L tokens in R^d, each token a uniformly random direction scaled to norm
 * `norm` (X_l = norm · g/‖g‖, g ~ N(0, I_d)).
 */
export function tokensOfNorm(rng: Rng, n: number, L: number, d: number, norm: number): SequenceBatch {
  const g = rng.normal(n * L * d);
  for (let t = 0; t < n * L; t++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += g[t * d + k] * g[t * d + k];
    const scale = norm / Math.sqrt(s);
    for (let k = 0; k < d; k++) g[t * d + k] *= scale;
  }
  return sequenceBatch(n, L, d, g);
}

/** n sequences of L tokens with i.i.d. N(0, scale²) entries. */
export function gaussianTokens(rng: Rng, n: number, L: number, d: number, scale: number): SequenceBatch {
  return sequenceBatch(n, L, d, rng.normal(n * L * d, scale));
}
