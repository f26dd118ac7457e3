/**
 * Checks on an XGBoost JSON model beyond its shape, so that a damaged or hand-edited file is refused at load
 * time, naming the field, instead of predicting something unchecked: the version that wrote it, feature
 * indices within `num_feature`, and each tree a proper tree (children in range, every node reached at most
 * once from the root — so no cycles and no shared subtrees — and leaves with neither child).
 */
import { DriftwatchError } from '../../core/index.js';

/** The XGBoost versions whose JSON model format Driftwatch reads: 1.0.0 (the first with JSON models) up to 3.x. */
export const XGBOOST_VERSIONS = { from: [1, 0, 0], below: [4, 0, 0] } as const;

export type Fail = (field: string, what: string) => never;

/** The `version` field: three non-negative integers within XGBOOST_VERSIONS. */
export function checkXgboostVersion(raw: unknown, source: string): number[] {
  const shown = JSON.stringify(raw) ?? 'missing';
  if (!Array.isArray(raw) || raw.length !== 3 || !raw.every((v) => Number.isInteger(v) && (v as number) >= 0)) {
    throw new DriftwatchError('MODEL_INVALID', `XGBoost model field version: expected [major, minor, patch] as XGBoost writes it, got ${shown}`, { file: source, field: 'version' });
  }
  const version = raw as number[];
  if (compare(version, XGBOOST_VERSIONS.from) < 0 || compare(version, XGBOOST_VERSIONS.below) >= 0) {
    throw new DriftwatchError(
      'MODEL_UNSUPPORTED',
      `XGBoost model field version: ${version.join('.')} is outside the versions Driftwatch reads (${XGBOOST_VERSIONS.from.join('.')} to ${XGBOOST_VERSIONS.below[0] - 1}.x); ` +
        'save the model with a supported XGBoost (booster.save_model("model.json"))',
      { file: source, field: 'version' },
    );
  }
  return version;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export interface TreeArrays {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
}

/**
 * One tree's structure and feature indices. XGBoost may reuse a pruned node's slot, so a child can sit
 * before its parent; what matters is that the walk from the root reaches every node at most once.
 */
export function checkXgboostTree(t: TreeArrays, index: number, numFeature: number, fail: Fail): void {
  const n = t.left.length;
  const at = `trees[${index}]`;
  const seen = new Uint8Array(n);
  const stack = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const i = stack.pop()!;
    const l = t.left[i]!;
    const r = t.right[i]!;
    if (l === -1 || r === -1) {
      if (l !== r) fail(`${at}.left_children`, `node ${i} has one child (left ${l}, right ${r}); a node has two children or none`);
      if (!Number.isFinite(t.threshold[i]!)) fail(`${at}.split_conditions`, `leaf ${i} has the value ${t.threshold[i]}, not a finite number`);
      continue;
    }
    for (const [child, side] of [[l, 'left'], [r, 'right']] as const) {
      if (!Number.isInteger(child) || child < 0 || child >= n) fail(`${at}.${side}_children`, `node ${i} points to node ${child}, outside 0..${n - 1}`);
      if (seen[child] === 1) fail(`${at}.${side}_children`, `node ${child} is reached twice (from node ${i}); a tree has no cycles or shared nodes`);
      seen[child] = 1;
      stack.push(child);
    }
    const f = t.feature[i]!;
    if (f < 0 || f >= numFeature) {
      fail(`${at}.split_indices`, `node ${i} splits on feature ${f}, but the model has ${numFeature} features (learner_model_param.num_feature)`);
    }
  }
}
