import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/errors.js';
import { decodeNpy, encodeNpy } from '../../src/io/index.js';
import { expectBitEqual } from '../helpers.js';

/**
 * A .npy v1.0 file written byte by byte from the format description (numpy/lib/format.py),
 * independently of encodeNpy: magic, version 1.0, uint16 LE header length, the dict padded with
 * spaces and a newline to a 64-byte boundary, then little-endian f64 values in C order.
 */
function handWrittenNpy(
  descr: string,
  shape: string,
  values: number[],
  elementBytes: (v: number) => number[],
  fortranOrder = 'False',
): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder}, 'shape': ${shape}, }`;
  let header = dict;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const bytes: number[] = [0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0];
  bytes.push(header.length & 0xff, header.length >> 8);
  for (const c of header) bytes.push(c.charCodeAt(0));
  for (const v of values) bytes.push(...elementBytes(v));
  return Uint8Array.from(bytes);
}

/** Little-endian bytes of an f64, from its IEEE-754 fields (sign, 11-bit exponent, 52-bit mantissa). */
function f64Bytes(v: number): number[] {
  // values used here are exact dyadic rationals: v = ±mant·2^e with a small integer mant
  if (v === 0) return [0, 0, 0, 0, 0, 0, 0, 0];
  const sign = v < 0 ? 1 : 0;
  let a = Math.abs(v);
  let exp = 0;
  while (a >= 2) { a /= 2; exp++; }
  while (a < 1) { a *= 2; exp--; }
  // a in [1, 2): mantissa bits = (a − 1)·2^52, split into high 20 and low 32 bits
  const frac = a - 1;
  const hi20 = Math.floor(frac * 2 ** 20);
  const lo32 = (frac * 2 ** 20 - hi20) * 2 ** 32;
  const hiWord = (sign << 31) | ((exp + 1023) << 20) | hi20;
  const out: number[] = [];
  for (let k = 0; k < 4; k++) out.push((lo32 / 2 ** (8 * k)) & 0xff);
  for (let k = 0; k < 4; k++) out.push((hiWord >>> (8 * k)) & 0xff);
  return out;
}

describe('.npy', () => {
  const values = [1, -2, 0.5, 3.25, 0, -0.125]; // shape (2, 3)

  it('reads a v1.0 <f8 C-order file written byte by byte from the format description', () => {
    const bytes = handWrittenNpy('<f8', '(2, 3)', values, f64Bytes);
    expect((bytes.length - 8 * values.length) % 64).toBe(0);
    const arr = decodeNpy(bytes);
    expect(arr.shape).toEqual([2, 3]);
    expectBitEqual(arr.data, values);
  });

  it('writes exactly the bytes NumPy writes for the same array', () => {
    const expected = handWrittenNpy('<f8', '(2, 3)', values, f64Bytes);
    expect(Array.from(encodeNpy(values, [2, 3]))).toEqual(Array.from(expected));
    const vec = handWrittenNpy('<f8', '(4,)', [1, -1, 1, 1], f64Bytes);
    expect(Array.from(encodeNpy([1, -1, 1, 1], [4]))).toEqual(Array.from(vec));
  });

  it('round-trips arbitrary f64 bits (subnormals, -0, extremes) and 3-D shapes', () => {
    const data = Float64Array.from([Math.PI, -0, 5e-324, 1.7976931348623157e308, -1e-300, 1 / 3, 2, 3, 4, 5, 6, 7]);
    const back = decodeNpy(encodeNpy(data, [2, 3, 2]));
    expect(back.shape).toEqual([2, 3, 2]);
    expectBitEqual(back.data, data);
    expect(decodeNpy(encodeNpy([], [0, 3])).shape).toEqual([0, 3]);
  });

  it('reads integer labels (<i8) as f64', () => {
    const i8 = (v: number) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigInt64(0, BigInt(v), true); return Array.from(b); };
    const arr = decodeNpy(handWrittenNpy('<i8', '(3,)', [1, -1, 1], i8));
    expectBitEqual(arr.data, [1, -1, 1]);
  });

  it('rejects malformed files with a FormatError that says what is wrong', () => {
    const good = encodeNpy(values, [2, 3]);
    expect(() => decodeNpy(new Uint8Array([1, 2, 3]))).toThrow(/magic string/);
    expect(() => decodeNpy(good.subarray(0, good.length - 3))).toThrow(/truncated or corrupted/);
    expect(() => decodeNpy(good.subarray(0, 40))).toThrow(/truncated/);
    const badVersion = good.slice(); badVersion[6] = 9;
    expect(() => decodeNpy(badVersion)).toThrow(/version 9\.0/);
    const f4 = handWrittenNpy('<c16', '(1,)', [0, 0], () => [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => decodeNpy(f4)).toThrow(/dtype '<c16' is not supported/);
    const fortran = handWrittenNpy('<f8', '(2, 3)', values, f64Bytes, 'True');
    expect(() => decodeNpy(fortran)).toThrow(FormatError);
    expect(() => decodeNpy(fortran)).toThrow(/Fortran order/);
  });
});
