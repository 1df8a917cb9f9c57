// Plain-TS twins of assembly/relu.ts (element-wise, bit-exact).

/** h_i = max(g_i, 0) (NaN propagates, −0 → +0), mask_i = (g_i > 0 ? 1 : 0), for i < n. h may alias g. */
export function reluMask(h: Float64Array, n: number, g: number, out: number, mask: number): void {
  for (let i = 0; i < n; i++) {
    const gi = h[g + i];
    h[mask + i] = gi > 0 ? 1 : 0;
    h[out + i] = Math.max(gi, 0);
  }
}

/** y_i = mask_i · x_i for i < n. y may alias x. */
export function mulMask(h: Float64Array, n: number, x: number, mask: number, y: number): void {
  for (let i = 0; i < n; i++) h[y + i] = h[mask + i] * h[x + i];
}
