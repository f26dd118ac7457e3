import { DriftwatchError } from '../core/index.js';

/** Throws INVALID_ARGUMENT unless `a` and `b` have the same length and are non-empty. */
export function checkSameLength(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: y_true has ${a.length} values but the predictions have ${b.length}; pass one prediction per row.`);
  }
  if (a.length === 0) throw new DriftwatchError('INVALID_ARGUMENT', `${what}: no rows to evaluate; pass at least one row.`);
}

/** Throws INVALID_ARGUMENT unless every label is a class index in 0..nClasses-1. */
export function checkLabels(what: string, y: Int32Array, nClasses: number): void {
  if (!Number.isInteger(nClasses) || nClasses < 1) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: nClasses must be a positive integer, got ${nClasses}.`);
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v < 0 || v >= nClasses) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what}: label ${v} at row ${i} is not a class index in 0..${nClasses - 1}.`);
    }
  }
}

/** Throws INVALID_ARGUMENT if any value is NaN or infinite (sklearn rejects them too). */
export function checkFinite(what: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what}: value ${values[i]} at index ${i} is not finite; impute or drop missing predictions first.`);
    }
  }
}

/** Throws INVALID_ARGUMENT unless every value is a probability in [0, 1]. */
export function checkProbabilities(what: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what}: value ${v} at index ${i} is not a probability in [0, 1].`);
    }
  }
}

/** Sum of a numeric range, in index order. */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}
