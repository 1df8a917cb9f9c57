// Plain-TS twins of assembly/blas1.ts. Same contract and operation order (bit-exact):
// `h` is the heap, every array argument an element offset into it.

/** Σ x_i y_i over i < n, accumulated as the SIMD kernel does (even/odd lanes, then tail). */
export function dot(h: Float64Array, n: number, x: number, y: number): number {
  let s0 = 0;
  let s1 = 0;
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    s0 = s0 + h[x + i] * h[y + i];
    s1 = s1 + h[x + i + 1] * h[y + i + 1];
  }
  let s = s0 + s1;
  if (n & 1) s += h[x + even] * h[y + even];
  return s;
}

/** y ← α x + y. */
export function axpy(h: Float64Array, n: number, alpha: number, x: number, y: number): void {
  for (let i = 0; i < n; i++) h[y + i] = alpha * h[x + i] + h[y + i];
}

/** x ← α x. */
export function scal(h: Float64Array, n: number, alpha: number, x: number): void {
  for (let i = 0; i < n; i++) h[x + i] = alpha * h[x + i];
}
