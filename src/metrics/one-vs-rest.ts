import { DriftwatchError } from '../core/index.js';
import { matrixColumn } from './binary-curve.js';
import { checkLabels } from './validate.js';

/**
 * Averages a binary score computed per class one-vs-rest (class k against the rest, scored by column k),
 * weighting as sklearn's `_average_binary_score`: `macro` equally, `weighted` by support. A class whose score
 * is undefined (NaN) is left out; NaN when none is left.
 */
export function averageOneVsRest(
  what: string,
  yTrue: Int32Array,
  probabilities: Float64Array,
  nClasses: number,
  average: 'macro' | 'weighted',
  score: (positive: Int32Array, scores: Float64Array) => number,
): number {
  checkLabels(what, yTrue, nClasses);
  const n = yTrue.length;
  if (probabilities.length !== n * nClasses) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${what}: expected ${n} x ${nClasses} = ${n * nClasses} probabilities (row-major), got ${probabilities.length}.`);
  }
  let total = 0;
  let weight = 0;
  for (let k = 0; k < nClasses; k++) {
    const isK = new Int32Array(n);
    let support = 0;
    for (let i = 0; i < n; i++) {
      isK[i] = yTrue[i] === k ? 1 : 0;
      support += isK[i]!;
    }
    const s = score(isK, matrixColumn(probabilities, n, nClasses, k));
    if (Number.isNaN(s)) continue;
    const w = average === 'weighted' ? support : 1;
    total += s * w;
    weight += w;
  }
  return weight === 0 ? NaN : total / weight;
}
