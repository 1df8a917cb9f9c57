/**
 * Learnable targets built for the tests (the concept-class samplers live elsewhere): labels
 * y = sign(Σ_l β_lᵀ X_l), a linear function of the whole sequence, or per step y_l = sign(β_lᵀ X_l).
 */
import { dataset, sequenceBatch, type Dataset } from '../../src/data/sequences.js';
import { Rng } from '../../src/random/rng.js';
import { stepDataset, type StepDataset } from '../../src/rnn/labelling.js';

/** β (L×d) and a generator of data sets labelled by it. */
export function linearTarget(L: number, d: number, seed: number) {
  const rng = new Rng(seed, 'ts');
  const beta = rng.normal(L * d);
  const score = (x: ArrayLike<number>, from: number, to: number) => {
    let s = 0;
    for (let k = from; k < to; k++) s += beta[k] * x[k];
    return s;
  };
  return {
    beta,
    /** n sequences with N(0, 1) entries, y = sign(Σ_l β_lᵀ X_l). */
    sample(n: number): Dataset {
      const x = rng.normal(n * L * d);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = score(x.subarray(i * L * d), 0, L * d) >= 0 ? 1 : -1;
      return dataset(sequenceBatch(n, L, d, x), y);
    },
    /** n sequences labelled per step: y_l = sign(β_lᵀ X_l). */
    samplePerStep(n: number): StepDataset {
      const x = rng.normal(n * L * d);
      const y = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        for (let l = 0; l < L; l++) y[i * L + l] = score(x.subarray(i * L * d), l * d, (l + 1) * d) >= 0 ? 1 : -1;
      }
      return stepDataset(sequenceBatch(n, L, d, x), y);
    },
    dispose: () => rng.dispose(),
  };
}
