/** Distance in units in the last place between two doubles (0 for equal values or two NaNs). */
const view = new DataView(new ArrayBuffer(8));

/** Maps a double to an integer whose order is the order of the doubles (±0 both map to 0). */
function ordinal(x: number): bigint {
  view.setFloat64(0, x, true);
  const bits = view.getBigInt64(0, true);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** How many doubles lie between a and b (+ 1): 0 when a and b are the same value or both NaN. */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** Worst ulp distance of f against reference over the inputs, with the input where it occurs. */
export function worstUlps(f: (x: number) => number, reference: (x: number) => number, inputs: Iterable<number>): { ulps: number; at: number } {
  let ulps = 0;
  let at = NaN;
  for (const x of inputs) {
    const u = ulpDistance(f(x), reference(x));
    if (u > ulps) {
      ulps = u;
      at = x;
    }
  }
  return { ulps, at };
}

/**
 * n test inputs sign·10^e with e uniform on [lo, hi] and a uniform sign, from a fixed
 * linear-congruential stream (deterministic, independent of the code under test).
 */
export function logUniformInputs(n: number, lo: number, hi: number, seed = 1): number[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Array.from({ length: n }, () => (next() < 0.5 ? -1 : 1) * 10 ** (lo + (hi - lo) * next()));
}
