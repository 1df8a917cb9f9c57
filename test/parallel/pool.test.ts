/**
 * The worker pool's lifecycle and its boundaries: started lazily by the first kernel call
 * large enough to split, shut down on request (a later use is a ThreadPoolError until
 * configureThreads re-opens it), a failing call surfaces as a ThreadPoolError and leaves the
 * pool usable, bad thread counts (option, environment, CLI) are typed errors saying what to
 * pass, and a Node process with an idle pool exits on its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getBackend } from '../../src/backend/backend.js';
import { InvalidArgumentError, ThreadPoolError } from '../../src/errors.js';
import { matmul, matrix } from '../../src/linalg/index.js';
import { configureThreads, shutdownThreads, threadsInfo, THREADS_ENV } from '../../src/parallel/index.js';
import { TaskList } from '../../src/parallel/pool.js';
import { kernelPool } from '../../src/parallel/threads.js';
import { cli, cliJson } from '../cli/run.js';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'rnn-ntk-pool-'));

afterEach(() => {
  delete process.env[THREADS_ENV];
  configureThreads();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A 200×200 product: large enough that the gemm driver splits it. */
function bigProduct(): void {
  const a = matrix(200, 200, Array.from({ length: 40000 }, (_, i) => (i % 7) - 3));
  matmul(a, a, { backend: 'wasm' });
}

describe('the worker pool', () => {
  it('reports the threaded build in Node, and starts its workers only at the first large kernel call', () => {
    expect(threadsInfo()).toMatchObject({ build: 'threads', reason: expect.stringMatching(/Node/) });
    configureThreads({ threads: 3 });
    expect(threadsInfo()).toMatchObject({ threads: 3, workersReady: 0, shutDown: false });
    matmul(matrix(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]), matrix(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]), { backend: 'wasm' });
    expect(threadsInfo().workersReady).toBe(0); // too small to split
    bigProduct();
    expect(threadsInfo().workersReady).toBe(2);
  });

  it('after shutdownThreads, a parallel kernel call is a ThreadPoolError until configureThreads', () => {
    configureThreads({ threads: 2 });
    bigProduct();
    shutdownThreads();
    expect(threadsInfo()).toMatchObject({ workersReady: 0, shutDown: true });
    expect(bigProduct).toThrow(ThreadPoolError);
    expect(bigProduct).toThrow(/shut down.*configureThreads/);
    configureThreads();
    expect(bigProduct).not.toThrow();
  });

  it('a kernel call that fails on a thread is a ThreadPoolError naming it; the pool stays usable', () => {
    configureThreads({ threads: 2 });
    const pool = kernelPool()!;
    const beyond = getBackend('wasm').heap.capacityBytes / 8 + 1e6; // outside linear memory
    const tasks = new TaskList();
    for (let t = 0; t < 8; t++) tasks.add('gemm', 0, 0, 4, 4, 4, 1, beyond, 4, beyond, 4, 0, beyond, 4);
    expect(() => pool.run(tasks)).toThrow(ThreadPoolError);
    expect(() => pool.run(tasks)).toThrow(/kernel call failed on .*(thread).*out of bounds/);
    expect(() => pool.run(new TaskList().add('noSuchKernel'))).toThrow(/no export 'noSuchKernel'/);
    expect(bigProduct).not.toThrow();
  });

  it('a worker that dies is a ThreadPoolError at the next call, and the call after it runs on a new pool', async () => {
    // record the pool's Node workers, so that one can be killed behind the pool's back
    const proc = process as unknown as { getBuiltinModule(id: string): any };
    const real = proc.getBuiltinModule;
    const started: Array<{ terminate(): Promise<number> }> = [];
    proc.getBuiltinModule = (id: string) => {
      const mod = real.call(process, id);
      if (id !== 'node:worker_threads') return mod;
      const Base = mod.Worker;
      const Recorded = class extends Base {
        constructor(...args: unknown[]) {
          super(...args);
          started.push(this as never);
        }
      };
      return { ...mod, Worker: Recorded };
    };
    try {
      shutdownThreads();
      configureThreads({ threads: 2 });
      bigProduct();
      expect(started).toHaveLength(1);
      await started[0].terminate();
      await new Promise((ok) => setTimeout(ok, 100)); // the exit event reaches the pool
      let error: unknown;
      try {
        bigProduct();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ThreadPoolError);
      expect(String(error)).toMatch(/worker thread 1 exited unexpectedly/);
      expect(threadsInfo().workersReady).toBe(0);
      bigProduct(); // a new pool
      expect(started).toHaveLength(2);
      expect(threadsInfo().workersReady).toBe(1);
    } finally {
      proc.getBuiltinModule = real;
    }
  });

  it('rejects thread counts that are not integers from 1 to 256, saying what to pass', () => {
    for (const bad of [0, -1, 1.5, 257, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number]) {
      expect(() => configureThreads({ threads: bad })).toThrow(InvalidArgumentError);
      expect(() => configureThreads({ threads: bad })).toThrow(/threads must be an integer from 1 to 256/);
    }
    expect(configureThreads({ threads: 256 }).threads).toBe(256); // accepted; workers start only when used
  });

  it(`reads ${THREADS_ENV} as the default, and rejects a bad value naming the variable`, () => {
    process.env[THREADS_ENV] = '3';
    expect(configureThreads().threads).toBe(3);
    expect(configureThreads({ threads: 2 }).threads).toBe(2); // the option wins
    process.env[THREADS_ENV] = '0';
    expect(() => configureThreads()).toThrow(InvalidArgumentError);
    expect(() => configureThreads()).toThrow(new RegExp(`${THREADS_ENV} \\('0'\\) must be an integer from 1 to 256`));
    process.env[THREADS_ENV] = 'four';
    expect(() => threadsInfo()).toThrow(/'four'/);
  });

  it('--threads N on a CLI command gives the same bits as another N; bad values are usage errors', async () => {
    const data = join(work, 'x.json');
    await cliJson('sample', 'additive', '--n', '120', '--L', '5', '--d', '3', '--out', data, '--seed', '3');
    const one = await cliJson('kernel', '--data', data, '--threads', '1');
    const three = await cliJson('kernel', '--data', data, '--threads', '3');
    expect(three.H).toEqual(one.H);
    for (const bad of ['0', '257', '1.5', 'x']) {
      const r = await cli('kernel', '--data', data, '--threads', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--threads/);
    }
  });

  it('a Node process whose pool is idle exits on its own', () => {
    const script = join(work, 'idle-pool.ts');
    writeFileSync(
      script,
      `import { configureThreads, matmul, matrix, threadsInfo } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};\n` +
        'configureThreads({ threads: 2 });\n' +
        'const a = matrix(200, 200, Array.from({ length: 40000 }, (_, i) => i % 5));\n' +
        'matmul(a, a);\n' +
        'console.log(threadsInfo().workersReady);\n',
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, timeout: 60_000, encoding: 'utf8' });
    expect(out.trim()).toBe('1'); // the worker ran, and the process ended without shutdownThreads
  });
});
