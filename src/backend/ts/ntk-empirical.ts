// Plain-TS twin of assembly/ntk_empirical.ts. Same contract and operation order (bit-exact):
// `h` is the heap, every array argument an element offset into it.

/** Σ_{a,b<L} gd·gh over one off-diagonal block (lanes s0/s1 on even/odd columns, tail t). */
function blockSum(h: Float64Array, L: number, pd: number, ph: number, ldg: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  const even = L & ~1;
  for (let a = 0; a < L; a++) {
    const rd = pd + a * ldg;
    const rh = ph + a * ldg;
    for (let b = 0; b < even; b += 2) {
      s0 = s0 + h[rd + b] * h[rh + b];
      s1 = s1 + h[rd + b + 1] * h[rh + b + 1];
    }
    if (L & 1) t += h[rd + even] * h[rh + even];
  }
  return s0 + s1 + t;
}

/** Σ_{a,b<L} gd·gh over a diagonal block stored as its lower triangle: 2·off + diag. */
function lowerBlockSum(h: Float64Array, L: number, pd: number, ph: number, ldg: number): number {
  let off = 0;
  let diag = 0;
  for (let a = 0; a < L; a++) {
    const rd = pd + a * ldg;
    const rh = ph + a * ldg;
    for (let b = 0; b < a; b++) off += h[rd + b] * h[rh + b];
    diag += h[rd + a] * h[rh + a];
  }
  return 2 * off + diag;
}

/**
 * out(i, j) += α Σ_{a,b<L} gd(iL+a, jL+b)·gh(iL+a, jL+b) for i < ni, j < nj
 * (j ≤ i only, reading lower triangles, when `lower` = 1). docs/theory.md#empirical-ntk, eq. 23.
 */
export function ntkBlockSum(
  h: Float64Array,
  ni: number,
  nj: number,
  L: number,
  gd: number,
  gh: number,
  ldg: number,
  lower: number,
  alpha: number,
  out: number,
  ldo: number,
): void {
  for (let i = 0; i < ni; i++) {
    const jEnd = lower ? i + 1 : nj;
    for (let j = 0; j < jEnd; j++) {
      const e = i * L * ldg + j * L;
      const sum =
        lower && i === j ? lowerBlockSum(h, L, gd + e, gh + e, ldg) : blockSum(h, L, gd + e, gh + e, ldg);
      h[out + i * ldo + j] = h[out + i * ldo + j] + alpha * sum;
    }
  }
}
