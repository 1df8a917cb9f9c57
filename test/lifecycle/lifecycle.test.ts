/**
 * Issue 10, item 2 (table rows 1–3): objects that own heap memory throw DisposedError after
 * dispose(), a second dispose() never frees memory now owned by someone else, a failed
 * construction frees what it took, `using` disposes, and memory() reports what is live.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  createRnn, dataset, DisposedError, empiricalNtk, evaluate, forward, forwardWithCache, gradient, hiddenStates, loadModel, memory, Rng, Rnn,
  saveModel, sgdStep, stepActivations, train, WasmMemoryError,
} from '../../src/index.js';
import { sampleSequences } from '../../src/theory/concept-sampler.js';
import { BACKENDS } from '../helpers.js';

describe.each(BACKENDS.map((b) => [b.name, b] as const))('lifecycle on the %s backend', (_name, backend) => {
  it('row 1: a disposed Rng throws DisposedError from every method instead of looping or drawing zeros', () => {
    const rng = new Rng(1, backend);
    rng.dispose();
    const calls: Array<() => unknown> = [
      () => rng.normal(3),
      () => rng.uniform(3),
      () => rng.integers(3, 5),
      () => rng.snapshot(),
      () => rng.restore([1, 2, 3, 4, 0, 0]),
      () => rng.fillNormal(0, 1),
      () => rng.fillUniform(0, 1),
      () => sampleSequences(rng, 2, 2, 2, { Cmin: 1, Cmax: 1 }),
    ];
    for (const call of calls) expect(call).toThrow(DisposedError);
    expect(rng.disposed).toBe(true);
  });

  it("row 1: model.rng after model.dispose() throws, and a disposed network's methods too", () => {
    const model = createRnn({ m: 8, d: 2, L: 3, seed: 1, backend });
    model.dispose();
    expect(() => model.rng.normal(3)).toThrow(DisposedError);
    expect(() => model.weights()).toThrow(DisposedError);
    expect(() => model.parameters()).toThrow(DisposedError);
    expect(() => saveModel(model)).toThrow(DisposedError);
    expect(() => model.offsets).toThrow(DisposedError);
    const x = { n: 1, L: 3, d: 2, data: new Float64Array(6) };
    const misuses: Array<[string, () => unknown]> = [
      ['sgdStep', () => sgdStep(model, x, [1])],
      ['forward', () => forward(model, x)],
      ['forwardWithCache', () => forwardWithCache(model, x)],
      ['hiddenStates', () => hiddenStates(model, x)],
      ['evaluate', () => evaluate(model, dataset(x, [1]))],
      ['train', () => train(model, dataset(x, [1]), { steps: 1 })],
      ['gradient', () => gradient(model, new Float64Array(6))],
      ['stepActivations', () => stepActivations(model, x)],
      ['empiricalNtk', () => empiricalNtk(model, x)],
      ['setWeights', () => model.setWeights(new Float64Array(64))],
      ['workspace', () => model.workspace],
    ];
    for (const [name, misuse] of misuses) expect(misuse, name).toThrow(DisposedError);
  });

  it("row 2: a second dispose() does not free another generator's state", () => {
    const a = new Rng(1, backend);
    a.dispose();
    const b = new Rng(3, backend); // may reuse a's slots
    const twin = new Rng(3, backend);
    const expected = twin.normal(5);
    twin.dispose();
    a.dispose();
    const c = new Rng(4, backend); // would share b's state if a's second dispose freed it
    expect(Array.from(b.normal(5))).toEqual(Array.from(expected));
    expect(c.snapshot()).not.toEqual(b.snapshot());
    for (const r of [b, c]) r.dispose();
  });

  it('row 2: disposing a network twice leaves the heap as the first dispose did', () => {
    const model = createRnn({ m: 8, d: 2, L: 3, seed: 1, backend });
    model.dispose();
    const after = backend.heap.liveSlots;
    const other = createRnn({ m: 8, d: 2, L: 3, seed: 2, backend });
    model.dispose();
    expect(backend.heap.liveSlots).toBeGreaterThan(after);
    expect(() => other.weights()).not.toThrow();
    other.dispose();
    expect(backend.heap.liveSlots).toBe(after);
  });

  it('row 3: a network beyond the heap throws WasmMemoryError and leaves nothing allocated (generator included)', () => {
    const before = backend.heap.liveSlots;
    // W alone (24000² f64 = 4.6 GB) is beyond wasm32's 4 GiB: fails on the first large block
    expect(() => createRnn({ m: 24000, d: 4, L: 8, backend })).toThrow(WasmMemoryError);
    expect(backend.heap.liveSlots).toBe(before);
    // W fits, A (1000 × 600000) does not: W and the generator are freed again
    expect(() => createRnn({ m: 1000, d: 600000, L: 2, backend })).toThrow(WasmMemoryError);
    expect(backend.heap.liveSlots).toBe(before);
    const ok = createRnn({ m: 8, d: 2, L: 2, backend });
    ok.dispose();
    expect(backend.heap.liveSlots).toBe(before);
  });

  it('a loaded model that fails validation frees its memory', () => {
    const before = backend.heap.liveSlots;
    const model = createRnn({ m: 6, d: 2, L: 2, seed: 1, backend });
    const bytes = saveModel(model);
    model.dispose();
    expect(() => loadModel(bytes, { backend, expect: { m: 7 } })).toThrow();
    expect(backend.heap.liveSlots).toBe(before);
  });

  it('`using` disposes a network and a generator at the end of the block', () => {
    const before = backend.heap.liveSlots;
    let escaped: Rnn | undefined;
    let escapedRng: Rng | undefined;
    {
      using model = createRnn({ m: 8, d: 2, L: 2, seed: 1, backend });
      using rng = new Rng(2, backend);
      escaped = model;
      escapedRng = rng;
      expect(backend.heap.liveSlots).toBeGreaterThan(before);
    }
    expect(backend.heap.liveSlots).toBe(before);
    expect(escaped.disposed).toBe(true);
    expect(escapedRng.disposed).toBe(true);
  });

  it('memory() counts live objects by kind and the bytes they hold', () => {
    const start = memory();
    const model = createRnn({ m: 16, d: 3, L: 2, seed: 1, backend });
    const rng = new Rng(5, backend);
    const during = memory();
    const count = (r: typeof start, kind: string): number => r.liveObjects[kind] ?? 0;
    expect(count(during, 'Rnn') - count(start, 'Rnn')).toBe(1);
    expect(count(during, 'Rng') - count(start, 'Rng')).toBe(2); // the model's own and ours
    // the network holds at least W, A, B, M0, h_0 (m² + md + 3m f64) and its generator
    expect((during.objectBytes.Rnn ?? 0) - (start.objectBytes.Rnn ?? 0)).toBeGreaterThanOrEqual(8 * (16 * 16 + 16 * 3 + 3 * 16 + 6));
    expect(during.bytesInUse - start.bytesInUse).toBeGreaterThanOrEqual(8 * (16 * 16 + 16 * 3 + 3 * 16 + 12));
    expect(during.heapBytes).toBeGreaterThanOrEqual(during.bytesInUse);
    model.dispose();
    rng.dispose();
    const end = memory();
    expect(end.liveObjects).toEqual(start.liveObjects);
    expect(end.bytesInUse).toBe(start.bytesInUse);
  });
});

describe('forgotten objects', () => {
  setFlagsFromString('--expose-gc'); // a fresh context then carries gc()
  const gc = runInNewContext('gc') as () => void;
  it('a collected, undisposed network is freed and counted in memory().collectedUndisposed', async () => {
    const backend = BACKENDS[1];
    const before = backend.heap.liveSlots;
    const reclaimedBefore = memory().collectedUndisposed.Rnn ?? 0;
    (() => {
      for (let i = 0; i < 5; i++) createRnn({ m: 32, d: 2, L: 2, seed: i, backend });
    })();
    for (let round = 0; round < 20 && backend.heap.liveSlots !== before; round++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(backend.heap.liveSlots).toBe(before);
    expect((memory().collectedUndisposed.Rnn ?? 0) - reclaimedBefore).toBe(5);
  });
});

describe("Rnn's counters", () => {
  it('stepsTaken and weightsRevision are read-only: a caller cannot reset a staleness guard', () => {
    using model = createRnn({ m: 8, d: 2, L: 2, seed: 1 });
    const revision = model.weightsRevision;
    sgdStep(model, { n: 1, L: 2, d: 2, data: new Float64Array([1, 0, 0, 1]) }, [1]);
    expect(model.stepsTaken).toBe(1);
    expect(model.weightsRevision).toBe(revision + 1);
    const writable = model as unknown as { stepsTaken: number; weightsRevision: number };
    expect(() => (writable.weightsRevision = revision)).toThrow(TypeError);
    expect(() => (writable.stepsTaken = 0)).toThrow(TypeError);
    expect(model.weightsRevision).toBe(revision + 1);
    expect(model.stepsTaken).toBe(1);
  });
});
