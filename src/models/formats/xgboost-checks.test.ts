import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../core/errors.js';
import { parseXgboostJson, xgboostMargins } from './xgboost-json.js';

const dir = join(import.meta.dirname, '../../../test/fixtures/models/xgboost');

// A parsed JSON document, edited in place by each case.
type Doc = any;
const fixture = (name = 'binary'): Doc => JSON.parse(readFileSync(join(dir, `${name}.model.json`), 'utf8'));
const firstTree = (doc: Doc) => doc.learner.gradient_booster.model.trees[0];

function failure(doc: Doc): DriftwatchError {
  try {
    parseXgboostJson(JSON.stringify(doc), 'm.json');
  } catch (e) {
    if (e instanceof DriftwatchError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('XGBoost JSON: what a damaged or foreign file is refused for', () => {
  it('a split on a feature the model does not have', () => {
    const doc = fixture();
    firstTree(doc).split_indices[0] = 99;
    const e = failure(doc);
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.field).toBe('trees[0].split_indices');
    expect(e.message).toMatch(/node 0 splits on feature 99, but the model has 6 features/);
  });

  it('versions outside 1.0 to 3.x, and a malformed or missing version, naming the field', () => {
    for (const version of [[0, 1, 0], [99, 0, 0], [4, 0, 0]]) {
      const doc = fixture();
      doc.version = version;
      const e = failure(doc);
      expect([e.code, e.field]).toEqual(['MODEL_UNSUPPORTED', 'version']);
      expect(e.message).toMatch(new RegExp(`version: ${version.join('\\.')} is outside the versions Driftwatch reads \\(1\\.0\\.0 to 3\\.x\\)`));
    }
    for (const version of [undefined, '1.7.4', [1, 7], [1, -1, 0], [1.5, 0, 0]]) {
      const doc = fixture();
      doc.version = version;
      expect([failure(doc).code, failure(doc).field]).toEqual(['MODEL_INVALID', 'version']);
    }
    for (const version of [[1, 0, 0], [2, 1, 3], [3, 9, 9]]) {
      const doc = fixture();
      doc.version = version;
      expect(parseXgboostJson(JSON.stringify(doc)).xgboostVersion).toEqual(version);
    }
  });

  it('a cycle, a node reached twice, a child out of range, a node with one child', () => {
    const cases: [(t: Doc) => void, RegExp][] = [
      [(t) => (t.left_children[1] = 0), /node 0 is reached twice \(from node 1\)/],
      [(t) => (t.right_children[2] = t.left_children[1]), /is reached twice/],
      [(t) => (t.left_children[0] = 999), /node 0 points to node 999, outside 0\.\.24/],
      [(t) => (t.right_children[0] = -1), /node 0 has one child/],
    ];
    for (const [edit, message] of cases) {
      const doc = fixture();
      edit(firstTree(doc));
      const e = failure(doc);
      expect(e.code).toBe('MODEL_INVALID');
      expect(e.message).toMatch(message);
    }
  });

  it('feature names that do not match num_feature, and tree_info of another length', () => {
    const doc = fixture();
    doc.learner.feature_names = ['a', 'b'];
    expect(failure(doc).message).toMatch(/learner\.feature_names: 2 names for 6 features/);
    const doc2 = fixture();
    doc2.learner.gradient_booster.model.tree_info.pop();
    expect(failure(doc2).message).toMatch(/tree_info: 39 entries for 40 trees/);
  });

  it('accepts a tree whose pruned slots were reused (a child stored before its parent) and predicts the same', () => {
    const doc = fixture();
    const t = firstTree(doc);
    // Swap the slots of nodes 1 and 24 (a leaf): node 1's subtree now lives at 24, the leaf at 1.
    const swap = (a: number, b: number) => {
      for (const k of ['left_children', 'right_children', 'split_indices', 'split_conditions', 'default_left', 'split_type', 'base_weights', 'loss_changes', 'sum_hessian', 'parents']) {
        [t[k][a], t[k][b]] = [t[k][b], t[k][a]];
      }
      for (const k of ['left_children', 'right_children']) t[k] = t[k].map((c: number) => (c === a ? b : c === b ? a : c));
    };
    swap(1, 24);
    const original = parseXgboostJson(JSON.stringify(fixture()));
    const reordered = parseXgboostJson(JSON.stringify(doc));
    const X = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * 2);
    expect(Array.from(xgboostMargins(reordered, X, 10, 6))).toEqual(Array.from(xgboostMargins(original, X, 10, 6)));
  });

  it('a multiclass base_score with one intercept per class (XGBoost 3.1), and one of the wrong length', () => {
    const doc = fixture('multiclass');
    doc.version = [3, 1, 0];
    doc.learner.learner_model_param.base_score = '[1E-1,2E-1,-3E-1]';
    const vector = parseXgboostJson(JSON.stringify(doc));
    const scalar = parseXgboostJson(JSON.stringify(fixture('multiclass')));
    const X = Float64Array.from({ length: 50 }, (_, i) => Math.cos(i * 0.9) * 1.5);
    const a = xgboostMargins(vector, X, 10, 5);
    const b = xgboostMargins(scalar, X, 10, 5);
    const shift = [0.1 - 0.5, 0.2 - 0.5, -0.3 - 0.5];
    a.forEach((m, i) => expect(m).toBeCloseTo(b[i]! + shift[i % 3]!, 5));
    doc.learner.learner_model_param.base_score = '[1E-1,2E-1]';
    expect(failure(doc).message).toMatch(/base_score: 2 values for a model with 3 outputs/);
  });
});
