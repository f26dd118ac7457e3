import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../core/errors.js';
import { loadModel } from './load-model.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-load-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(name: string, content: string | Uint8Array): Promise<DriftwatchError> {
  const path = join(dir, name);
  writeFileSync(path, content);
  return loadModel(path).then(
    () => {
      throw new Error(`${name} was accepted`);
    },
    (e: unknown) => {
      if (!(e instanceof DriftwatchError)) throw e;
      return e;
    },
  );
}

describe('loadModel: a file that is not a model says what it is and what a model file looks like', () => {
  const modelFilesAre = /A model file is Driftwatch JSON \(written by `driftwatch train --out model\.json`\), XGBoost JSON .* or ONNX/;

  it('JSON that is not a model object', async () => {
    const cases: [string, string, RegExp][] = [
      ['array.json', '[1, 2, 3]', /^a JSON array of 3 items, not a model\. /],
      ['null.json', 'null\n', /^JSON null, not a model\. /],
      ['number.json', '  42', /^a JSON number, not a model\. /],
      ['string.json', '"model"', /^a JSON string, not a model\. /],
      ['object.json', '{"weights": [1], "bias": 0}', /^a JSON object with the keys "weights", "bias": neither a Driftwatch model \(which has "format": "driftwatch-model"\) nor an XGBoost model/],
    ];
    for (const [name, content, message] of cases) {
      const e = await failure(name, content);
      expect(e.code, name).toBe('MODEL_INVALID');
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(modelFilesAre);
      expect(e.file).toBe(join(dir, name));
    }
  });

  it('data files and other formats', async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['data.csv', 'churn,tenure\nNo,1\nYes,34\n', /^a text file that looks like CSV data \(first line: "churn,tenure"\), not a model \(was it meant for --data\?\)\. A model file/],
      ['numbers.csv', '1,2,3\n4,5,6\n', /looks like CSV data/],
      ['notes.txt', 'my model\n', /^a text file, not a model\. /],
      ['data.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(20)]), /^a Parquet data file, not a model\. /],
      ['model.h5', Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]), /HDF5 file \(a Keras \.h5 model\?\).*tf2onnx/],
    ];
    for (const [name, content, message] of cases) {
      const e = await failure(name, content);
      expect(e.code, name).toBe('MODEL_INVALID');
      expect(e.message).toMatch(message);
    }
  });

  it('binary bytes that do not decode as ONNX, and JSON that does not parse', async () => {
    const e = await failure('model.onnx', Uint8Array.from([0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toMatch(/^a binary file that is not a readable ONNX model \(.+\)\. A model file is/);
    expect((await failure('broken.json', '{"format": "driftwatch-model",')).message).toMatch(/looks like JSON but does not parse/);
  });

  it('pickles: refused with the conversion recipe', async () => {
    const e = await failure('model.pkl', Buffer.from([0x80, 0x04, 0x95, 0x00]));
    expect(e.code).toBe('MODEL_UNSUPPORTED');
    expect(e.message).toMatch(/loading one runs arbitrary code.*skl2onnx import to_onnx.*to_onnx\(model, X\[:1\]\.astype\("float32"\)\).*save_model\("model\.json"\)/);
  });
});
