/** The most probable class of each row of a row-major n x K probability matrix (first wins ties). */
export function labelsFromProbabilities(probabilities: Float64Array, classes: readonly string[]): string[] {
  const k = classes.length;
  const n = probabilities.length / k;
  const labels = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probabilities[i * k + j]! > probabilities[i * k + best]!) best = j;
    labels[i] = classes[best]!;
  }
  return labels;
}
