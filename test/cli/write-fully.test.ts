/**
 * writeFully (src/cli/io.ts): the CLI's stdout/stderr and file writes must deliver every byte,
 * in order, even when the descriptor takes a few bytes per call or refuses a write with EAGAIN
 * (a non-blocking pipe whose reader is behind). The writer is a fake that records what it was
 * given, so the test checks delivered bytes, not calls.
 */
import { describe, expect, it } from 'vitest';
import { writeFully, type WriteBytes } from '../../src/cli/io.js';

/** A fake descriptor taking at most `chunk` bytes per call, refusing every `refuseEvery`-th call with `code`. */
function fakeDescriptor(chunk: number, refuseEvery: number, code: string): { write: WriteBytes; received: () => string; calls: () => number } {
  const got: number[] = [];
  let calls = 0;
  const write: WriteBytes = (_fd, bytes, offset, length) => {
    calls++;
    if (calls % refuseEvery === 0) throw Object.assign(new Error(`${code}: resource busy`), { code });
    const n = Math.min(chunk, length);
    for (let i = 0; i < n; i++) got.push(bytes[offset + i]);
    return n;
  };
  return { write, received: () => Buffer.from(got).toString('utf8'), calls: () => calls };
}

describe('writeFully', () => {
  const text = 'λ_min = 0.358 ✓ — '.repeat(40); // multi-byte UTF-8 split across partial writes

  it('continues partial writes and retries EAGAIN until every byte is delivered in order', () => {
    const fd = fakeDescriptor(7, 5, 'EAGAIN');
    writeFully(1, text, fd.write);
    expect(fd.received()).toBe(text);
    const bytes = Buffer.byteLength(text, 'utf8');
    expect(fd.calls()).toBeGreaterThan(Math.ceil(bytes / 7)); // the refused calls were retried
  });

  it('writes byte arrays as given', () => {
    const fd = fakeDescriptor(3, 1000, 'EAGAIN');
    writeFully(1, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), fd.write);
    expect([...Buffer.from(fd.received(), 'utf8')]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('throws any other error (a closed pipe is not retried)', () => {
    const fd = fakeDescriptor(7, 2, 'EPIPE');
    expect(() => writeFully(1, text, fd.write)).toThrow(/EPIPE/);
  });
});
