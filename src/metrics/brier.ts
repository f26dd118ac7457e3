import { checkProbabilities, checkSameLength } from './validate.js';

/**
 * Brier score of a binary classifier, like sklearn `brier_score_loss`: the mean of
 * (1[y = positiveClass] - p)^2 where p is the probability of `positiveClass` (default 1). Lower is better.
 */
export function brierScore(yTrue: Int32Array, probPositive: Float64Array, positiveClass = 1): number {
  checkSameLength('brierScore', yTrue, probPositive);
  checkProbabilities('brierScore probabilities', probPositive);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = (yTrue[i] === positiveClass ? 1 : 0) - probPositive[i]!;
    s += d * d;
  }
  return s / yTrue.length;
}
