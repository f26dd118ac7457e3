/** Model evaluation as every entry point runs it: a model (and optionally a baseline) on labelled data. */
import { DriftwatchError } from '../../core/index.js';
import { evaluationChange, type Evaluation } from '../../metrics/index.js';
import type { Table } from '../../data/table/index.js';
import { evaluateModel } from '../../models/index.js';
import { readData, type ReadSettings, type TableInput } from '../io/index.js';
import { loadModelInput, type ModelInput } from '../model-io/index.js';

export interface EvaluateModelsOptions extends Omit<ReadSettings, 'textColumns'> {
  readonly model: ModelInput;
  /** A second model evaluated on the same rows, to compare with. */
  readonly baseline?: ModelInput;
  readonly data: TableInput;
  /** The label column (default: the label the model was trained on). */
  readonly label?: string;
  /** Binary labels: the data's positive class. */
  readonly positiveClass?: string;
  /** How the caller names the label option in messages (CLI: `--label`). */
  readonly labelOption?: string;
  /** The data is read, the model about to run. */
  readonly onRead?: (table: Table) => void;
  /** A note for people (labels mapped onto the model's classes), as it arises. */
  readonly onWarning?: (message: string) => void;
}

export interface EvaluateModelsResult {
  readonly label: string;
  readonly evaluation: Evaluation;
  readonly baseline: Evaluation | null;
  /** Model minus baseline for every metric both have; null without a baseline. */
  readonly change: Record<string, number> | null;
}

export async function evaluateModels(options: EvaluateModelsOptions): Promise<EvaluateModelsResult> {
  const { data } = options;
  const labelOption = options.labelOption ?? 'label';
  const { model } = await loadModelInput(options.model, options.label !== undefined ? { label: options.label } : {});
  const label = options.label ?? model.signature.label;
  if (!label) throw new DriftwatchError('USAGE', `${labelOption}: missing: the model does not record its label column; name it`, { field: labelOption });
  const table = await readData(data, {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.onReadProgress !== undefined ? { onReadProgress: options.onReadProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  options.onRead?.(table);
  if (!table.column(label)) {
    throw new DriftwatchError('COLUMN_NOT_FOUND', `label column "${label}" is not in ${data.display} (columns: ${table.names.join(', ')})`, { file: data.display, field: 'label' });
  }
  const evaluateOptions = {
    ...(options.positiveClass !== undefined ? { positiveClass: options.positiveClass } : {}),
    ...(options.onWarning !== undefined ? { onWarning: options.onWarning } : {}),
    source: data.display,
  };
  const evaluation = await evaluateModel(model, table, label, evaluateOptions);
  if (options.baseline === undefined) return { label, evaluation, baseline: null, change: null };
  options.signal?.throwIfAborted();
  const b = await loadModelInput(options.baseline, { label });
  const baseline = await evaluateModel(b.model, table, label, evaluateOptions);
  return { label, evaluation, baseline, change: evaluationChange(evaluation, baseline) };
}
