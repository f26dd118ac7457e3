/**
 * Least-squares polynomial fit and evaluation as numpy.polyfit / numpy.polyval (coefficients highest
 * power first). NumPy scales the Vandermonde columns to unit norm and solves by SVD; for the small,
 * well-conditioned fits used here (7 points, degree 2) Householder QR on the same scaled columns gives
 * the same solution to ~1e-15.
 */
export function polyfit(x: ArrayLike<number>, y: ArrayLike<number>, degree: number): Float64Array {
  const m = x.length;
  const n = degree + 1;
  // column j holds x^(degree - j), like np.vander
  const A: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => x[i]! ** (degree - j)));
  const scale = Array.from({ length: n }, (_, j) => Math.sqrt(A.reduce((s, row) => s + row[j]! * row[j]!, 0)));
  for (const row of A) for (let j = 0; j < n; j++) row[j]! /= scale[j]!;
  const b = Array.from({ length: m }, (_, i) => y[i]!);
  for (let j = 0; j < n; j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm += A[i]![j]! ** 2;
    norm = Math.sqrt(norm);
    const alpha = A[j]![j]! > 0 ? -norm : norm;
    const v = new Array<number>(m).fill(0);
    for (let i = j; i < m; i++) v[i] = A[i]![j]!;
    v[j]! -= alpha;
    const vv = v.reduce((s, t) => s + t * t, 0);
    if (vv === 0) continue;
    for (let c = j; c < n; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i]! * A[i]![c]!;
      const f = (2 * dot) / vv;
      for (let i = j; i < m; i++) A[i]![c]! -= f * v[i]!;
    }
    let dot = 0;
    for (let i = j; i < m; i++) dot += v[i]! * b[i]!;
    const f = (2 * dot) / vv;
    for (let i = j; i < m; i++) b[i]! -= f * v[i]!;
  }
  const coef = new Float64Array(n);
  for (let j = n - 1; j >= 0; j--) {
    let s = b[j]!;
    for (let c = j + 1; c < n; c++) s -= A[j]![c]! * coef[c]!;
    coef[j] = s / A[j]![j]!;
  }
  for (let j = 0; j < n; j++) coef[j]! /= scale[j]!;
  return coef;
}

/** numpy.polyval: Horner's rule, highest power first. */
export function polyval(coef: ArrayLike<number>, x: number): number {
  let p = 0;
  for (let i = 0; i < coef.length; i++) p = p * x + coef[i]!;
  return p;
}
