/**
 * What a file given as a model is when it is not one, said in the user's terms ("a JSON array", "a CSV
 * data file") with what a model file looks like — instead of a protobuf decoder's complaint about a file
 * that never was ONNX.
 */

/** What Driftwatch reads as a model, for the end of every such message. */
export const MODEL_FILES_ARE =
  'A model file is Driftwatch JSON (written by `driftwatch train --out model.json`), XGBoost JSON (`booster.save_model("model.json")`) or ONNX (skl2onnx, onnxmltools, torch.onnx.export); see docs/models.md';

/** How to turn a pickled model into a file Driftwatch reads. */
export const PICKLE_RECIPE =
  'convert it where it was made: scikit-learn: `from skl2onnx import to_onnx; open("model.onnx", "wb").write(to_onnx(model, X[:1].astype("float32")).SerializeToString())`; ' +
  'XGBoost: `model.save_model("model.json")`; LightGBM: onnxmltools.convert_lightgbm (docs/models.md)';

/** A parsed JSON document that is not a model: what it is. */
export function describeJson(doc: unknown): string {
  if (doc === null) return 'JSON null, not a model';
  if (Array.isArray(doc)) return `a JSON array of ${doc.length} item${doc.length === 1 ? '' : 's'}, not a model`;
  if (typeof doc !== 'object') return `a JSON ${typeof doc}, not a model`;
  const keys = Object.keys(doc);
  const shown = keys.slice(0, 6).map((k) => `"${k}"`).join(', ');
  return keys.length === 0
    ? 'an empty JSON object, not a model'
    : `a JSON object with the keys ${shown}${keys.length > 6 ? ', …' : ''}: neither a Driftwatch model (which has "format": "driftwatch-model") nor an XGBoost model (which has "learner.gradient_booster")`;
}

/**
 * A file that is not JSON and that ONNX's decoder could not read: a data file, another known format, or
 * unknown bytes. Null when nothing is recognised (the caller then reports the decoder's error).
 */
export function describeBytes(bytes: Uint8Array): string | null {
  const head = (n: number): string => String.fromCharCode(...bytes.subarray(0, n));
  if (head(4) === 'PAR1') return 'a Parquet data file, not a model';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'a gzip-compressed file, not a model (decompress it first if it holds one)';
  if (head(2) === 'PK') return 'a zip archive, not a model file (a Keras or PyTorch archive needs exporting to ONNX: tf2onnx, torch.onnx.export)';
  if (head(8) === '\x89HDF\r\n\x1a\n') return 'an HDF5 file (a Keras .h5 model?), not a model Driftwatch reads: export it to ONNX with tf2onnx';
  const text = textPrefix(bytes);
  if (text === null) return null;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0] ?? '';
  const delimiter = [',', '\t', ';', '|'].find((d) => first.includes(d));
  if (delimiter !== undefined && lines.length > 1) {
    const shown = first.length > 60 ? `${first.slice(0, 60)}…` : first;
    return `a text file that looks like CSV data (first line: "${shown}"), not a model (was it meant for --data?)`;
  }
  return 'a text file, not a model';
}

/** The first 4 KiB as text when they are printable UTF-8 (a binary model never is), else null. */
function textPrefix(bytes: Uint8Array): string | null {
  const slice = bytes.subarray(0, 4096);
  let text: string;
  try {
    // A multi-byte character cut at the slice's end is not an error worth refusing over: trim it.
    text = new TextDecoder('utf-8', { fatal: true }).decode(cutIncompleteTail(slice));
  } catch {
    return null;
  }
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 && ch !== '\n' && ch !== '\r' && ch !== '\t') return null;
  }
  return text;
}

function cutIncompleteTail(b: Uint8Array): Uint8Array {
  let end = b.length;
  // Back over continuation bytes to the lead byte; drop the character if it is incomplete.
  let i = end - 1;
  while (i >= 0 && i > end - 4 && (b[i]! & 0xc0) === 0x80) i--;
  if (i >= 0 && b[i]! >= 0xc0) {
    const need = b[i]! >= 0xf0 ? 4 : b[i]! >= 0xe0 ? 3 : 2;
    if (end - i < need) end = i;
  }
  return b.subarray(0, end);
}
