// Plain-TS twins of assembly/portable_trig.ts: the same IEEE operations in the same order,
// hence the same bits in every JavaScript engine (no Math.asin/Math.acos).

import { portableAcos, portableAsin } from '../../numeric/portable-trig.js';

/** arcsin x for x ∈ [−1, 1], bit-identical to the wasm `pasin` (musl asin). NaN outside. */
export function pasin(_h: Float64Array, x: number): number {
  return portableAsin(x);
}

/** arccos x for x ∈ [−1, 1], bit-identical to the wasm `pacos` (musl acos). NaN outside. */
export function pacos(_h: Float64Array, x: number): number {
  return portableAcos(x);
}
