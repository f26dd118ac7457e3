import { DriftwatchError } from '../core/index.js';
import { checkLabels, checkProbabilities } from './validate.js';

/**
 * sklearn 1.2.1 `log_loss(eps='auto')` clips with the machine epsilon of float64 (2.22e-16), not the 1e-15
 * of older releases (see sklearn/metrics/_classification.py in Debian's python3-sklearn 1.2.1).
 */
export const LOG_LOSS_EPS = Number.EPSILON;

/**
 * Mean cross-entropy, exactly like sklearn 1.2.1 `log_loss(y_true, y_pred, labels=range(K))`: probabilities
 * are clipped to [eps, 1 - eps] and each row renormalised to sum 1 before taking -log p(true class).
 * `probabilities` is either row-major n x K, or (binary only) n values: the probability of `positiveClass`
 * (default 1), the other class getting 1 - p after clipping, as sklearn does with a 1-D y_pred.
 */
export function logLoss(yTrue: Int32Array, probabilities: Float64Array, nClasses: number, options: { positiveClass?: number } = {}): number {
  checkLabels('logLoss', yTrue, nClasses);
  checkProbabilities('logLoss probabilities', probabilities);
  const n = yTrue.length;
  if (n === 0) throw new DriftwatchError('INVALID_ARGUMENT', 'logLoss: no rows to evaluate; pass at least one row.');
  const lo = LOG_LOSS_EPS;
  const hi = 1 - LOG_LOSS_EPS;
  const clip = (p: number): number => (p < lo ? lo : p > hi ? hi : p);
  let total = 0;
  if (nClasses === 2 && probabilities.length === n) {
    const pos = options.positiveClass ?? 1;
    for (let i = 0; i < n; i++) {
      const q = clip(probabilities[i]!);
      const other = 1 - q;
      const pTrue = yTrue[i] === pos ? q : other;
      total += -Math.log(pTrue / (other + q));
    }
    return total / n;
  }
  if (probabilities.length !== n * nClasses) {
    throw new DriftwatchError('INVALID_ARGUMENT', `logLoss: expected ${n} x ${nClasses} probabilities (row-major)${nClasses === 2 ? ` or ${n} positive-class probabilities` : ''}, got ${probabilities.length}.`);
  }
  for (let i = 0; i < n; i++) {
    const row = i * nClasses;
    let s = 0;
    for (let k = 0; k < nClasses; k++) s += clip(probabilities[row + k]!);
    total += -Math.log(clip(probabilities[row + yTrue[i]!]!) / s);
  }
  return total / n;
}
