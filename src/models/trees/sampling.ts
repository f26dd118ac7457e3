import type { Rng } from '../../core/index.js';

/**
 * `k` distinct indices of 0..n-1, drawn uniformly without replacement by a seeded partial Fisher-Yates shuffle
 * (exactly `k` draws of `rng`), in increasing order so that callers read the chosen rows or features in order.
 */
export function sampleIndices(n: number, k: number, rng: Rng): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, k).sort();
}
