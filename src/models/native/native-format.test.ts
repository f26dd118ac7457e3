/**
 * Pins the native model file format: a change to what is written fails here, so bumping
 * MODEL_FORMAT_VERSION (and documenting it in docs/model-format.md) is a deliberate act.
 * UPDATE_GOLDEN=1 rewrites the golden files after a deliberate change.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../test/helpers/golden.js';
import { manualClock } from '../../core/clock.js';
import { categoricalColumn, createTable, numericColumn } from '../../data/table/index.js';
import { MODEL_FORMAT_VERSION, validateNativeModelFile } from './native-format.js';
import { trainModel } from './train-model.js';

const dir = join(import.meta.dirname, '../../../test/fixtures/models/native');

const table = createTable([
  numericColumn('x', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  categoricalColumn('plan', ['a', 'b', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c', null]),
  categoricalColumn('label', ['n', 'n', 'n', 'y', 'n', 'y', 'y', 'y', 'n', 'y', 'y', 'y']),
]);

function golden(name: string, doc: unknown): void {
  expectGolden(join(dir, `${name}.golden.json`), JSON.stringify(doc, null, 1) + '\n');
}

describe('native model format', () => {
  it('is version 1', () => expect(MODEL_FORMAT_VERSION).toBe('1'));

  for (const algo of ['gbdt', 'logreg'] as const) {
    it(`${algo} file shape is pinned`, async () => {
      const { model } = await trainModel(table, {
        label: 'label',
        algo,
        // The learner settings of the file's first golden (before train's defaults changed), spelled out, so the
        // trees it pins stay the same; the card now lists every parameter in use.
        params: algo === 'gbdt' ? { n_estimators: 2, max_depth: 2, min_child_weight: 0, grow_policy: 'depthwise', learning_rate: 0.3, lambda: 1, min_samples_leaf: 1 } : {},
        validFraction: 0,
        seed: 0,
        clock: manualClock('2026-01-01T00:00:00Z'),
      });
      const file = model.toFile();
      // Rounded so the golden pins the shape, not last-bit floating-point noise across platforms.
      const card = { ...(file['card'] as Record<string, unknown>), driftwatch_version: '<version>' };
      const doc = JSON.parse(JSON.stringify({ ...file, card }, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
      golden(algo, doc);
      expect(validateNativeModelFile(JSON.parse(JSON.stringify(file)), 'x.json').format_version).toBe('1');
    });
  }

  it('rejects other versions and broken documents with the field named', () => {
    expect(() => validateNativeModelFile({ format: 'driftwatch-model', format_version: '9' }, 'm.json')).toThrow(/format version 9 is not supported/);
    expect(() => validateNativeModelFile({ format: 'driftwatch-model', format_version: 1 }, 'm.json')).toThrow(/format version 1 is not supported/);
    expect(() => validateNativeModelFile({ format: 'driftwatch-model', format_version: '1', signature: { inputs: [] }, encoder: { columns: [] }, estimator: { type: 'svm' } }, 'm.json')).toThrow(
      /estimator.type: unknown estimator "svm"/,
    );
  });
});
