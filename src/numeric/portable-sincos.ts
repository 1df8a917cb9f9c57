// Portable sine and cosine: the same bits in every JavaScript engine (Math.sin/Math.cos are not
// specified to the last bit), from IEEE-754 basic operations and exponent-bit manipulation only.
import { InvalidArgumentError } from '../errors.js';
import { highWord } from './float-bits.js';

const INV_PIO2 = 6.36619772367581382433e-1; // 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417e0; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 − PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // second 33 bits of π/2
const PIO2_2T = 2.02226624879595063154e-21; // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // third 33 bits of π/2
const PIO2_3T = 8.47842766036889956997e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)
const ROUNDING_SHIFT = 6755399441055744; // 1.5·2^52: (t + it) − it rounds t to an integer
const S1 = -1.66666666666666324348e-1; // fdlibm k_sin.c (Remez, error ≤ 2^−58 on [−π/4, π/4])
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2; // fdlibm k_cos.c (Remez, error ≤ 2^−58 on [−π/4, π/4])
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** Largest |x| (high word) the Cody–Waite reduction handles: 2^20·π/2 ≈ 1.6e6. */
const REDUCTION_LIMIT_HIGH_WORD = 0x413921fb;

/** x − n·π/2 = y0 + y1 (a double-double), with the quadrant n. */
interface Reduced {
  n: number;
  y0: number;
  y1: number;
}

/**
 * Cody–Waite reduction by π/2 (fdlibm/musl __rem_pio2.c, "medium" case): n = rint(x·2/π),
 * r = x − n·π/2 with π/2 split into three 33-bit parts and their tails; a second and third
 * part are used only when cancellation ate more than 16 / 49 bits, which covers every double
 * with |x| < 2^20·π/2 (the result is good to ≥ 85 bits relative). Larger |x| would need the
 * Payne–Hanek reduction: InvalidArgumentError rather than a wrong number.
 */
function reduceByPiOverTwo(x: number, ix: number): Reduced {
  if (ix >= REDUCTION_LIMIT_HIGH_WORD) {
    throw new InvalidArgumentError(
      `portable sin/cos support |x| < 2^20·π/2 ≈ 1.647e6 (Cody–Waite reduction), got ${x}; reduce the argument first`,
    );
  }
  const fn = x * INV_PIO2 + ROUNDING_SHIFT - ROUNDING_SHIFT;
  const n = fn | 0;
  let r = x - fn * PIO2_1;
  let w = fn * PIO2_1T;
  let y0 = r - w;
  const exponent = ix >>> 20;
  if (exponent - ((highWord(y0) >>> 20) & 0x7ff) > 16) {
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - ((t - r) - w);
    y0 = r - w;
    if (exponent - ((highWord(y0) >>> 20) & 0x7ff) > 49) {
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - ((t - r) - w);
      y0 = r - w;
    }
  }
  return { n, y0, y1: (r - y0) - w };
}

/**
 * sin(x + y) for |x + y| ≤ π/4, y the tail of x (fdlibm k_sin.c): with r = S2 + … + S6x⁸,
 * x + x³(S1 + x²r) when y = 0 (hasTail false), else x − ((x²(y/2 − x³r) − y) − S1x³).
 */
function kernelSin(x: number, y: number, hasTail: boolean): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (!hasTail) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** cos(x + y) for |x + y| ≤ π/4, y the tail of x (fdlibm k_cos.c): w + (((1 − w) − x²/2) + (x²r − xy)), w = 1 − x²/2. */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  const w2 = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w2 * w2 * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const w = 1 - hz;
  return w + (((1 - w) - hz) + (z * r - x * y));
}

/**
 * sin x, bit-identical in every engine. Method (fdlibm/musl s_sin.c): |x| ≤ π/4 directly by the
 * degree-13 kernel; else x = nπ/2 + (y0 + y1) by Cody–Waite reduction and ±sin/±cos kernel by
 * n mod 4. Accuracy < 1 ulp (fdlibm). sin(±0) = ±0, NaN for NaN and ±∞. Throws
 * InvalidArgumentError for |x| ≥ 2^20·π/2 (no large-argument reduction).
 */
export function portableSin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e500000) return x; // |x| < 2^−26: sin x = x to < 1 ulp (keeps −0)
    return kernelSin(x, 0, false);
  }
  if (ix >= 0x7ff00000) return NaN;
  const { n, y0, y1 } = reduceByPiOverTwo(x, ix);
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, true);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, true);
    default:
      return -kernelCos(y0, y1);
  }
}

/**
 * cos x, bit-identical in every engine. Method (fdlibm/musl s_cos.c): the degree-14 kernel for
 * |x| ≤ π/4, else Cody–Waite reduction and ±cos/±sin kernel by n mod 4. Accuracy < 1 ulp
 * (fdlibm). cos(±0) = 1, NaN for NaN and ±∞. Throws InvalidArgumentError for |x| ≥ 2^20·π/2.
 */
export function portableCos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e46a09e) return 1; // |x| < 2^−27·√2: cos x = 1 to < 1 ulp
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  const { n, y0, y1 } = reduceByPiOverTwo(x, ix);
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, true);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, true);
  }
}
