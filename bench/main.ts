/**
 * `npm run bench -- [group] [--json] [--quick]`: runs every `bench/<group>*.bench.ts` (all of
 * them without a group), each through its exported `run(ctx)` (see bench/common.ts). The 1-minute
 * load average is printed first (on stderr): the medians are only meaningful on a quiet machine,
 * since a CPU shared with another busy process preempts nearly every iteration of a multi-ms op.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createContext, type BenchModule } from './common.js';

async function main(argv: string[]): Promise<void> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const unknown = [...flags].filter((f) => f !== '--json' && f !== '--quick');
  const positional = argv.filter((a) => !a.startsWith('--'));
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  if (unknown.length > 0 || positional.length > 1) {
    console.error(`usage: npm run bench -- [group] [--json] [--quick]\n  groups: ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const group = positional[0] ?? '';
  const files = all.filter((f) => f.startsWith(group));
  if (files.length === 0) {
    console.error(`no bench/${group}*.bench.ts; available: ${all.join(', ') || '(none)'}`);
    process.exitCode = 2;
    return;
  }
  // The bench itself keeps one core busy; a neighbour on another core barely matters, but one
  // that has to share the bench's core inflates the median of a ~5 ms op up to ~2×. The 1-minute
  // average lags, so a group that just ended counts too: treat it as a hint, not a measurement.
  const [load] = loadavg();
  const cores = availableParallelism();
  const warning = load > cores - 0.5 ? ': the machine is busy, so medians of multi-ms ops may be inflated up to ~2×' : '';
  console.error(`# 1-minute load average ${load.toFixed(2)} on ${cores} cores${warning}`);
  for (const file of files) {
    const ctx = createContext(group || file.replace(/\.bench\.ts$/, ''), {
      json: flags.has('--json'),
      quick: flags.has('--quick'),
    });
    ctx.note(`# ${file}${ctx.quick ? ' (quick)' : ''}`);
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
    await mod.run(ctx);
  }
}

await main(process.argv.slice(2));
