/**
 * Reading and writing model files. `loadModel` accepts Driftwatch's native JSON, XGBoost's JSON
 * (`save_model("model.json")`) and ONNX, telling them apart by content, not by extension. Pickle and
 * joblib files are refused: loading one runs arbitrary code (docs/models.md says how to convert).
 */
import { readFile } from 'node:fs/promises';
import { DriftwatchError } from '../../core/index.js';
import { writeFileAtomic } from '../../data/index.js';
import type { Model } from '../model.js';
import { createNativeModel, type NativeModel } from '../native/native-model.js';
import { isNativeModelFile, validateNativeModelFile } from '../native/native-format.js';
import { describeBytes, describeJson, MODEL_FILES_ARE, PICKLE_RECIPE } from './describe-non-model.js';
import { loadOnnxModel } from './onnx/onnx-model.js';
import { isXgboostJson, readXgboostDocument } from './xgboost-json.js';
import { xgboostAsModel } from './xgboost-model.js';

export type ModelFormat = 'native' | 'xgboost-json' | 'onnx';

export interface LoadModelOptions {
  /** The label column, never an input (imported models that read their inputs by position drop it). */
  readonly label?: string;
  /**
   * Table columns, in input order, for a model that reads one feature matrix by position (an XGBoost model,
   * an ONNX graph with one [N, F] input); models that match their inputs by name ignore it (their
   * `bindInputs(table).by` is then not 'features').
   */
  readonly featureNames?: readonly string[];
}

export interface LoadedModel {
  readonly model: Model;
  readonly format: ModelFormat;
}

export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DriftwatchError('FILE_NOT_FOUND', 'model file not found', { file: path });
    if (code === 'EISDIR') throw new DriftwatchError('FILE_UNREADABLE', 'is a directory, not a model file', { file: path });
    throw new DriftwatchError('FILE_UNREADABLE', `cannot read the model file (${code ?? (e as Error).message})`, { file: path });
  }
  if (bytes.length === 0) throw new DriftwatchError('FILE_EMPTY', 'the model file is empty', { file: path });
  if (isPickle(bytes, path)) {
    throw new DriftwatchError(
      'MODEL_UNSUPPORTED',
      `pickle/joblib files are refused: loading one runs arbitrary code. To use the model, ${PICKLE_RECIPE}`,
      { file: path },
    );
  }
  const first = firstNonSpace(bytes);
  const doc = first === 0x7b /* { */ ? parseJsonObject(bytes, path) : parseJsonMaybe(bytes, first);
  if (doc !== undefined) {
    if (isNativeModelFile(doc)) {
      const f = validateNativeModelFile(doc, path);
      return { model: createNativeModel(f.signature, f.card, f.encoder, f.estimator), format: 'native' };
    }
    if (isXgboostJson(doc)) {
      return { model: xgboostAsModel(readXgboostDocument(doc, path), options), format: 'xgboost-json' };
    }
    // MODEL_INVALID as before the file was described: scripts (and the registry) match on the code.
    throw new DriftwatchError('MODEL_INVALID', `${describeJson(doc)}. ${MODEL_FILES_ARE}`, { file: path });
  }
  const what = describeBytes(bytes);
  if (what !== null) throw new DriftwatchError('MODEL_INVALID', `${what}. ${MODEL_FILES_ARE}`, { file: path });
  return { model: await loadOnnxModel(bytes, { ...options, source: path }), format: 'onnx' };
}

/** A file starting with "{" is meant as JSON: one that does not parse is a damaged model file. */
function parseJsonObject(bytes: Buffer, path: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (e) {
    throw new DriftwatchError('MODEL_INVALID', `looks like JSON but does not parse (${(e as Error).message})`, { file: path });
  }
}

/** Other JSON (an array, null, a number …) when the whole file parses as such, else undefined. */
function parseJsonMaybe(bytes: Buffer, first: number): unknown {
  // [ " n(ull) t(rue) f(alse) - 0-9: the first bytes JSON text other than an object can start with.
  if (![0x5b, 0x22, 0x6e, 0x74, 0x66, 0x2d].includes(first) && !(first >= 0x30 && first <= 0x39)) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes a native model as JSON, atomically (writeFileAtomic: a crash never leaves half a file). */
export async function saveNativeModel(model: NativeModel, path: string): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(model.toFile()) + '\n');
}

function isPickle(bytes: Buffer, path: string): boolean {
  if (/\.(pkl|pickle|joblib|sav)$/i.test(path)) return true;
  // Pickle protocol 2+ starts with PROTO (0x80) and the protocol number.
  return bytes[0] === 0x80 && bytes[1]! >= 2 && bytes[1]! <= 5;
}

function firstNonSpace(bytes: Buffer): number {
  for (let i = 0; i < Math.min(bytes.length, 64); i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf) return b;
  }
  return -1;
}
