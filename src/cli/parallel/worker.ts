/**
 * A worker thread of the unit pool (pool.ts): runs experiment units on its own backend
 * instance and posts each result back. Messages in: {id, name, params, unit, seed, backend};
 * out: {id, ok: true, result} or {id, ok: false, name, message}.
 */
import { parentPort } from 'node:worker_threads';
import { EXPERIMENTS } from '../../experiments/registry.js';
import { configureThreads } from '../../parallel/index.js';
import type { UnitRequest, UnitResponse } from './pool.js';

// The units run side by side on the pool's threads: each one's kernels stay on its own thread
// (the bits are the same for every kernel thread count), so the pools do not multiply.
configureThreads({ threads: 1 });

parentPort!.on('message', (req: UnitRequest) => {
  let res: UnitResponse;
  try {
    const def = EXPERIMENTS[req.name];
    res = { id: req.id, ok: true, result: def.runUnit(req.params, req.unit, { seed: req.seed, backend: req.backend }) };
  } catch (err) {
    const e = err as Error;
    res = { id: req.id, ok: false, name: e?.name ?? 'Error', message: e?.message ?? String(err) };
  }
  parentPort!.postMessage(res);
});
