import { DriftwatchError } from '../../core/index.js';

/** Validates a row-major n x d design matrix: size and finiteness (the cores do not impute). */
export function checkDesign(what: string, X: Float64Array, n: number, d: number): void {
  checkShape(what, X, n, d);
  for (let i = 0; i < X.length; i++) if (!Number.isFinite(X[i]!)) notFinite(what, X, i, d);
}

/** The size half of checkDesign, for callers that check finiteness as they go (checkRow). */
export function checkShape(what: string, X: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 0) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: n and d must be integers with n >= 1 and d >= 0, got n=${n}, d=${d}.`);
  }
  if (X.length !== n * d) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: X has ${X.length} values but n x d = ${n} x ${d} = ${n * d}; pass a row-major matrix.`);
  }
}

/** Throws checkDesign's error for the first non-finite value of row `i`, if it has one. */
export function checkRow(what: string, X: Float64Array, i: number, d: number): void {
  for (let k = i * d; k < (i + 1) * d; k++) if (!Number.isFinite(X[k]!)) notFinite(what, X, k, d);
}

function notFinite(what: string, X: Float64Array, i: number, d: number): never {
  throw new DriftwatchError('INVALID_ARGUMENT', `${what}: X[row ${Math.floor(i / Math.max(d, 1))}, column ${i % d}] is ${X[i]}; impute missing values before training or predicting.`);
}
