import { describe, expect, it } from 'vitest';
import { methodSpec } from './presets/types.js';
import { driftScore, flags } from './score.js';

describe('drift score', () => {
  const p = methodSpec('ks', { threshold: 0.05 });
  const d = methodSpec('wasserstein', { threshold: 0.1 });
  it('maps every threshold to 0.5', () => {
    expect(driftScore(p, 0.05)).toBeCloseTo(0.5, 15);
    expect(driftScore(d, 0.1)).toBeCloseTo(0.5, 15);
    expect(driftScore(methodSpec('ks', { threshold: 0.01 }), 0.01)).toBeCloseTo(0.5, 15);
  });
  it('p = 1 gives 0, p -> 0 gives 1; distance 0 gives 0, infinite gives 1', () => {
    expect(driftScore(p, 1)).toBe(0);
    expect(driftScore(p, 0)).toBe(1);
    expect(driftScore(p, 1e-300)).toBeGreaterThan(0.99);
    expect(driftScore(d, 0)).toBe(0);
    expect(driftScore(d, Infinity)).toBe(1);
  });
  it('is monotone: smaller p, larger distance, larger score', () => {
    expect(driftScore(p, 0.01)).toBeGreaterThan(driftScore(p, 0.02));
    expect(driftScore(d, 0.3)).toBeGreaterThan(driftScore(d, 0.2));
  });
  it('threshold rules: p < t by default, p <= t inclusive; d >= t by default, d > t strict', () => {
    expect(flags(p, 0.05)).toBe(false);
    expect(flags({ ...p, inclusive: true }, 0.05)).toBe(true);
    expect(flags(d, 0.1)).toBe(true);
    expect(flags({ ...d, inclusive: false }, 0.1)).toBe(false);
  });
});
