import { checkLabels, checkSameLength } from './validate.js';

/**
 * Confusion matrix over classes 0..nClasses-1, like sklearn's `confusion_matrix(y_true, y_pred,
 * labels=range(K))`: `matrix[t][p]` counts rows whose true class is `t` and predicted class is `p`.
 */
export function confusionMatrix(yTrue: Int32Array, yPred: Int32Array, nClasses: number): number[][] {
  checkSameLength('confusionMatrix', yTrue, yPred);
  checkLabels('confusionMatrix y_true', yTrue, nClasses);
  checkLabels('confusionMatrix y_pred', yPred, nClasses);
  const counts = new Float64Array(nClasses * nClasses);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i]! * nClasses + yPred[i]!]!++;
  const out: number[][] = [];
  for (let t = 0; t < nClasses; t++) out.push(Array.from(counts.subarray(t * nClasses, (t + 1) * nClasses)));
  return out;
}
