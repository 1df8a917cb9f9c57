/**
 * Progress bars on stderr, shown only when stderr is a TTY (never in pipes, files or --json
 * runs captured by scripts), drawn by cli-progress.
 */
import cliProgress from 'cli-progress';
import type { ProgressFn } from '../experiments/result.js';
import type { CliIo } from './io.js';

/** A progress callback plus `stop` to clear the bar. */
export interface ProgressReporter {
  readonly onProgress: ProgressFn;
  stop(): void;
}

/** A bar for `title` on stderr if it is a TTY; otherwise a no-op reporter. */
export function progressBar(io: CliIo, title: string): ProgressReporter {
  if (!io.stderrIsTTY || io.progressStream === undefined) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {percentage}% | {label}`, stream: io.progressStream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(done, total, label) {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
