/**
 * Maps the labels in a data file onto a model's classes for evaluation. The labels usually are the
 * model's classes; an imported model knows only 0..K-1, so for a binary model and a two-label column
 * the data's positive class (by the usual rule, or --positive-class) is mapped onto the model's.
 */
import { DriftwatchError } from '../../core/index.js';
import type { Column } from '../../data/table/index.js';
import { encodeLabelStrings, labelStrings } from '../preprocess/label-encoder.js';

export interface AlignedLabels {
  readonly y: Int32Array;
  /** Rows with a label (others are skipped). */
  readonly rows: Int32Array;
  /** A note for the user when labels were mapped. */
  readonly note: string | null;
}

export function alignLabels(col: Column, classes: readonly string[], positiveClass?: string): AlignedLabels {
  const labels = labelStrings(col);
  const rows = Int32Array.from(labels.flatMap((l, i) => (l === null ? [] : [i])));
  const present = [...new Set(labels.filter((l): l is string => l !== null))];
  const index = new Map(classes.map((c, i) => [c, i]));
  const unknown = present.filter((l) => !index.has(l));
  if (unknown.length === 0 && positiveClass === undefined) {
    return { y: Int32Array.from(rows, (r) => index.get(labels[r]!)!), rows, note: null };
  }
  if (classes.length === 2 && present.length <= 2) {
    const enc = encodeLabelStrings(labels, col.name, positiveClass !== undefined ? { positiveClass } : {});
    return {
      y: Int32Array.from(rows, (r) => enc.y[r]!),
      rows,
      note: `labels of "${col.name}" mapped onto the model's classes: ${enc.classes[0]} -> ${classes[0]}, ${enc.classes[1]} -> ${classes[1]} (positive class ${enc.positiveClass})`,
    };
  }
  throw new DriftwatchError(
    'INVALID_ARGUMENT',
    `labels ${unknown.slice(0, 5).map((l) => `"${l}"`).join(', ')} in column "${col.name}" are not classes of the model (classes: ${classes.join(', ')})`,
    { field: col.name },
  );
}
