import { expect } from 'vitest';

/** A fixture number: JSON cannot hold inf/nan, so the fixture scripts write them as strings. */
export type FixtureNumber = number | 'Infinity' | '-Infinity' | 'NaN';

/** Decodes a fixture number ("Infinity", "-Infinity", "NaN" or a plain number). */
export function fixtureNumber(v: FixtureNumber): number {
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  return v;
}

/** Relative difference |actual - expected| / |expected| (absolute difference when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  if (Number.isNaN(actual) && Number.isNaN(expected)) return 0;
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

export interface CloseOptions {
  /** Values whose magnitude is at most this are treated as "zero": both sides must be at most `tiny`. Default 1e-300. */
  readonly tiny?: number;
  /** Printed on failure. */
  readonly label?: string;
}

/**
 * Asserts `actual` agrees with `expected` to relative tolerance `rel`. Infinities and NaN must match exactly;
 * when the expected magnitude is at or below `tiny` (default 1e-300, below which SciPy's own digits are not
 * meaningful) the actual value need only be at or below it too.
 */
export function expectClose(actual: number, expected: FixtureNumber, rel: number, options: CloseOptions = {}): void {
  const e = fixtureNumber(expected);
  const label = options.label ?? '';
  const tiny = options.tiny ?? 1e-300;
  if (!Number.isFinite(e)) {
    expect(actual, label).toBe(e);
    return;
  }
  if (Math.abs(e) <= tiny) {
    expect(Math.abs(actual) <= tiny * 1.0001, `${label}: expected ~0 (<= ${tiny}), got ${actual}`).toBe(true);
    return;
  }
  const err = relativeError(actual, e);
  expect(err <= rel, `${label}: actual ${actual} vs expected ${e}, relative error ${err} > ${rel}`).toBe(true);
}
