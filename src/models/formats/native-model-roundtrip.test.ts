import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../core/clock.js';
import { readTable } from '../../data/read-table.js';
import { selectRows } from '../../data/select-rows.js';
import type { ClassifierEvaluation, RegressorEvaluation } from '../../metrics/evaluate.js';
import { loadModel, saveNativeModel } from './load-model.js';
import { loadOnnxModel } from './onnx/onnx-model.js';
import { nativeModelToOnnx } from './onnx/native-to-onnx.js';
import { trainModel } from '../native/train-model.js';

const churnPath = resolve(import.meta.dirname, '../../../examples/data/telco_churn.csv');
const tmp = mkdtempSync(join(tmpdir(), 'driftwatch-models-'));

describe('training native models on the churn data', async () => {
  const churn = await readTable(churnPath);

  for (const algo of ['gbdt', 'rf', 'logreg'] as const) {
    it(`${algo}: trains, evaluates, saves, loads, exports to ONNX with the same probabilities`, async () => {
      const { model, validation, trainRows, validRows } = await trainModel(churn, {
        label: 'churn',
        algo,
        params: algo === 'gbdt' ? { n_estimators: 60, max_depth: 4, learning_rate: 0.1 } : algo === 'rf' ? { n_estimators: 40, max_depth: 10, n_threads: 1 } : {},
        seed: 1,
        clock: manualClock('2026-01-01T00:00:00Z'),
      });
      expect(trainRows + validRows).toBe(7043);
      expect(model.signature.classes).toEqual(['No', 'Yes']);
      expect(model.signature.positiveClass).toBe('Yes');
      const v = validation as ClassifierEvaluation;
      // Churn is a well-known set: ROC AUC around 0.84 for every reasonable learner.
      expect(v.roc_auc).toBeGreaterThan(0.8);
      expect(v.accuracy).toBeGreaterThan(0.75);
      expect(Object.keys(model.card.feature_importances)).toContain('permutation');
      // Importances speak of input columns, one-hot parts summed; trees one-hot the few-valued contract.
      for (const shares of Object.values(model.card.feature_importances)) expect(Object.keys(shares).every((k) => !k.includes('='))).toBe(true);
      if (algo !== 'logreg') expect(JSON.stringify(model)).toMatch(/"name":"contract","kind":"categorical","categories":\[[^\]]*\],"encoding":"onehot"/);
      expect(model.card.data_fingerprint).toMatch(/^[0-9a-f]{64}$/);

      const path = join(tmp, `${algo}.json`);
      await saveNativeModel(model, path);
      const loaded = await loadModel(path);
      expect(loaded.format).toBe('native');
      const sample = selectRows(churn, Int32Array.from({ length: 300 }, (_, i) => i * 23));
      const a = await model.predict(sample);
      const b = await loaded.model.predict(sample);
      expect(Array.from(b.probabilities!)).toEqual(Array.from(a.probabilities!));

      const onnx = await loadOnnxModel(nativeModelToOnnx(model));
      const c = await onnx.predict(sample);
      let worst = 0;
      for (let i = 0; i < a.probabilities!.length; i++) worst = Math.max(worst, Math.abs(a.probabilities![i]! - c.probabilities![i]!));
      expect(worst).toBeLessThan(1e-6);
      expect(c.labels).toEqual(a.labels);
    });
  }

  it('regression with gbdt and ridge', async () => {
    for (const algo of ['gbdt', 'logreg'] as const) {
      const { model, validation } = await trainModel(churn, { label: 'monthly_charges', algo, drop: ['total_charges'], seed: 2 });
      expect(model.signature.task).toBe('regression');
      // Monthly charges are mostly explained by the services a customer has.
      expect((validation as RegressorEvaluation).r2).toBeGreaterThan(0.9);
    }
  });

  it('refuses pickles and names unknown parameters and labels', async () => {
    const pkl = join(tmp, 'model.pkl');
    writeFileSync(pkl, Buffer.from([0x80, 0x04, 0x95]));
    await expect(loadModel(pkl)).rejects.toThrow(/pickle\/joblib files are refused/);
    await expect(trainModel(churn, { label: 'churn', algo: 'gbdt', params: { depth: 3 } })).rejects.toThrow(/unknown parameter "depth" for --algo gbdt \(allowed: n_estimators/);
    await expect(trainModel(churn, { label: 'chrun', algo: 'gbdt' })).rejects.toThrow(/label column "chrun" is not in the data/);
    await expect(loadModel(join(tmp, 'nope.json'))).rejects.toThrow(/model file not found/);
  });
});
