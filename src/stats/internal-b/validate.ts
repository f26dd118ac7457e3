import { DriftwatchError } from '../../core/errors.js';

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

/** Ascending copy of `a`, or `a` itself when the caller promises it is sorted. */
export function sortedView(a: Float64Array, sorted: boolean | undefined): Float64Array {
  return sorted === true ? a : Float64Array.from(a).sort();
}

/** Throws INVALID_ARGUMENT if any value is NaN (infinities are ordered and allowed, as in SciPy's rank tests). */
export function requireNoNaN(a: ArrayLike<number>, what: string): void {
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what} contains NaN at index ${i}; drop missing values first`, { field: what });
    }
  }
}
