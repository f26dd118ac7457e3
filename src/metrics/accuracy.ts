import { checkLabels, checkSameLength } from './validate.js';

/** Fraction of rows whose predicted class equals the true class (sklearn `accuracy_score`). */
export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  checkSameLength('accuracy', yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/**
 * Mean per-class recall, like sklearn `balanced_accuracy_score`: classes that never occur in y_true are
 * left out of the mean (sklearn warns and drops them), so the score stays in [0, 1].
 */
export function balancedAccuracy(yTrue: Int32Array, yPred: Int32Array, nClasses: number): number {
  checkSameLength('balancedAccuracy', yTrue, yPred);
  checkLabels('balancedAccuracy y_true', yTrue, nClasses);
  const support = new Float64Array(nClasses);
  const hits = new Float64Array(nClasses);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    support[t]!++;
    if (yPred[i] === t) hits[t]!++;
  }
  let total = 0;
  let present = 0;
  for (let k = 0; k < nClasses; k++) {
    if (support[k]! > 0) {
      total += hits[k]! / support[k]!;
      present++;
    }
  }
  return total / present;
}
