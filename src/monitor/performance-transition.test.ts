import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { performanceTransition } from './monitor.js';

const at = (drop: number | null, maxDrop = 0.05) => ({ drop, max_drop: maxDrop, alert: drop !== null && drop > maxDrop });

describe('performanceTransition', () => {
  it('starts an episode when the drop passes the allowance, and ends it only under half of it', () => {
    expect(performanceTransition(false, at(0.04))).toBeNull();
    expect(performanceTransition(false, at(0.06))).toBe('dropped');
    // Hovering around the threshold after a drop: still one episode.
    expect(performanceTransition(true, at(0.049))).toBeNull();
    expect(performanceTransition(true, at(0.03))).toBeNull();
    expect(performanceTransition(true, at(0.025))).toBe('recovered');
    expect(performanceTransition(true, at(-0.01))).toBe('recovered');
    expect(performanceTransition(true, at(null))).toBeNull();
  });

  it('a drop wobbling within ±20% of the allowance writes at most one event after the first', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0.04, max: 0.06, noNaN: true }), { minLength: 1, maxLength: 50 }), (drops) => {
      let dropped = false;
      let events = 0;
      for (const d of drops) {
        const change = performanceTransition(dropped, at(d));
        if (change !== null) {
          events++;
          dropped = change === 'dropped';
        }
      }
      expect(events).toBeLessThanOrEqual(1);
    }));
  });
});
