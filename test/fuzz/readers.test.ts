/**
 * Issue 10, item 4 — fuzzing the readers (fast-check, fixed seeds, a few seconds): the .npy
 * decoder, the JSON data-set parser, the model file and the `--psi` grammar, on generated
 * malformed input, return a correct result or their documented typed error — never a
 * TypeError/RangeError, a hang or a silent wrong value. Every single-bit flip and every
 * truncation of a small saved model is rejected.
 */
import fc from 'fast-check';
import { InvalidArgumentError as CommanderArgumentError } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePsi } from '../../src/cli/psi-option.js';
import { createRnn, decodeNpy, encodeNpy, FormatError, loadModel, parseDatasetJson, RnnNtkError, saveModel } from '../../src/index.js';

/** How the cases of the running test ended (printed with FUZZ_REPORT=1). */
const endings = { results: 0, typedErrors: 0 };

/** Runs `read`; a thrown error must be an instance of `allowed`, anything else fails the property. */
function outcome<T>(read: () => T, allowed: new (...args: never[]) => Error): { ok: true; value: T } | { ok: false } {
  try {
    const value = read();
    endings.results++;
    return { ok: true, value };
  } catch (err) {
    if (!(err instanceof allowed)) throw new Error(`expected ${allowed.name} or a result, got ${String(err)}`);
    endings.typedErrors++;
    return { ok: false };
  }
}

beforeEach(() => Object.assign(endings, { results: 0, typedErrors: 0 }));
afterEach((ctx) => {
  if (process.env.FUZZ_REPORT !== undefined) console.log(`${ctx.task.name}: ${endings.results} results, ${endings.typedErrors} typed errors`);
});

/** Cases per property: enough to reach every branch of these small parsers, small enough for seconds. */
const RUNS = 400;

