/**
 * `rnn-ntk complexity` at scale (issue: one factorisation, a fast λ_min): in the same run, on
 * the same data (n sequences, L = 8, d = 4, labels ±1), the wall time of
 *   - `ntkComplexity` alone (H∞ in the heap, factored in place, one solve), and
 *   - the whole `rnn-ntk complexity --json` command in-process (reading the .npy files, the same
 *     factor, plus the κ₁ estimate, λ_min by shift-invert Lanczos and the bound proxies),
 * and their ratio (target ≤ 1.3). One run each: at n = 6000 a run takes seconds, so tinybench's
 * repetitions would cost minutes; on a loaded machine the times are noisy, the ratio less so.
 * Sizes: 6000 by default, 1500 with --quick, or BENCH_COMPLEXITY_N=6000,10000.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, BenchRow } from './common.js';
import { runCli } from '../src/cli/program.js';
import { sequenceBatch } from '../src/data/sequences.js';
import { encodeNpy } from '../src/io/npy.js';
import { Rng } from '../src/random/rng.js';
import { ntkComplexity } from '../src/theory/complexity.js';

/** Wall time of one call, in ms, and its result. */
function timed<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

/** Runs both paths for each size and reports one row per (n, path). */
export async function run(ctx: BenchContext): Promise<void> {
  const [L, d] = [8, 4];
  const sizes = process.env.BENCH_COMPLEXITY_N?.split(',').map(Number) ?? [ctx.quick ? 1500 : 6000];
  const dir = mkdtempSync(join(tmpdir(), 'rnn-ntk-bench-complexity-'));
  const rows: BenchRow[] = [];
  try {
    for (const n of sizes) {
      const rng = new Rng(14, 'ts');
      const x = sequenceBatch(n, L, d, rng.normal(n * L * d));
      const y = Float64Array.from(rng.normal(n), (v) => (v >= 0 ? 1 : -1));
      writeFileSync(join(dir, 'x.npy'), encodeNpy(x.data, [n, L, d]));
      writeFileSync(join(dir, 'y.npy'), encodeNpy(y, [n]));
      const [libraryMs, c] = timed(() => ntkComplexity(x, y));
      let stdout = '';
      const t0 = performance.now();
      const code = await runCli(['complexity', '--data', join(dir, 'x.npy'), '--labels', join(dir, 'y.npy'), '--json'], {
        stdout: (s) => (stdout += s),
        stderr: (s) => process.stderr.write(s),
        stderrIsTTY: false,
      });
      const cliMs = performance.now() - t0;
      if (code !== 0) throw new Error(`rnn-ntk complexity exited ${code}`);
      const out = JSON.parse(stdout) as { complexity: number; lambdaMin: number; lambdaMinConverged: boolean; lambdaMinSolves: number };
      if (!Object.is(out.complexity, c.value)) throw new Error(`the CLI's complexity ${out.complexity} differs from ntkComplexity's ${c.value}`);
      const size = `n=${n},L=${L},d=${d}`;
      rows.push({ group: 'complexity', op: 'ntkComplexity', impl: 'wasm', size, ms: libraryMs, ratio: 1 });
      rows.push({
        group: 'complexity', op: 'rnn-ntk complexity', impl: 'wasm', size, ms: cliMs, ratio: cliMs / libraryMs,
        lambdaMin: out.lambdaMin, converged: out.lambdaMinConverged, solves: out.lambdaMinSolves,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  ctx.report(rows);
}
