import { describe, expect, it } from 'vitest';
import { naturalLog } from '../../src/numeric/natural-log.js';
import { portableLog } from '../../src/numeric/portable-log.js';
import { TOL } from '../helpers.js';
import { logUniformInputs } from './ulp.js';

describe('naturalLog', () => {
  it('has the IEEE special values of ln (log 0 = −∞ for zero coefficients in log space)', () => {
    expect(naturalLog(0)).toBe(-Infinity);
    expect(naturalLog(-0)).toBe(-Infinity);
    expect(naturalLog(Infinity)).toBe(Infinity);
    for (const x of [-1, -Infinity, NaN]) expect(naturalLog(x)).toBeNaN();
    expect(naturalLog(1)).toBe(0);
  });

  it('is portableLog on positive finite x, within TOL.portableLog of Math.log', () => {
    for (const x of logUniformInputs(5000, -300, 300, 23).map(Math.abs)) {
      expect(naturalLog(x)).toBe(portableLog(x));
      expect(Math.abs(naturalLog(x) - Math.log(x))).toBeLessThanOrEqual(TOL.portableLog * Math.max(1, Math.abs(Math.log(x))));
    }
  });
});
