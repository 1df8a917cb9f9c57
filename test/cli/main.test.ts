/** The executable itself (src/cli/main.ts, the package's bin): exit codes and streams of a real process. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function run(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('the rnn-ntk process', () => {
  it('prints the version and exits 0', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('0.1.0');
  });

  it('exits non-zero with a one-line message and no stack trace on a missing file', () => {
    const r = run('complexity', '--data', 'no/such/file.json', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe("rnn-ntk: error: cannot read data 'no/such/file.json': no such file");
  });
});
