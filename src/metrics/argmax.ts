/** Per row of a row-major n x K matrix, the index of its largest value (the first on ties, as numpy's argmax). */
export function argmaxRows(matrix: Float64Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (matrix[i * k + j]! > matrix[i * k + best]!) best = j;
    out[i] = best;
  }
  return out;
}
