/** Prediction as every entry point runs it: a model on data, the input plus the model's output written as CSV. */
import { createTable, passThrough, writePassThroughCsv, type OutputColumn, type Table } from '../../data/index.js';
import type { InputBinding, ModelFormat, ModelSignature } from '../../models/index.js';
import {
  isInMemory,
  performanceTimer,
  prepareOutputFolder,
  readData,
  readDataWithCellText,
  refuseOverwritingInput,
  writeOutputFile,
  type OutputTarget,
  type ReadSettings,
  type TableInput,
  type Timer,
} from '../io/index.js';
import { bindModelInputs, checkFeaturesUsed, loadModelInput, locateDataError, unseenCategoriesWarning, type ModelInput } from '../model-io/index.js';
import { predictionColumnNames, predictionColumns } from './prediction-columns.js';

export interface PredictToCsvOptions extends Omit<ReadSettings, 'textColumns'> {
  readonly model: ModelInput;
  readonly data: TableInput;
  /** The CSV file to write; nothing is written when absent (the table is in the result). */
  readonly out?: OutputTarget;
  /** The label column, if the data has one: never a model input. */
  readonly label?: string;
  /**
   * For a model that reads one feature matrix by position: the data's columns in the model's input order.
   * Without it, such a model needs the columns besides the label to be exactly its inputs (else INPUT_MISMATCH).
   */
  readonly features?: readonly string[];
  /** How the caller names `features` in messages (CLI: `--features`). */
  readonly featuresOption?: string;
  /** The data is read, the model about to run. */
  readonly onRead?: (table: Table) => void;
  /** A note for people (categories the model never saw, output columns that replace input columns), as it arises. */
  readonly onWarning?: (message: string) => void;
  /** Monotonic milliseconds for the prediction time (default: performance.now). */
  readonly timer?: Timer;
}

export interface PredictToCsvResult {
  /** The input columns (minus those replaced) followed by the model's output. */
  readonly table: Table;
  readonly rows: number;
  readonly format: ModelFormat;
  readonly signature: ModelSignature;
  /** The columns the model read, and how it matched them. */
  readonly inputs: InputBinding;
  /** Input columns the model's output replaced. */
  readonly replaced: readonly string[];
  /** Seconds spent predicting (reading and writing not included). */
  readonly seconds: number;
}

export async function predictToCsv(options: PredictToCsvOptions): Promise<PredictToCsvResult> {
  const { data } = options;
  const now = options.timer ?? performanceTimer;
  const features = options.features ?? [];
  const { model, format } = await loadModelInput(options.model, {
    ...(options.label !== undefined ? { label: options.label } : {}),
    ...(features.length > 0 ? { featureNames: features } : {}),
  });
  const read = {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.onReadProgress !== undefined ? { onReadProgress: options.onReadProgress } : {}),
  };
  const out = options.out;
  if (out !== undefined) {
    const inputs = [...(isInMemory(data) ? [] : [{ file: data, option: 'data' }]), ...('absolute' in options.model ? [{ file: options.model, option: 'model' }] : [])];
    await refuseOverwritingInput(out, inputs);
    await prepareOutputFolder(out);
  }
  // With a file to write, the data's columns are copied to it as read (02100 stays 02100); the model's own
  // output columns replace any of the same name, so their text is not kept.
  const outputNames = predictionColumnNames(model.signature);
  const input =
    out !== undefined
      ? await readDataWithCellText(data, { ...read, keep: (name) => !outputNames.includes(name) })
      : { table: await readData(data, { ...read, ...(options.signal !== undefined ? { signal: options.signal } : {}) }), cellText: undefined };
  const table = input.table;
  options.onRead?.(table);
  const binding = bindModelInputs(model, table, data);
  checkFeaturesUsed(features, [binding], options.featuresOption ?? 'features');
  const unseen = unseenCategoriesWarning(model, table, data.display);
  if (unseen !== null) options.onWarning?.(unseen);
  options.signal?.throwIfAborted();
  const started = now();
  const result = await model.predict(table).catch(async (e: unknown) => {
    throw await locateDataError(e, data, table, options.delimiter);
  });
  const seconds = (now() - started) / 1000;

  const added = predictionColumns(model.signature, result, table.rowCount);
  const replaced = added.filter((c) => table.column(c.name) !== undefined).map((c) => c.name);
  if (replaced.length > 0) options.onWarning?.(`the data already has ${replaced.join(', ')}; replaced by the model's output`);
  const kept = table.columns.filter((c) => !replaced.includes(c.name));
  const outTable = createTable([...kept, ...added]);
  if (out !== undefined) {
    const columns: OutputColumn[] = [...kept.map((c) => passThrough(c.name, c, input)), ...added.map((column) => ({ type: 'computed' as const, column }))];
    await writeOutputFile(out, 'the CSV file', (path) => writePassThroughCsv(path, columns, table.rowCount));
  }
  return { table: outTable, rows: table.rowCount, format, signature: model.signature, inputs: binding, replaced, seconds };
}
