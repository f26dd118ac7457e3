import type { TestResult } from './types.js';
/** Two-proportion pooled Z-test, two-sided. */
export function zTestProportions(_successesA: number, _nA: number, _successesB: number, _nB: number): TestResult { throw new Error('not implemented'); }