describe('.npy decoder', () => {
  const shapes = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 });

  it(`round-trips generated arrays bit for bit (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(shapes, fc.array(fc.double(), { maxLength: 64 }), (shape, pool) => {
        const count = shape.reduce((a, b) => a * b, 1);
        const data = Float64Array.from({ length: count }, (_, i) => pool[i % Math.max(1, pool.length)] ?? 0);
        const back = decodeNpy(encodeNpy(data, shape));
        expect(back.shape).toEqual(shape);
        expect(Buffer.from(back.data.buffer).equals(Buffer.from(data.buffer))).toBe(true);
      }),
      { numRuns: RUNS, seed: 1 },
    );
  });

  it(`mutated files (byte edits, truncations, header rewrites) decode consistently or throw FormatError (${3 * RUNS} cases)`, () => {
    const valid = encodeNpy(Float64Array.from({ length: 12 }, (_, i) => i - 5.5), [3, 4]);
    const edits = fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(edits, fc.nat(valid.length), (changes, cut) => {
        const bytes = valid.slice(0, Math.max(cut, 1));
        for (const [at, v] of changes) if (at < bytes.length) bytes[at] = v;
        const r = outcome(() => decodeNpy(bytes), FormatError);
        // a success must describe its payload exactly: shape product = number of values
        if (r.ok) expect(r.value.data.length).toBe(r.value.shape.reduce((a, b) => a * b, 1));
      }),
      { numRuns: RUNS, seed: 2 },
    );
    const headers = fc.string({ maxLength: 80 }).map((dict) => {
      const text = new TextEncoder().encode(dict + '\n');
      const out = new Uint8Array(10 + text.length + 16);
      out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
      new DataView(out.buffer).setUint16(8, text.length, true);
      out.set(text, 10);
      return out;
    });
    const dicts = fc
      .record({
        descr: fc.constantFrom("'<f8'", "'<i8'", "'|u1'", "'<c16'", "'x'", '3'),
        order: fc.constantFrom('False', 'True', 'None'),
        shape: fc.array(fc.oneof(fc.nat(3).map(String), fc.constantFrom('-1', '1e400', '2L', 'a', '9007199254740993', '')), { maxLength: 4 }),
      })
      .map(({ descr, order, shape }) => {
        const text = new TextEncoder().encode(`{'descr': ${descr}, 'fortran_order': ${order}, 'shape': (${shape.join(', ')}), }\n`);
        const out = new Uint8Array(10 + text.length + 16);
        out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
        new DataView(out.buffer).setUint16(8, text.length, true);
        out.set(text, 10);
        return out;
      });
    for (const gen of [headers, dicts]) {
      fc.assert(
        fc.property(gen, (bytes) => {
          const r = outcome(() => decodeNpy(bytes), FormatError);
          if (r.ok) expect(r.value.data.length * 8).toBeLessThanOrEqual(16);
        }),
        { numRuns: RUNS, seed: 3 },
      );
    }
  });
});

describe('JSON data-set parser', () => {
  it(`arbitrary JSON values give a valid data set or a FormatError (${RUNS} cases)`, () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record({ x: fc.jsonValue({ maxDepth: 4 }), y: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({
        x: fc.array(fc.array(fc.array(fc.oneof(fc.double(), fc.constant('1' as unknown as number)), { maxLength: 3 }), { maxLength: 3 }), { maxLength: 3 }),
        y: fc.array(fc.constantFrom(1, -1, 0, 2, 1.5), { maxLength: 4 }),
        fstar: fc.option(fc.array(fc.double(), { maxLength: 4 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(value, (v) => {
        const r = outcome(() => parseDatasetJson(JSON.stringify(v) ?? 'undefined'), FormatError);
        if (r.ok) {
          const { x, y } = r.value;
          expect(x.data.length).toBe(x.n * x.L * x.d);
          expect(y.length).toBe(x.n);
          expect([...y].every((l) => l === 1 || l === -1)).toBe(true);
          expect(x.data.every(Number.isFinite)).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: 4 },
    );
  });

  it(`well-shaped data sets parse to exactly their values (${RUNS} cases; labels or values occasionally invalid)`, () => {
    const shaped = fc
      .record({ n: fc.integer({ min: 1, max: 3 }), L: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 3 }) })
      .chain(({ n, L, d }) =>
        fc.record({
          x: fc.array(fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: d, maxLength: d }), { minLength: L, maxLength: L }), { minLength: n, maxLength: n }),
          y: fc.array(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(1, -1) }, { weight: 1, arbitrary: fc.constantFrom(0, 2, -0.5) }), { minLength: n, maxLength: n }),
        }),
      );
    fc.assert(
      fc.property(shaped, (v) => {
        const r = outcome(() => parseDatasetJson(JSON.stringify(v)), FormatError);
        if (r.ok) {
          expect(Array.from(r.value.x.data)).toEqual(v.x.flat(2).map((t) => t + 0)); // −0 is written as 0 by JSON
          expect(Array.from(r.value.y)).toEqual(v.y);
        } else {
          expect(v.y.some((l) => l !== 1 && l !== -1)).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: 8 },
    );
  });

  it(`mutated and truncated texts give a data set or a FormatError (${RUNS} cases)`, () => {
    const text = JSON.stringify({ x: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], y: [1, -1], fstar: [0.5, -0.5] });
    const chars = '[]{},:"-+.e0123456789xyfstar \\';
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(text.length - 1), fc.constantFrom(...chars)), { maxLength: 5 }), fc.nat(text.length), (edits, cut) => {
        const t = [...text.slice(0, cut)];
        for (const [at, c] of edits) if (at < t.length) t[at] = c;
        outcome(() => parseDatasetJson(t.join('')), FormatError);
      }),
      { numRuns: RUNS, seed: 5 },
    );
  });
});

describe('model file', () => {
  const model = createRnn({ m: 2, d: 1, L: 1, seed: 7, backend: 'ts' });
  const good = saveModel(model);
  model.dispose();

  it(`every single-bit flip of a ${good.length}-byte model is rejected (${good.length * 8} cases)`, () => {
    let rejected = 0;
    for (let bit = 0; bit < good.length * 8; bit++) {
      const bytes = good.slice();
      bytes[bit >> 3] ^= 1 << (bit & 7);
      const r = outcome(() => loadModel(bytes, { backend: 'ts' }), FormatError);
      if (r.ok) r.value.dispose();
      else rejected++;
    }
    expect(rejected).toBe(good.length * 8);
  });

  it(`every truncation is rejected (${good.length} cases), and so are extensions`, () => {
    for (let cut = 0; cut < good.length; cut++) {
      expect(() => loadModel(good.subarray(0, cut), { backend: 'ts' })).toThrow(FormatError);
    }
    for (const extra of [1, 7, 8, 64]) {
      const longer = new Uint8Array(good.length + extra);
      longer.set(good);
      expect(() => loadModel(longer, { backend: 'ts' })).toThrow(FormatError);
    }
  });

  it(`random byte strings are rejected (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withMagic) => {
        if (withMagic && bytes.length >= 8) bytes.set(new TextEncoder().encode('RNNNTKMD'));
        expect(() => loadModel(bytes, { backend: 'ts' })).toThrow(FormatError);
      }),
      { numRuns: RUNS, seed: 6 },
    );
  });
});

describe('--psi grammar', () => {
  const token = fc.constantFrom('exp', 'sin', 'cos', 'sinh', 'cosh', 'arctan', 'poly', 'tan', ':', ',', '+', '-', '0', '1', '2.5', '1e400', 'NaN', ' ', '', '0x10', 'e');
  it(`generated expressions parse into a finite-valued ψ or a commander argument error (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        const r = outcome(() => parsePsi(text), CommanderArgumentError);
        if (r.ok) expect(typeof r.value.name).toBe('string');
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it('library errors inside ψ constructors surface as argument errors, never as crashes', () => {
    for (const text of ['arctan:0', 'poly:', 'poly:1,,2', 'sin:1e400', 'exp:NaN', '+', 'sin+', 'nope']) {
      let err: unknown;
      try {
        parsePsi(text);
      } catch (e) {
        err = e;
      }
      expect(err instanceof CommanderArgumentError || err instanceof RnnNtkError || err === undefined, `${text}: ${String(err)}`).toBe(true);
    }
  });
});
