/** The post-transforms of tree ensembles' raw scores (types.ts `postTransform`) shared by training and prediction. */

/** Numerically safe logistic function. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
