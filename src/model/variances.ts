/**
 * Initialisation variances of the RNN (docs/theory.md#initialisation): M0 ~ N(0, v0/m), W ~ N(0, vW/m),
 * A ~ N(0, vA/m), B ~ N(0, vB), entries i.i.d. Shared by the network (src/rnn) and the
 * analytic kernels (src/kernels), which are written for general (v0, vW, vA, vB).
 */
import { InvalidArgumentError } from '../errors.js';
import { assertInteger } from '../validate.js';

/** The four variances of docs/theory.md#initialisation. */
export interface Variances {
  /** Variance scale of the initial state: M0 ~ N(0, v0/m). */
  readonly v0: number;
  /** Variance scale of the recurrent weights: W ~ N(0, vW/m). */
  readonly vW: number;
  /** Variance scale of the input weights: A ~ N(0, vA/m). */
  readonly vA: number;
  /** Variance of the output weights: B ~ N(0, vB). */
  readonly vB: number;
}

/**
 * 'paper' (default): v0 = 2, vW = 2, vA = 2/L³, vB = 1 — the reading under which Theorem 5's
 * K^l and the kernels of eq. 23 / Theorem 6 are O(1). 'algorithm1': the box of Algorithm 1,
 * vA = 2, vB = 1/m. Or explicit variances.
 */
export type InitScheme = 'paper' | 'algorithm1' | Variances;

/** The variances of `init` for sequences of length L and width m (docs/theory.md#initialisation table). */
export function variancesFor(init: InitScheme, L: number, m: number): Variances {
  assertInteger('L', L, 1);
  assertInteger('m', m, 1);
  if (init === 'paper') return { v0: 2, vW: 2, vA: 2 / (L * L * L), vB: 1 };
  if (init === 'algorithm1') return { v0: 2, vW: 2, vA: 2, vB: 1 / m };
  if (typeof init !== 'object' || init === null) {
    throw new InvalidArgumentError(`init must be 'paper', 'algorithm1' or {v0, vW, vA, vB}, got ${String(init)}`);
  }
  for (const key of ['v0', 'vW', 'vA', 'vB'] as const) {
    const v = init[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new InvalidArgumentError(`init.${key} must be a finite variance >= 0, got ${String(v)}`);
    }
  }
  return { v0: init.v0, vW: init.vW, vA: init.vA, vB: init.vB };
}
