/** One model's metrics on a labelled table: rows without a label are skipped, labels mapped onto the model's classes. */
import { DriftwatchError } from '../../core/index.js';
import { selectRows, type Table } from '../../data/index.js';
import { evaluateClassifier, evaluateRegressor, type Evaluation } from '../../metrics/index.js';
import type { Model } from '../model.js';
import { alignLabels } from './label-alignment.js';

export interface EvaluateModelOptions {
  /** Binary labels: the data's positive class, when it is not the usual one. */
  readonly positiveClass?: string;
  /** Names the data in error messages. */
  readonly source?: string;
  /** A note for people, e.g. when the data's labels were mapped onto the model's classes. */
  readonly onWarning?: (message: string) => void;
}

export async function evaluateModel(model: Model, table: Table, label: string, options: EvaluateModelOptions = {}): Promise<Evaluation> {
  const { positiveClass, source } = options;
  const where = source !== undefined ? { file: source } : {};
  const col = table.column(label);
  if (col === undefined) throw new DriftwatchError('COLUMN_NOT_FOUND', `label column "${label}" is not in the data (columns: ${table.names.join(', ')})`, { ...where, field: label });
  if (model.signature.task === 'regression') {
    if (col.storage !== 'numeric') throw new DriftwatchError('INVALID_ARGUMENT', `label "${label}" must be numeric for a regression model`, { ...where, field: label });
    const keep = Int32Array.from(Array.from(col.values).flatMap((v, i) => (Number.isNaN(v) ? [] : [i])));
    const rows = keep.length === table.rowCount ? table : selectRows(table, keep);
    const pred = await model.predict(rows);
    return evaluateRegressor(Float64Array.from(keep, (i) => col.values[i]!), pred.values!);
  }
  const aligned = alignLabels(col, model.signature.classes!, positiveClass);
  if (aligned.note) options.onWarning?.(aligned.note);
  if (aligned.rows.length === 0) throw new DriftwatchError('NO_DATA', `label column "${label}" has no values`, { ...where, field: label });
  const rows = aligned.rows.length === table.rowCount ? table : selectRows(table, aligned.rows);
  const pred = await model.predict(rows);
  const classes = model.signature.classes!;
  return evaluateClassifier(aligned.y, pred.probabilities!, { classes, ...(model.signature.positiveClass ? { positiveClass: model.signature.positiveClass } : {}) });
}
