/** Prediction as every entry point runs it: a model on data, the input plus the model's output written as CSV. */
import { createTable, writeCsv, type Table } from '../../data/index.js';
import type { ModelFormat, ModelSignature } from '../../models/index.js';
import { isInMemory, performanceTimer, readData, withDisplayPath, writeOutputFile, type OutputTarget, type ReadSettings, type TableInput, type Timer } from '../io/index.js';
import { loadModelInput, type ModelInput } from '../model-io/index.js';
import { predictionColumns } from './prediction-columns.js';

export interface PredictToCsvOptions extends Omit<ReadSettings, 'textColumns'> {
  readonly model: ModelInput;
  readonly data: TableInput;
  /** The CSV file to write; nothing is written when absent (the table is in the result). */
  readonly out?: OutputTarget;
  /** A label column to leave out of positional model inputs. */
  readonly label?: string;
  /** Column names, in order, for a model that reads one feature matrix by position. */
  readonly features?: readonly string[];
  /** The data is read, the model about to run. */
  readonly onRead?: (table: Table) => void;
  /** A note for people (output columns that replace input columns), as it arises. */
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
  const table = await readData(data, {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.onReadProgress !== undefined ? { onReadProgress: options.onReadProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  options.onRead?.(table);
  options.signal?.throwIfAborted();
  const started = now();
  const result = await model.predict(table).catch((e: unknown) => {
    throw isInMemory(data) ? e : withDisplayPath(e, data);
  });
  const seconds = (now() - started) / 1000;

  const added = predictionColumns(model.signature, result, table.rowCount);
  const replaced = added.filter((c) => table.column(c.name) !== undefined).map((c) => c.name);
  if (replaced.length > 0) options.onWarning?.(`the data already has ${replaced.join(', ')}; replaced by the model's output`);
  const outTable = createTable([...table.columns.filter((c) => !replaced.includes(c.name)), ...added]);
  if (options.out !== undefined) await writeOutputFile(options.out, 'the CSV file', (path) => writeCsv(outTable, path));
  return { table: outTable, rows: table.rowCount, format, signature: model.signature, replaced, seconds };
}
