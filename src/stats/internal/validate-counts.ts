import { DriftwatchError } from '../../core/index.js';

/** Throws INVALID_ARGUMENT unless every entry is a finite number >= 0 (counts may be fractional, e.g. scaled). */
export function requireCounts(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(Number.isFinite(v) && v >= 0)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what}: count at index ${i} is ${v}; counts must be finite and >= 0`, { field: what });
    }
  }
}

/** Throws INVALID_ARGUMENT unless the two count vectors are non-empty and the same length. */
export function requireSameNonEmptyLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length === 0 || b.length === 0) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: needs at least one category (got ${a.length} and ${b.length})`, { field: what });
  }
  if (a.length !== b.length) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: both count vectors need one entry per category (got ${a.length} and ${b.length})`, { field: what });
  }
}

/** Throws INVALID_ARGUMENT unless v is an integer >= 0. */
export function requireNonNegativeInteger(v: number, what: string): void {
  if (!(Number.isInteger(v) && v >= 0)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what} must be an integer >= 0, got ${v}`, { field: what });
  }
}
