// Gauss–Legendre quadrature: nodes and weights on [−1, 1], and a composite rule on [a, b].

import { InvalidArgumentError } from '../errors.js';
import { assertInteger } from '../validate.js';
import { portableCos } from './portable-sincos.js';

/** Nodes x_k and weights w_k of the q-point Gauss–Legendre rule on [−1, 1]. */
export interface QuadratureRule {
  /** The q nodes x_k in (−1, 1), ascending. */
  readonly nodes: Float64Array;
  /** The q weights w_k > 0 (they sum to 2). */
  readonly weights: Float64Array;
}

/**
 * The q-point Gauss–Legendre rule (exact for polynomials of degree ≤ 2q − 1). Nodes are the
 * roots of P_q, found by Newton's method from x ≈ cos(π(k − ¼)/(q + ½)) with P_q and P_q'
 * from the three-term recurrence (k+1)P_{k+1} = (2k+1)x P_k − k P_{k−1}; the weights are
 * w_k = 2 / ((1 − x_k²) P_q'(x_k)²). Accurate to a few ulp for q ≤ 100.
 */
export function gaussLegendre(q: number): QuadratureRule {
  assertInteger('q (quadrature points)', q, 1);
  const nodes = new Float64Array(q);
  const weights = new Float64Array(q);
  for (let k = 0; k < Math.ceil(q / 2); k++) {
    let x = portableCos((Math.PI * (k + 0.75)) / (q + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let j = 1; j < q; j++) {
        const p2 = ((2 * j + 1) * x * p1 - j * p0) / (j + 1);
        p0 = p1;
        p1 = p2;
      }
      dp = (q * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / dp;
      x -= step;
      if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[k] = -x;
    nodes[q - 1 - k] = x;
    weights[k] = w;
    weights[q - 1 - k] = w;
  }
  return { nodes, weights };
}

/**
 * ∫_a^b f(x) dx by a composite rule: [a, b] cut into `panels` equal parts, each integrated
 * with the given Gauss–Legendre rule.
 */
export function compositeIntegral(f: (x: number) => number, a: number, b: number, panels: number, rule: QuadratureRule): number {
  assertInteger('panels', panels, 1);
  if (!(b > a) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new InvalidArgumentError(`integration bounds must be finite with a < b, got [${a}, ${b}]`);
  }
  const h = (b - a) / panels;
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    let s = 0;
    for (let k = 0; k < rule.nodes.length; k++) s += rule.weights[k] * f(mid + 0.5 * h * rule.nodes[k]);
    total += 0.5 * h * s;
  }
  return total;
}
