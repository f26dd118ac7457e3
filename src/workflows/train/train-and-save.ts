/**
 * Model training as every entry point runs it: read the data, train with a seeded validation split, and
 * save the model (Driftwatch JSON, and ONNX when asked).
 */
import type { Clock } from '../../core/index.js';
import { writeFileAtomic, type Table } from '../../data/index.js';
import { nativeModelToOnnx, saveNativeModel, trainModel, type Algorithm, type ParamValue, type TrainResult } from '../../models/index.js';
import { isInMemory, performanceTimer, readData, withDisplayPath, writeOutputFile, type OutputTarget, type ReadSettings, type TableInput, type Timer } from '../io/index.js';

export interface TrainAndSaveOptions extends Omit<ReadSettings, 'textColumns'> {
  readonly data: TableInput;
  readonly label: string;
  readonly algo: Algorithm;
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** Share of rows held out for validation (0 trains on everything and skips evaluation). */
  readonly validFraction?: number;
  readonly seed?: number;
  readonly positiveClass?: string;
  readonly drop?: readonly string[];
  /** Where to save the model as Driftwatch JSON; not saved when absent. */
  readonly out?: OutputTarget;
  /** Where to save it as ONNX too. */
  readonly onnx?: OutputTarget;
  /** Stamps the model card (default: the system clock). */
  readonly clock?: Clock;
  /** The data is read, training starts. */
  readonly onRead?: (table: Table) => void;
  /** Trees done and total (tree learners). */
  readonly onTrainProgress?: (done: number, total: number) => void;
  /** Monotonic milliseconds for the training time (default: performance.now). */
  readonly timer?: Timer;
}

export interface TrainAndSaveResult extends TrainResult {
  /** Seconds spent training (reading and saving not included). */
  readonly seconds: number;
}

export async function trainAndSave(options: TrainAndSaveOptions): Promise<TrainAndSaveResult> {
  const { data } = options;
  const now = options.timer ?? performanceTimer;
  const table = await readData(data, {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.onReadProgress !== undefined ? { onReadProgress: options.onReadProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  options.onRead?.(table);
  options.signal?.throwIfAborted();
  const started = now();
  let result: TrainResult;
  try {
    result = await trainModel(table, {
      ...(options.onTrainProgress !== undefined ? { onProgress: options.onTrainProgress } : {}),
      label: options.label,
      algo: options.algo,
      ...(options.params !== undefined ? { params: options.params } : {}),
      ...(options.validFraction !== undefined ? { validFraction: options.validFraction } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.positiveClass !== undefined ? { positiveClass: options.positiveClass } : {}),
      ...(options.drop !== undefined ? { drop: options.drop } : {}),
      ...(options.clock !== undefined ? { clock: options.clock } : {}),
      source: data.display,
    });
  } catch (e) {
    throw isInMemory(data) ? e : withDisplayPath(e, data);
  }
  const seconds = (now() - started) / 1000;

  if (options.out !== undefined) await writeOutputFile(options.out, 'the model file', (path) => saveNativeModel(result.model, path));
  if (options.onnx !== undefined) await writeOutputFile(options.onnx, 'the ONNX file', (path) => writeFileAtomic(path, nativeModelToOnnx(result.model)));
  return { ...result, seconds };
}
