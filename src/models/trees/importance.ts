/** Split-gain and split-count feature importances of a tree ensemble, each normalised to sum to 1. */
import type { FeatureImportance, TreeEnsemble } from './types.js';

export function featureImportance(e: TreeEnsemble): FeatureImportance {
  const gain = new Float64Array(e.nFeatures);
  const split = new Float64Array(e.nFeatures);
  for (const t of e.trees) {
    for (let k = 0; k < t.feature.length; k++) {
      const f = t.feature[k];
      if (f < 0) continue;
      gain[f] += t.gain[k];
      split[f] += 1;
    }
  }
  normalise(gain);
  normalise(split);
  return { gain, split };
}

function normalise(v: Float64Array): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  if (s > 0) for (let i = 0; i < v.length; i++) v[i] /= s;
}
