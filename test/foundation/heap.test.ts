import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, WasmMemoryError } from '../../src/errors.js';
import { Heap } from '../../src/wasm/heap.js';
import { ArrayBufferStorage } from '../../src/wasm/storage.js';
import { BACKENDS } from '../helpers.js';

describe('heap allocator', () => {
  for (const b of BACKENDS) {
    it(`reuses memory: thousands of alloc/free cycles do not grow the buffer (${b.name})`, () => {
      const heap = b.heap;
      const before = heap.liveSlots;
      heap.scope((s) => s.alloc(100_000)); // warm: grow once
      const cap = heap.capacityBytes;
      for (let i = 0; i < 5000; i++) {
        heap.scope((s) => {
          const a = s.alloc(1 + (i % 97) * 100);
          const c = s.alloc(3 + (i % 13) * 1000);
          heap.f64[a] = i;
          heap.f64[c] = -i;
        });
      }
      expect(heap.capacityBytes).toBe(cap);
      expect(heap.liveSlots).toBe(before);
    });

    it(`allocations are 16-byte aligned, zeroed and disjoint (${b.name})`, () => {
      b.heap.scope((s) => {
        const offs = [5, 1, 0, 7, 64].map((n) => [s.alloc(n), n] as const);
        for (const [o, n] of offs) {
          expect(o % 2).toBe(0);
          for (let i = 0; i < n; i++) expect(b.heap.f64[o + i]).toBe(0);
          b.heap.f64.fill(1, o, o + n);
        }
        const sorted = [...offs].sort((x, y) => x[0] - y[0]);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][0] + sorted[i - 1][1]);
      });
    });
  }

  it('coalesces freed neighbours so a large block fits where small ones were', () => {
    const heap = new Heap(new ArrayBufferStorage(1024), 0);
    const a = heap.alloc(10);
    const b = heap.alloc(10);
    const c = heap.alloc(10);
    const keep = heap.alloc(2);
    heap.free(b);
    heap.free(a);
    heap.free(c);
    expect(heap.alloc(30)).toBe(a);
    heap.free(keep);
  });

  it('re-derives its view after growth', () => {
    const heap = new Heap(new ArrayBufferStorage(64), 0);
    const a = heap.put([1, 2, 3]);
    const big = heap.alloc(10_000);
    expect(heap.capacityBytes).toBeGreaterThanOrEqual(80_000);
    expect(Array.from(heap.read(a, 3))).toEqual([1, 2, 3]);
    heap.free(big);
  });

  it('throws WasmMemoryError for requests beyond 4 GiB, and stays usable', () => {
    const wasm = BACKENDS[0].heap;
    expect(() => wasm.alloc(2 ** 30)).toThrow(WasmMemoryError);
    expect(() => wasm.alloc(2 ** 30)).toThrow(/beyond the 4.00 GiB limit/);
    wasm.scope((s) => expect(s.alloc(8)).toBeGreaterThan(0));
  });

  it('rejects double free and bad sizes', () => {
    const heap = new Heap(new ArrayBufferStorage(64), 0);
    const a = heap.alloc(4);
    heap.free(a);
    expect(() => heap.free(a)).toThrow(/double free/);
    expect(() => heap.alloc(-1)).toThrow(/non-negative integer/);
    expect(() => heap.alloc(1.5)).toThrow(/non-negative integer/);
    const slots = heap.capacityBytes / 8;
    expect(() => heap.read(slots - 1, 2)).toThrow(/outside the heap/);
    expect(() => heap.read(-1, 1)).toThrow(InvalidArgumentError);
    expect(Array.from(heap.read(slots - 1, 1))).toEqual([0]);
  });
});
