/**
 * Backend selection (src/backend/backend.ts): the wasm module exports exactly the kernels that
 * have a TS twin (plus its memory, heapBase and the per-instance scratch setters), 'auto' picks wasm where SIMD exists, a Backend
 * passes through, and an unknown name is a typed error.
 */
import { describe, expect, it } from 'vitest';
import { getBackend } from '../../src/backend/backend.js';
import * as twins from '../../src/backend/twins.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { coreExports, hasWasmSimd } from '../../src/wasm/load.js';

describe('getBackend', () => {
  it('the wasm module exports one function per TS twin, and nothing else but memory, heapBase and the per-instance scratch setters', () => {
    const ex = coreExports();
    const instanceExports = ['heapBase', 'threadScratchSlots', 'setThreadScratch'];
    const functions = Object.keys(ex).filter((k) => typeof ex[k] === 'function' && !instanceExports.includes(k)).sort();
    expect(functions).toEqual(Object.keys(twins).sort());
    expect(ex.memory).toBeInstanceOf(WebAssembly.Memory);
  });

  it("'auto' is wasm where SIMD is available; a Backend object passes through; both heaps are distinct", () => {
    expect(hasWasmSimd()).toBe(true); // Node 20
    const wasm = getBackend('wasm');
    expect(getBackend('auto')).toBe(wasm);
    expect(getBackend()).toBe(wasm);
    expect(getBackend(wasm)).toBe(wasm);
    const ts = getBackend('ts');
    expect(ts.name).toBe('ts');
    expect(ts.heap).not.toBe(wasm.heap);
    expect(Object.keys(ts.kernels).sort()).toEqual(Object.keys(twins).sort());
  });

  it('rejects an unknown backend name with a message listing the choices', () => {
    expect(() => getBackend('gpu' as never)).toThrow(InvalidArgumentError);
    expect(() => getBackend('gpu' as never)).toThrow(/'wasm', 'ts' or 'auto'/);
  });
});
