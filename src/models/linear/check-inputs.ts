import { DriftwatchError } from '../../core/index.js';

/** Validates a row-major n x d design matrix: size and finiteness (the cores do not impute). */
export function checkDesign(what: string, X: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 0) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: n and d must be integers with n >= 1 and d >= 0, got n=${n}, d=${d}.`);
  }
  if (X.length !== n * d) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: X has ${X.length} values but n x d = ${n} x ${d} = ${n * d}; pass a row-major matrix.`);
  }
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i]!)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what}: X[row ${Math.floor(i / Math.max(d, 1))}, column ${i % d}] is ${X[i]}; impute missing values before training or predicting.`);
    }
  }
}
