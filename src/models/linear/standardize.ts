/** Per-column location and scale of a row-major n x d matrix. */
export interface ColumnScaling {
  mean: Float64Array;
  scale: Float64Array;
}

/**
 * Column means and population standard deviations, like sklearn's `StandardScaler` (ddof 0; a constant
 * column gets scale 1 so it maps to 0 rather than NaN). With `center` false the mean is taken as 0 and the
 * scale is the root mean square, as `StandardScaler(with_mean=False)`.
 */
export function columnScaling(X: Float64Array, n: number, d: number, center = true): ColumnScaling {
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  if (center) {
    for (let i = 0; i < n; i++) for (let j = 0, off = i * d; j < d; j++) mean[j]! += X[off + j]!;
    for (let j = 0; j < d; j++) mean[j]! /= n;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0, off = i * d; j < d; j++) {
      const v = X[off + j]! - mean[j]!;
      scale[j]! += v * v;
    }
  }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(scale[j]! / n);
    // sklearn's _handle_zeros_in_scale: near-zero variance counts as constant.
    scale[j] = s < 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j]!)) ? 1 : s;
  }
  return { mean, scale };
}

/** A new matrix (X - mean) / scale. */
export function applyScaling(X: Float64Array, n: number, d: number, { mean, scale }: ColumnScaling): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0, off = i * d; j < d; j++) out[off + j] = (X[off + j]! - mean[j]!) / scale[j]!;
  return out;
}
