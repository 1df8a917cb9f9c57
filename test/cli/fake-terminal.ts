/** A writable stream that claims to be a terminal and records what is written (for progress-bar tests). */
import { Writable } from 'node:stream';

/** The stream and the text written to it so far. */
export function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      written += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 120, cursorTo: (_x: number, cb?: () => void) => (cb?.(), true), clearLine: (_d: number, cb?: () => void) => (cb?.(), true), moveCursor: (_x: number, _y: number, cb?: () => void) => (cb?.(), true) });
  return { stream, text: () => written };
}
