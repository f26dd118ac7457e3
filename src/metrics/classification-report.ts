import { accuracy } from './accuracy.js';
import { averageScores, perClassScores } from './precision-recall-f1.js';

/** One row of a classification report. */
export interface ReportRow {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** sklearn `classification_report(output_dict=True, labels=range(K))` as typed data. */
export interface ClassificationReport {
  /** One row per class index 0..K-1, in class order. */
  per_class: ReportRow[];
  accuracy: number;
  macro_avg: ReportRow;
  weighted_avg: ReportRow;
}

/**
 * Per-class precision, recall, F1 and support with macro and weighted averages, like sklearn's
 * `classification_report(y_true, y_pred, labels=range(K), output_dict=True)` (zero_division 0).
 * Every class 0..K-1 is listed, including classes absent from the data (support 0, scores 0).
 */
export function classificationReport(yTrue: Int32Array, yPred: Int32Array, nClasses: number): ClassificationReport {
  const s = perClassScores(yTrue, yPred, nClasses);
  const perClass: ReportRow[] = [];
  let total = 0;
  for (let k = 0; k < nClasses; k++) {
    perClass.push({ precision: s.precision[k]!, recall: s.recall[k]!, f1: s.f1[k]!, support: s.support[k]! });
    total += s.support[k]!;
  }
  return {
    per_class: perClass,
    accuracy: accuracy(yTrue, yPred),
    macro_avg: { ...averageScores(s, 'macro'), support: total },
    weighted_avg: { ...averageScores(s, 'weighted'), support: total },
  };
}
