/**
 * Where the CLI writes: stdout carries results (one JSON object with --json), stderr carries
 * progress and messages. Injected so that tests can run commands in-process.
 */
import { writeSync } from 'node:fs';

/** The CLI's output channels. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is an interactive terminal (progress bars are shown only then). */
  readonly stderrIsTTY: boolean;
  /** The stream progress bars draw on (process.stderr), when it is a TTY. */
  readonly progressStream?: NodeJS.WriteStream;
}

/** A synchronous write of `fs.writeSync`'s byte form: bytes written from `offset`, at most `length`. */
export type WriteBytes = (fd: number, bytes: Uint8Array, offset: number, length: number) => number;

/** Milliseconds to wait before retrying a write that a full non-blocking pipe refused. */
const EAGAIN_RETRY_MS = 1;

/**
 * Writes all of `data` (a string is written as UTF-8) to `fd`, synchronously: a partial write
 * is continued where it stopped, and a write refused with EAGAIN (stdout or stderr a
 * non-blocking pipe whose reader is behind) is retried after a millisecond. Any other error
 * is thrown.
 */
export function writeFully(fd: number, data: string | Uint8Array, write: WriteBytes = writeSync): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let done = 0;
  while (done < bytes.length) {
    try {
      done += write(fd, bytes, done, bytes.length - done);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, EAGAIN_RETRY_MS);
    }
  }
}

/** The process's own stdout/stderr (synchronous, complete writes, so nothing is lost at exit). */
export function processIo(): CliIo {
  return {
    stdout: (text) => writeFully(1, text),
    stderr: (text) => writeFully(2, text),
    stderrIsTTY: process.stderr.isTTY === true,
    progressStream: process.stderr,
  };
}

/** A JSON replacer that keeps typed arrays as arrays and non-finite numbers as strings. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/** Serialises a result for stdout or a file (non-finite numbers become "Infinity"/"NaN"). */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, jsonReplacer, indent);
}
