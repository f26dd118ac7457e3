/** Model evaluation as every entry point runs it: a model (and optionally a baseline) on labelled data. */
import { DriftwatchError } from '../../core/index.js';
import { evaluationChange, type Evaluation } from '../../metrics/index.js';
import type { Table } from '../../data/table/index.js';
import { evaluateModel, type InputBinding, type Model } from '../../models/index.js';
import { readData, type ReadSettings, type TableInput } from '../io/index.js';
import { bindModelInputs, checkFeaturesUsed, loadModelInput, locateDataError, unseenCategoriesWarning, type ModelInput } from '../model-io/index.js';

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
  /** For a model that reads one feature matrix by position: the data's columns in its input order (both models). */
  readonly features?: readonly string[];
  /** How the caller names `features` in messages (CLI: `--features`). */
  readonly featuresOption?: string;
  /** How the caller names the baseline in messages (CLI: `--baseline`). */
  readonly baselineOption?: string;
  /** The data is read, the model about to run. */
  readonly onRead?: (table: Table) => void;
  /** A note for people (categories the models never saw, labels mapped onto the model's classes), as it arises. */
  readonly onWarning?: (message: string) => void;
}

export interface EvaluateModelsResult {
  readonly label: string;
  readonly evaluation: Evaluation;
  readonly baseline: Evaluation | null;
  /** The columns the model read, and how it matched them. */
  readonly inputs: InputBinding;
  /** The same for the baseline; null without one. */
  readonly baselineInputs: InputBinding | null;
  /** Model minus baseline for every metric both have; null without a baseline. */
  readonly change: Record<string, number> | null;
}

export async function evaluateModels(options: EvaluateModelsOptions): Promise<EvaluateModelsResult> {
  const { data } = options;
  const labelOption = options.labelOption ?? 'label';
  const features = options.features ?? [];
  const mapping = features.length > 0 ? { featureNames: features } : {};
  const { model } = await loadModelInput(options.model, { ...(options.label !== undefined ? { label: options.label } : {}), ...mapping });
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
  const other = options.baseline !== undefined ? (await loadModelInput(options.baseline, { label, ...mapping })).model : null;
  if (other !== null && other.signature.task !== model.signature.task) {
    const option = options.baselineOption ?? 'baseline';
    throw new DriftwatchError(
      'USAGE',
      `${option}: ${options.baseline!.display} is a ${other.signature.task} model and ${options.model.display} a ${model.signature.task} model; compare models of the same task`,
      { field: option },
    );
  }
  const inputs = bindModelInputs(model, table, data);
  const baselineInputs = other !== null ? bindModelInputs(other, table, data) : null;
  checkFeaturesUsed(features, baselineInputs !== null ? [inputs, baselineInputs] : [inputs], options.featuresOption ?? 'features');
  for (const m of other !== null ? [model, other] : [model]) {
    const unseen = unseenCategoriesWarning(m, table, data.display);
    if (unseen !== null) options.onWarning?.(unseen);
  }
  const evaluateOptions = {
    ...(options.positiveClass !== undefined ? { positiveClass: options.positiveClass } : {}),
    ...(options.onWarning !== undefined ? { onWarning: options.onWarning } : {}),
    source: data.display,
  };
  const run = (m: Model): Promise<Evaluation> =>
    evaluateModel(m, table, label, evaluateOptions).catch(async (e: unknown) => {
      throw await locateDataError(e, data, table, options.delimiter);
    });
  const evaluation = await run(model);
  if (other === null) return { label, evaluation, baseline: null, inputs, baselineInputs, change: null };
  options.signal?.throwIfAborted();
  const baseline = await run(other);
  return { label, evaluation, baseline, inputs, baselineInputs, change: evaluationChange(evaluation, baseline) };
}
