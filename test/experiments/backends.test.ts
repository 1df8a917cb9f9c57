/**
 * Determinism end to end: every experiment at its quick sizes gives the same tables and verdicts,
 * bit for bit, on the WebAssembly core and on its plain-TS twin (the kernels keep the same
 * operation order), and the same again for a second run with the same seed.
 */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { EXPERIMENT_NAMES } from '../../src/experiments/result.js';

describe.each(EXPERIMENT_NAMES)('%s', (name) => {
  it('is identical on the wasm and ts backends and reproducible', () => {
    const def = EXPERIMENTS[name];
    const wasm = def.run(def.quick, { seed: 7, backend: 'wasm' });
    const ts = def.run(def.quick, { seed: 7, backend: 'ts' });
    const again = def.run(def.quick, { seed: 7, backend: 'wasm' });
    expect(ts.tables).toEqual(wasm.tables);
    expect(ts.verdict).toEqual(wasm.verdict);
    expect(again.tables).toEqual(wasm.tables);
    const other = def.run(def.quick, { seed: 8, backend: 'wasm' });
    expect(other.tables).not.toEqual(wasm.tables); // the seed matters
  });
});
