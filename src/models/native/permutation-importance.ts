/**
 * Permutation importance (Breiman; scikit-learn's `permutation_importance`): how much a score drops when
 * one input column's values are shuffled across rows, breaking its link to the label. Model-agnostic, so
 * it works for imported models too; here on an encoded matrix, shuffling all encoded columns of one raw
 * input together (one-hot groups move as one).
 */
import { createRng } from '../../core/index.js';
import type { EncodedGroup, Matrix } from '../preprocess/feature-encoder.js';

export interface PermutationImportanceOptions {
  /** Encoded column ranges [start, end) per raw input name. */
  readonly groups: readonly EncodedGroup[];
  /** Higher is better. */
  readonly score: (m: Matrix) => number;
  readonly repeats?: number;
  readonly seed?: number;
}

/** Mean score drop per input (can be slightly negative for useless inputs). */
export function permutationImportance(m: Matrix, options: PermutationImportanceOptions): Record<string, number> {
  const rng = createRng(options.seed ?? 0);
  const repeats = options.repeats ?? 3;
  const baseline = options.score(m);
  const X = m.X.slice();
  const shuffled: Matrix = { X, n: m.n, d: m.d };
  const perm = new Int32Array(m.n);
  const out: Record<string, number> = {};
  for (const g of options.groups) {
    let drop = 0;
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < m.n; i++) perm[i] = i;
      for (let i = m.n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = perm[i]!;
        perm[i] = perm[j]!;
        perm[j] = t;
      }
      for (let i = 0; i < m.n; i++) for (let c = g.start; c < g.end; c++) X[i * m.d + c] = m.X[perm[i]! * m.d + c]!;
      drop += baseline - options.score(shuffled);
    }
    for (let i = 0; i < m.n; i++) for (let c = g.start; c < g.end; c++) X[i * m.d + c] = m.X[i * m.d + c]!;
    out[g.name] = drop / repeats;
  }
  return out;
}
