/**
 * Independent units on worker threads: the same bits as a sequential run, typed errors from a
 * failing unit, an idle pool that never keeps Node alive, and the thread-count rules.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UnitPool, ExperimentWorkerError } from '../../src/cli/parallel/pool.js';
import { runExperiments } from '../../src/cli/parallel/run-experiments.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';

const NAMES = ['backward-decay', 'complexity-vs-length', 'lazy-training'] as const;

describe('runExperiments', () => {
  it('on 3 worker threads gives tables, plots and verdicts identical to each experiment run sequentially', async () => {
    const jobs = NAMES.map((name) => ({ def: EXPERIMENTS[name], params: EXPERIMENTS[name].quick, seed: 3 }));
    const seen: number[] = [];
    const parallel = await runExperiments(jobs, { threads: 3, onProgress: (done) => seen.push(done) });
    const inProcess = await runExperiments(jobs, { threads: 1 });
    for (const [k, name] of NAMES.entries()) {
      const sequential = EXPERIMENTS[name].run(EXPERIMENTS[name].quick, { seed: 3 });
      for (const r of [parallel[k], inProcess[k]]) {
        expect(r.name).toBe(name);
        expect(r.tables).toEqual(sequential.tables);
        expect(r.plots).toEqual(sequential.plots);
        expect(r.verdict).toEqual(sequential.verdict);
        expect(r.params).toEqual(sequential.params);
      }
    }
    const units = jobs.reduce((a, j) => a + j.def.units(j.def.resolve(j.params)).length, 0);
    expect(seen[seen.length - 1]).toBe(units);
  });

  it('rejects bad parameters before any unit runs', async () => {
    await expect(runExperiments([{ def: EXPERIMENTS['lazy-training'], params: { widths: [64, 64] }, seed: 1 }], { threads: 2 })).rejects.toThrow(/at least 2 distinct/);
  });
});

describe('UnitPool', () => {
  it('turns an error thrown in a worker into a typed ExperimentWorkerError naming the cause; the pool stays usable', async () => {
    const pool = new UnitPool(2);
    try {
      const p = EXPERIMENTS['lazy-training'].resolve(EXPERIMENTS['lazy-training'].quick);
      const bad = pool.run({ name: 'lazy-training', params: p, unit: { m: 0, s: 0 }, seed: 1 });
      await expect(bad).rejects.toBeInstanceOf(ExperimentWorkerError);
      await expect(pool.run({ name: 'lazy-training', params: p, unit: { m: 0, s: 0 }, seed: 1 })).rejects.toMatchObject({ causeName: 'InvalidArgumentError' });
      const good = await pool.run({ name: 'lazy-training', params: p, unit: { m: 16, s: 0 }, seed: 1 });
      expect(good).toEqual(EXPERIMENTS['lazy-training'].runUnit(p, { m: 16, s: 0 }, { seed: 1 }));
    } finally {
      await pool.close();
    }
    await expect(pool.run({ name: 'lazy-training', params: {}, unit: {}, seed: 1 })).rejects.toThrow(/closed/);
  });

  it('never keeps the process alive once idle (no close() called)', () => {
    const pool = fileURLToPath(new URL('../../src/cli/parallel/pool.ts', import.meta.url));
    const registry = fileURLToPath(new URL('../../src/experiments/registry.ts', import.meta.url));
    const script =
      `const { UnitPool } = await import(${JSON.stringify(pool)}); const { EXPERIMENTS } = await import(${JSON.stringify(registry)});` +
      `const d = EXPERIMENTS['backward-decay']; const p = d.resolve(d.quick);` +
      `const r = await new UnitPool(2).run({ name: 'backward-decay', params: p, unit: 0, seed: 1 }); console.log(r.length);`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000, encoding: 'utf8' });
    expect(out.trim()).toBe(String(EXPERIMENTS['backward-decay'].quick.L));
  });
});
