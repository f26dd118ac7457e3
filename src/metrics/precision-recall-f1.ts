import { DriftwatchError } from '../core/index.js';
import { checkLabels, checkSameLength } from './validate.js';

/** Precision, recall and F1 of one class, or one average of them. */
export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/** Per-class precision, recall, F1 and support (number of true rows of the class). */
export interface PerClassScores {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  support: Float64Array;
}

/**
 * How per-class scores are combined: `binary` reports the positive class only; `macro` is the plain mean
 * over all classes 0..K-1; `weighted` weights each class by its support.
 */
export type Averaging = 'binary' | 'macro' | 'weighted';

// sklearn's zero_division='warn' sets an undefined ratio (0/0) to 0; Driftwatch never warns, it just reports 0.
function divide(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/**
 * Per-class precision, recall, F1 and support over classes 0..nClasses-1, like sklearn
 * `precision_recall_fscore_support(average=None, labels=range(K))` with zero_division='warn' (0/0 -> 0).
 */
export function perClassScores(yTrue: Int32Array, yPred: Int32Array, nClasses: number): PerClassScores {
  checkSameLength('precision/recall', yTrue, yPred);
  checkLabels('precision/recall y_true', yTrue, nClasses);
  checkLabels('precision/recall y_pred', yPred, nClasses);
  const tp = new Float64Array(nClasses);
  const predSum = new Float64Array(nClasses);
  const support = new Float64Array(nClasses);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    support[t]!++;
    predSum[p]!++;
    if (t === p) tp[t]!++;
  }
  const precision = new Float64Array(nClasses);
  const recall = new Float64Array(nClasses);
  const f1 = new Float64Array(nClasses);
  for (let k = 0; k < nClasses; k++) {
    precision[k] = divide(tp[k]!, predSum[k]!);
    recall[k] = divide(tp[k]!, support[k]!);
    // Same arithmetic as sklearn (beta = 1): 2PR / (P + R), 0 when both are 0.
    const den = precision[k]! + recall[k]!;
    f1[k] = (2 * precision[k]! * recall[k]!) / (den === 0 ? 1 : den);
  }
  return { precision, recall, f1, support };
}

/** Combines per-class scores by `average`, exactly as sklearn's `np.average` does. */
export function averageScores(scores: PerClassScores, average: 'macro' | 'weighted'): PrecisionRecallF1 {
  const k = scores.precision.length;
  if (average === 'weighted') {
    let w = 0;
    for (let c = 0; c < k; c++) w += scores.support[c]!;
    // sklearn: no true rows at all -> every weighted score is zero_division (0).
    if (w === 0) return { precision: 0, recall: 0, f1: 0 };
  }
  const avg = (v: Float64Array): number => {
    let s = 0;
    let w = 0;
    for (let c = 0; c < k; c++) {
      const wc = average === 'weighted' ? scores.support[c]! : 1;
      s += v[c]! * wc;
      w += wc;
    }
    return s / w;
  };
  return { precision: avg(scores.precision), recall: avg(scores.recall), f1: avg(scores.f1) };
}

/**
 * Precision, recall and F1 like sklearn `precision_recall_fscore_support` with zero_division='warn'
 * (undefined ratios are 0). `binary` needs nClasses = 2 and scores `positiveClass` (default 1);
 * `macro` and `weighted` use every class 0..nClasses-1, as sklearn does when given labels=range(K).
 */
export function precisionRecallF1(
  yTrue: Int32Array,
  yPred: Int32Array,
  nClasses: number,
  options: { average: Averaging; positiveClass?: number },
): PrecisionRecallF1 {
  const scores = perClassScores(yTrue, yPred, nClasses);
  if (options.average === 'binary') {
    const pos = options.positiveClass ?? 1;
    if (nClasses !== 2 || (pos !== 0 && pos !== 1)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `precisionRecallF1: average 'binary' needs 2 classes and positiveClass 0 or 1 (got ${nClasses} classes, positiveClass ${pos}); use 'macro' or 'weighted' for multiclass.`);
    }
    return { precision: scores.precision[pos]!, recall: scores.recall[pos]!, f1: scores.f1[pos]! };
  }
  return averageScores(scores, options.average);
}
