/** Progress bars: drawn on a TTY stderr, and nothing at all off a TTY (pipes, files, tests). */
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';
import { fakeTerminal } from './fake-terminal.js';

describe('progressBar', () => {
  it('draws the bar with percentage and label on a TTY', () => {
    const term = fakeTerminal();
    let stdout = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: () => {}, stderrIsTTY: true, progressStream: term.stream };
    const bar = progressBar(io, 'work');
    bar.onProgress(0, 4, 'starting');
    bar.onProgress(4, 4, 'finishing');
    bar.stop();
    expect(term.text()).toMatch(/work \[.*\] 0% \| starting/);
    expect(term.text()).toMatch(/100% \| finishing/);
    expect(stdout).toBe('');
  });

  it('writes nothing when stderr is not a TTY', () => {
    const term = fakeTerminal();
    const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, progressStream: term.stream };
    const bar = progressBar(io, 'work');
    bar.onProgress(1, 2, 'x');
    bar.stop();
    expect(term.text()).toBe('');
  });
});
