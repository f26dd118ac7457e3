/**
 * A model's output as columns: `prediction`, and for classifiers `probability` (binary: of the positive
 * class) or `probability_<class>` (multiclass).
 */
import { categoricalColumn, numericColumn, type Column } from '../../data/table/index.js';
import type { ModelSignature, PredictionResult } from '../../models/index.js';

export function predictionColumns(signature: ModelSignature, result: PredictionResult, rowCount: number): Column[] {
  const added: Column[] = [];
  if (signature.task === 'regression') {
    added.push(numericColumn('prediction', result.values!));
    return added;
  }
  const classes = signature.classes!;
  added.push(categoricalColumn('prediction', result.labels!));
  const p = result.probabilities!;
  const k = classes.length;
  if (k === 2) {
    const pos = signature.positiveClass !== null ? classes.indexOf(signature.positiveClass) : 1;
    added.push(numericColumn('probability', Float64Array.from({ length: rowCount }, (_, i) => p[i * 2 + pos]!)));
  } else {
    classes.forEach((c, j) => added.push(numericColumn(`probability_${c}`, Float64Array.from({ length: rowCount }, (_, i) => p[i * k + j]!))));
  }
  return added;
}

/** The names of the columns predictionColumns makes for a model with this signature. */
export function predictionColumnNames(signature: ModelSignature): string[] {
  if (signature.task === 'regression') return ['prediction'];
  const classes = signature.classes ?? [];
  return classes.length === 2 ? ['prediction', 'probability'] : ['prediction', ...classes.map((c) => `probability_${c}`)];
}
