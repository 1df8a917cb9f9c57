// Portable inverse sine and cosine: the TS twins of assembly/portable_trig.ts `pasin`/`pacos`.

const PIO2_HI = 1.5707963267948965580e0; // 0x3FF921FB54442D18
const PIO2_LO = 6.12323399573676603587e-17; // 0x3C91A62633145C07
const PS0 = 1.66666666666666657415e-1;
const PS1 = -3.25565818622400915405e-1;
const PS2 = 2.01212532134862925881e-1;
const PS3 = -4.00555345006794114027e-2;
const PS4 = 7.91534994289814532176e-4;
const PS5 = 3.47933107596021167570e-5;
const QS1 = -2.40339491173441421878e0;
const QS2 = 2.02094576023350569471e0;
const QS3 = -6.88283971605453293030e-1;
const QS4 = 7.70381505559019352791e-2;

const scratch = new DataView(new ArrayBuffer(8));

/** musl's rational approximation R(z) = z·P(z)/Q(z) of (asin √z − √z)/√z³ on [0, 1/4]. */
function rational(z: number): number {
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q = 1 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q;
}

/** The upper 32 bits of x's IEEE representation (as an unsigned integer). */
function highWord(x: number): number {
  scratch.setFloat64(0, x, true);
  return scratch.getUint32(4, true);
}

/** The lower 32 bits of x's IEEE representation (as an unsigned integer). */
function lowWord(x: number): number {
  scratch.setFloat64(0, x, true);
  return scratch.getUint32(0, true);
}

/** x with the lower 32 bits of its representation cleared. */
function clearLowWord(x: number): number {
  scratch.setFloat64(0, x, true);
  scratch.setUint32(0, 0, true);
  return scratch.getFloat64(0, true);
}

/**
 * arcsin x for x ∈ [−1, 1], from IEEE basic operations and √ only, so it is the same bits in
 * every engine and equal to the wasm `pasin`. Method (musl/FreeBSD e_asin.c): asin x =
 * x + x·R(x²) for |x| < 1/2, else π/2 − 2 asin √((1−|x|)/2) with π/2 split hi + lo.
 * Accuracy < 1 ulp. NaN outside [−1, 1].
 */
export function portableAsin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return x * PIO2_HI;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix < 0x3e500000 && ix >= 0x00100000) return x;
    return x + x * rational(x * x);
  }
  const z = (1 - Math.abs(x)) * 0.5;
  const s = Math.sqrt(z);
  const r = rational(z);
  let y: number;
  if (ix >= 0x3fef3333) {
    y = PIO2_HI - (2 * (s + s * r) - PIO2_LO);
  } else {
    const f = clearLowWord(s);
    const c = (z - f * f) / (s + f);
    y = 0.5 * PIO2_HI - (2 * s * r - (PIO2_LO - 2 * c) - (0.5 * PIO2_HI - 2 * f));
  }
  return hx >>> 31 ? -y : y;
}

/**
 * arccos x for x ∈ [−1, 1], bit-identical to the wasm `pacos` (musl/FreeBSD e_acos.c):
 * π/2 − (x + x·R(x²)) for |x| < 1/2, 2 asin √((1−x)/2) for x ≥ 1/2 and
 * π − 2 asin √((1+x)/2) for x ≤ −1/2. Accuracy < 1 ulp; acos 1 = 0 and acos(−1) = π exactly.
 * NaN outside [−1, 1].
 */
export function portableAcos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return hx >>> 31 ? 2 * PIO2_HI : 0;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix <= 0x3c600000) return PIO2_HI;
    return PIO2_HI - (x - (PIO2_LO - x * rational(x * x)));
  }
  if (hx >>> 31) {
    const z = (1 + x) * 0.5;
    const s = Math.sqrt(z);
    const w = rational(z) * s - PIO2_LO;
    return 2 * (PIO2_HI - (s + w));
  }
  const z = (1 - x) * 0.5;
  const s = Math.sqrt(z);
  const df = clearLowWord(s);
  const c = (z - df * df) / (s + df);
  const w = rational(z) * s + c;
  return 2 * (df + w);
}
