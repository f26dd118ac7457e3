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
import { loadOnnxModel } from './onnx/onnx-model.js';
import { isXgboostJson, readXgboostDocument } from './xgboost-json.js';
import { xgboostAsModel } from './xgboost-model.js';

export type ModelFormat = 'native' | 'xgboost-json' | 'onnx';

export interface LoadModelOptions {
  /** The label column (left out of positional inputs of imported models). */
  readonly label?: string;
  /** Column names for an ONNX model with one [N, F] input. */
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
      'pickle/joblib files are refused: loading one runs arbitrary code. Export the model to ONNX (scikit-learn: skl2onnx; XGBoost: save_model("model.json")) — see docs/models.md',
      { file: path },
    );
  }
  const first = firstNonSpace(bytes);
  if (first === 0x7b /* { */) {
    let doc: unknown;
    try {
      doc = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw new DriftwatchError('MODEL_INVALID', `looks like JSON but does not parse (${(e as Error).message})`, { file: path });
    }
    if (isNativeModelFile(doc)) {
      const f = validateNativeModelFile(doc, path);
      return { model: createNativeModel(f.signature, f.card, f.encoder, f.estimator, path), format: 'native' };
    }
    if (isXgboostJson(doc)) {
      return { model: xgboostAsModel(readXgboostDocument(doc, path), { ...options, source: path }), format: 'xgboost-json' };
    }
    throw new DriftwatchError('MODEL_INVALID', 'a JSON file that is neither a Driftwatch model nor an XGBoost model', { file: path });
  }
  return { model: await loadOnnxModel(bytes, { ...options, source: path }), format: 'onnx' };
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
