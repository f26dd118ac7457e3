/**
 * Solves A x = b for a symmetric positive-definite d x d matrix `A` (row-major; only the lower triangle is
 * read) by Cholesky factorisation A = L Lᵀ. Returns null when A is not numerically positive definite
 * (a pivot smaller than 4·d·eps times its diagonal entry).
 * `A` and `b` are not modified.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, d: number): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let diag = A[j * d + j]!;
    for (let k = 0; k < j; k++) diag -= L[j * d + k]! * L[j * d + k]!;
    // What is left of the diagonal after elimination is rounding noise when the column is (nearly) a
    // combination of earlier ones: treat that as singular rather than dividing by noise.
    if (!(diag > 4 * d * Number.EPSILON * A[j * d + j]!)) return null;
    const ljj = Math.sqrt(diag);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = A[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = s / ljj;
    }
  }
  // Forward substitution L z = b, then back substitution Lᵀ x = z.
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}
