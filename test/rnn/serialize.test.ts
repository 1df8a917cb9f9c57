// Save/load: round trip across backends, resuming a run with the same bits as an uninterrupted
// one, and FormatError on corrupted, truncated, mismatched or foreign bytes.
import { describe, expect, it } from 'vitest';
import { FormatError, ShapeError, createRnn, forward, loadModel, saveModel, train } from '../../src/index.js';
import { crc32 } from '../../src/rnn/checksum.js';
import { expectBitEqual } from '../helpers.js';
import { linearTarget } from './targets.js';

const L = 4;
const d = 2;
const target = linearTarget(L, d, 7);
const data = target.sample(40);

/** Re-seals a tampered file: recomputes the CRC over bytes 24… so only the tampering is tested. */
function reseal(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, crc32(bytes.subarray(24)), true);
  return bytes;
}

describe('saveModel / loadModel', () => {
  it('round-trips parameters, configuration and step count, onto either backend', () => {
    const model = createRnn({ m: 12, d, L, init: 'algorithm1', seed: 3, backend: 'wasm' });
    train(model, data, { steps: 5 });
    const bytes = saveModel(model);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the standard check value
    for (const backend of ['wasm', 'ts'] as const) {
      const copy = loadModel(bytes, { backend, expect: { m: 12, d, L } });
      expect(copy.backend.name).toBe(backend);
      expect(copy.variances).toEqual(model.variances);
      expect(copy.init).toBe('algorithm1');
      expect(copy.stepsTaken).toBe(5);
      const [p, q] = [model.parameters(), copy.parameters()];
      for (const key of ['W', 'A', 'B', 'M0'] as const) expectBitEqual(p[key], q[key]);
      expectBitEqual(forward(copy, data.x), forward(model, data.x));
      copy.dispose();
    }
    model.dispose();
  });

  it('keeps explicit variances', () => {
    const init = { v0: 1, vW: 1.5, vA: 0.25, vB: 2 };
    const model = createRnn({ m: 6, d, L, init, seed: 1, backend: 'ts' });
    const copy = loadModel(saveModel(model), { backend: 'ts' });
    expect(copy.variances).toEqual(init);
    model.dispose();
    copy.dispose();
  });

  it('continues training with the same W bits as an uninterrupted run (also across backends)', () => {
    const uninterrupted = createRnn({ m: 14, d, L, seed: 8, backend: 'wasm' });
    train(uninterrupted, data, { steps: 60, eta0: 2 });
    const first = createRnn({ m: 14, d, L, seed: 8, backend: 'wasm' });
    train(first, data, { steps: 25, eta0: 2 });
    for (const backend of ['wasm', 'ts'] as const) {
      const resumed = loadModel(saveModel(first), { backend });
      train(resumed, data, { steps: 35, eta0: 2 });
      expect(resumed.stepsTaken).toBe(60);
      expectBitEqual(resumed.weights().data, uninterrupted.weights().data);
      resumed.dispose();
    }
    first.dispose();
    uninterrupted.dispose();
  });

  describe('rejects bad files with FormatError', () => {
    const model = createRnn({ m: 5, d, L, seed: 2, backend: 'ts' });
    const good = saveModel(model);
    const tamper = (fn: (b: Uint8Array) => Uint8Array | void) => {
      const copy = good.slice();
      return fn(copy) ?? copy;
    };
    const cases: Array<[string, Uint8Array]> = [
      ['empty', new Uint8Array(0)],
      ['truncated header', good.slice(0, 10)],
      ['truncated payload', good.slice(0, good.length - 8)],
      ['one extra byte', new Uint8Array([...good, 0])],
      ['wrong magic', tamper((b) => void (b[0] = 0x58))],
      ['other version', tamper((b) => void (b[8] = 2))],
      ['flipped payload bit', tamper((b) => void (b[b.length - 20] ^= 1))],
      ['flipped metadata byte', tamper((b) => void (b[30] ^= 0x20))],
      ['NaN in W (re-sealed)', tamper((b) => {
        const start = good.length - (25 + 10 + 5 + 5 + 6) * 8;
        new DataView(b.buffer).setFloat64(start, NaN, true);
        return reseal(b);
      })],
      ['metadata says m = 6 (re-sealed)', tamper((b) => {
        const json = new TextDecoder().decode(b.subarray(24, 24 + new DataView(b.buffer).getUint32(12, true)));
        const edited = new TextEncoder().encode(json.replace('"m":5', '"m":6'));
        b.set(edited, 24);
        return reseal(b);
      })],
      ['NaN spare deviate in the generator state (re-sealed)', tamper((b) => {
        new DataView(b.buffer).setFloat64(good.length - 8, NaN, true);
        return reseal(b);
      })],
      ['generator word out of range (re-sealed)', tamper((b) => {
        new DataView(b.buffer).setFloat64(good.length - 48, 2 ** 40, true);
        return reseal(b);
      })],
      ['metadata not JSON (re-sealed)', tamper((b) => {
        b[24] = 0x7b + 1;
        return reseal(b);
      })],
    ];
    for (const [name, bytes] of cases) {
      it(name, () => {
        expect(() => loadModel(bytes, { backend: 'ts' })).toThrow(FormatError);
      });
    }
    it('a shape other than the expected one', () => {
      expect(() => loadModel(good, { backend: 'ts', expect: { L: L + 1 } })).toThrow(ShapeError);
      expect(() => loadModel(good, { backend: 'ts', expect: { L: L + 1 } })).toThrow(/has L = 4, but L = 5 was expected/);
    });
  });
});
