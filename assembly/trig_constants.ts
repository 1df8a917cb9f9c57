// Constants and helpers of musl's asin/acos (FreeBSD msun e_asin.c / e_acos.c, Sun
// Microsystems 1993), shared by the scalar kernels (assembly/portable_trig.ts) and the
// two-lane version (assembly/portable_trig_lanes.ts). Not re-exported by assembly/index.ts.

/** High part of π/2 (0x3FF921FB54442D18); PIO2_HI + PIO2_LO is π/2 to about 2^−106. */
export const PIO2_HI: f64 = 1.5707963267948965580e+00;
/** Low part of π/2 (0x3C91A62633145C07). */
export const PIO2_LO: f64 = 6.12323399573676603587e-17;
/** Coefficients PS0..PS5 of the numerator P(z) and QS1..QS4 of the denominator Q(z) of `rational`. */
export const PS0: f64 = 1.66666666666666657415e-01;
export const PS1: f64 = -3.25565818622400915405e-01;
export const PS2: f64 = 2.01212532134862925881e-01;
export const PS3: f64 = -4.00555345006794114027e-02;
export const PS4: f64 = 7.91534994289814532176e-04;
export const PS5: f64 = 3.47933107596021167570e-05;
export const QS1: f64 = -2.40339491173441421878e+00;
export const QS2: f64 = 2.02094576023350569471e+00;
export const QS3: f64 = -6.88283971605453293030e-01;
export const QS4: f64 = 7.70381505559019352791e-02;

/** musl's rational approximation R(z) = z·P(z)/Q(z) of (asin √z − √z)/√z³ on [0, 1/4]. */
// @ts-ignore: decorator
@inline export function rational(z: f64): f64 {
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q = 1.0 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q;
}

/** The upper 32 bits of x's IEEE representation. */
// @ts-ignore: decorator
@inline export function highWord(x: f64): u32 {
  return <u32>(reinterpret<u64>(x) >> 32);
}

/** x with the lower 32 bits of its representation cleared. */
// @ts-ignore: decorator
@inline export function clearLowWord(x: f64): f64 {
  return reinterpret<f64>(reinterpret<u64>(x) & 0xffffffff00000000);
}

