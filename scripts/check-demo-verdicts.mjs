// CI pin of the full demo: runs `rnn-ntk demo` (default sizes, seed 1) and fails when a claim's
// verdict, or the verdict of a contrast judged by a claim's criterion (keyed `<claim>/<contrast>`),
// differs from test/experiments/full-demo-verdicts.json (taken from `npm run claims` at seed 1;
// update it on purpose when a change is meant to flip a verdict). Needs `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url);
const pinned = JSON.parse(readFileSync(new URL('test/experiments/full-demo-verdicts.json', root), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'rnn-ntk-full-demo-'));
const summary = JSON.parse(execFileSync(process.execPath, [new URL('dist/cli/main.js', root).pathname, 'demo', '--json', '--out', out], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const got = Object.fromEntries(
  summary.results.flatMap((r) => [[r.name, r.verdict.supported], ...(r.verdict.contrasts ?? []).map((c) => [`${r.name}/${c.key}`, c.supported])]),
);
const differ = Object.keys({ ...pinned, ...got }).filter((name) => pinned[name] !== got[name]);
if (differ.length > 0) {
  for (const name of differ) console.error(`full demo, seed 1: ${name} is ${JSON.stringify(got[name])}, pinned ${JSON.stringify(pinned[name])}`);
  process.exit(1);
}
console.log(`full demo verdicts at seed 1 as pinned (${summary.seconds.toFixed(0)} s)`);
