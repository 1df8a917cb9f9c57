/** Initialisation variances (src/model/variances.ts) against the table of docs/theory.md#initialisation. */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { variancesFor } from '../../src/model/variances.js';

describe('variancesFor', () => {
  it("'paper' and 'algorithm1' are the table (docs/theory.md#initialisation); explicit variances pass through", () => {
    expect(variancesFor('paper', 4, 100)).toEqual({ v0: 2, vW: 2, vA: 2 / 64, vB: 1 });
    expect(variancesFor('algorithm1', 4, 100)).toEqual({ v0: 2, vW: 2, vA: 2, vB: 1 / 100 });
    const own = { v0: 0, vW: 1.5, vA: 0.25, vB: 3 };
    expect(variancesFor(own, 7, 9)).toEqual(own);
  });

  it('rejects negative or non-finite variances, unknown presets and bad L, m', () => {
    expect(() => variancesFor({ v0: 2, vW: -1, vA: 1, vB: 1 }, 2, 2)).toThrow(/init\.vW/);
    expect(() => variancesFor({ v0: 2, vW: 2, vA: NaN, vB: 1 }, 2, 2)).toThrow(/init\.vA/);
    expect(() => variancesFor({ v0: 2, vW: 2, vA: 1 } as never, 2, 2)).toThrow(/init\.vB/);
    expect(() => variancesFor('ntk' as never, 2, 2)).toThrow(InvalidArgumentError);
    expect(() => variancesFor('paper', 0, 2)).toThrow(/L must be an integer/);
    expect(() => variancesFor('paper', 2, 1.5)).toThrow(/m must be an integer/);
  });
});
