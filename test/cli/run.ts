/** Runs the CLI in-process with captured stdout/stderr (no TTY, so no progress bars). */
import { runCli } from '../../src/cli/program.js';

/** What a CLI run printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `rnn-ntk …args` in-process. */
export async function cli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), stderrIsTTY: false });
  return { code, stdout, stderr };
}

/** `rnn-ntk …args --json`, asserting success, with stdout parsed as one JSON object. */
export async function cliJson(...args: string[]): Promise<Record<string, any>> {
  const r = await cli(...args, '--json');
  if (r.code !== 0) throw new Error(`rnn-ntk ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one JSON line on stdout, got ${lines.length}`);
  return JSON.parse(lines[0]);
}
