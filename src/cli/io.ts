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

/** The process's own stdout/stderr (synchronous writes, so nothing is lost at exit). */
export function processIo(): CliIo {
  return {
    stdout: (text) => writeSync(1, text),
    stderr: (text) => writeSync(2, text),
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
