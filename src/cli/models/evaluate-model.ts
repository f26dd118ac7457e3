/** One model's metrics on a labelled table: rows without a label are skipped, labels mapped onto the model's classes. */
import { DriftwatchError } from '../../core/errors.js';
import { selectRows } from '../../data/index.js';
import type { Table } from '../../data/table.js';
import { evaluateClassifier, evaluateRegressor } from '../../metrics/evaluate.js';
import type { Model } from '../../models/model.js';
import type { Evaluation } from './format-metrics.js';
import { alignLabels } from './label-alignment.js';

export async function evaluateOn(model: Model, table: Table, label: string, positiveClass: string | undefined, source: string, warn: (s: string) => void): Promise<Evaluation> {
  const col = table.column(label)!;
  if (model.signature.task === 'regression') {
    if (col.storage !== 'numeric') throw new DriftwatchError('INVALID_ARGUMENT', `label "${label}" must be numeric for a regression model`, { file: source, field: label });
    const keep = Int32Array.from(Array.from(col.values).flatMap((v, i) => (Number.isNaN(v) ? [] : [i])));
    const rows = keep.length === table.rowCount ? table : selectRows(table, keep);
    const pred = await model.predict(rows);
    return evaluateRegressor(Float64Array.from(keep, (i) => col.values[i]!), pred.values!);
  }
  const aligned = alignLabels(col, model.signature.classes!, positiveClass);
  if (aligned.note) warn(aligned.note);
  if (aligned.rows.length === 0) throw new DriftwatchError('NO_DATA', `label column "${label}" has no values`, { file: source, field: label });
  const rows = aligned.rows.length === table.rowCount ? table : selectRows(table, aligned.rows);
  const pred = await model.predict(rows);
  const classes = model.signature.classes!;
  return evaluateClassifier(aligned.y, pred.probabilities!, { classes, ...(model.signature.positiveClass ? { positiveClass: model.signature.positiveClass } : {}) });
}
