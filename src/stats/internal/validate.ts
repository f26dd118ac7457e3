import { DriftwatchError } from '../../core/index.js';

/** Throws INVALID_ARGUMENT unless `a` has at least `min` values. */
export function requireLength(a: ArrayLike<number>, min: number, what: string): void {
  if (a.length < min) {
    const need = min === 1 ? 'at least one value' : `at least ${min} values`;
    throw new DriftwatchError('INVALID_ARGUMENT', `${what} needs ${need}, got ${a.length}`, { field: what });
  }
}

/** Throws INVALID_ARGUMENT if any value is NaN or infinite (missing values must be dropped by the caller). */
export function requireFinite(a: ArrayLike<number>, what: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what} contains a non-finite value (${a[i]}) at index ${i}; drop missing values first`, { field: what });
    }
  }
}

/** Throws INVALID_ARGUMENT unless `a` is ascending (one O(n) pass, no allocation). */
export function requireSorted(a: ArrayLike<number>, what: string): void {
  for (let i = 1; i < a.length; i++) {
    if (a[i]! < a[i - 1]!) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what} was passed with sorted: true but is not ascending at index ${i}`, { field: what });
    }
  }
}

/**
 * Ascending copy of `a`, or `a` itself when the caller promises it is sorted (checked in one cheap pass,
 * because a wrong promise would silently give a wrong statistic).
 */
export function sortedView(a: Float64Array, sorted: boolean | undefined, what = 'sample'): Float64Array {
  if (sorted === true) {
    requireSorted(a, what);
    return a;
  }
  return a.slice().sort();
}

/** Throws INVALID_ARGUMENT if any value is NaN (infinities are ordered and allowed, as in SciPy's rank tests). */
export function requireNoNaN(a: ArrayLike<number>, what: string): void {
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what} contains NaN at index ${i}; drop missing values first`, { field: what });
    }
  }
}
