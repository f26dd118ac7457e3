import { describe, expect, it } from 'vitest';
import { isoNow, manualClock, systemClock } from '../../src/core/index.js';

describe('Clock', () => {
  it('a manual clock moves only when told', () => {
    const clock = manualClock('2026-12-01T10:00:00Z');
    expect(isoNow(clock)).toBe('2026-12-01T10:00:00.000Z');
    clock.advance(90_000);
    expect(isoNow(clock)).toBe('2026-12-01T10:01:30.000Z');
    clock.set(new Date(0));
    expect(clock.now()).toBe(0);
    expect(() => clock.advance(-1)).toThrow(/forward/);
    expect(() => manualClock('not a time')).toThrow(/not a time/);
  });

  it('the system clock reads the wall clock', () => {
    const before = Date.now();
    const t = systemClock.now();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
