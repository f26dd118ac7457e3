/**
 * Inner loops over one row of a row-major matrix. Unrolled by four with independent accumulators, which lets
 * V8 overlap the multiply-adds; this is where logistic regression spends its time.
 */

/** b + Σ_j w[wOff + j] · X[xOff + j] for j < d. */
export function dotRow(w: Float64Array, wOff: number, X: Float64Array, xOff: number, d: number, b: number): number {
  let s0 = b;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const d4 = d - (d % 4);
  let j = 0;
  for (; j < d4; j += 4) {
    s0 += w[wOff + j]! * X[xOff + j]!;
    s1 += w[wOff + j + 1]! * X[xOff + j + 1]!;
    s2 += w[wOff + j + 2]! * X[xOff + j + 2]!;
    s3 += w[wOff + j + 3]! * X[xOff + j + 3]!;
  }
  for (; j < d; j++) s0 += w[wOff + j]! * X[xOff + j]!;
  return s0 + s1 + (s2 + s3);
}

/** g[gOff + j] += r · X[xOff + j] for j < d. */
export function addScaledRow(g: Float64Array, gOff: number, r: number, X: Float64Array, xOff: number, d: number): void {
  const d4 = d - (d % 4);
  let j = 0;
  for (; j < d4; j += 4) {
    g[gOff + j]! += r * X[xOff + j]!;
    g[gOff + j + 1]! += r * X[xOff + j + 1]!;
    g[gOff + j + 2]! += r * X[xOff + j + 2]!;
    g[gOff + j + 3]! += r * X[xOff + j + 3]!;
  }
  for (; j < d; j++) g[gOff + j]! += r * X[xOff + j]!;
}
