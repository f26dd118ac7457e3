import { NumpySumAccumulator } from './numpy-sum.js';

/**
 * The integral of |F_u - F_v|^p (p = 1 or 2) between the empirical CDFs of two ascending samples,
 * computed exactly as SciPy's `_cdf_distance` does before its final root: over the merged sorted values
 * z_0 <= ... <= z_{N-1}, the sum of |F_u(z_k) - F_v(z_k)|^p * (z_{k+1} - z_k), with F = (count <= z)/size.
 *
 * One merge pass, O(n), no per-element allocation. Tied values produce the zero-width terms SciPy's
 * np.diff produces, and the terms are summed in NumPy's order, so the result is bit-for-bit SciPy's in
 * the usual case rather than merely within rounding.
 */
export function cdfDistanceSum(u: Float64Array, v: Float64Array, p: 1 | 2): number {
  const nu = u.length;
  const nv = v.length;
  const acc = new NumpySumAccumulator();
  let i = 0;
  let j = 0;
  let emitted = 0;
  const terms = nu + nv - 1;
  while (emitted < terms) {
    // the next distinct value and how many copies of it the two samples hold
    const x = i < nu && (j >= nv || u[i]! <= v[j]!) ? u[i]! : v[j]!;
    const i0 = i;
    const j0 = j;
    while (i < nu && u[i]! <= x) i++;
    while (j < nv && v[j]! <= x) j++;
    const d = i / nu - j / nv;
    const w = p === 1 ? Math.abs(d) : d * d;
    // copies of x after the first are zero-width steps in SciPy's np.diff
    const ties = i - i0 + (j - j0) - 1;
    for (let t = 0; t < ties && emitted < terms; t++, emitted++) acc.add(w * 0);
    if (emitted === terms) break;
    const next = i < nu && (j >= nv || u[i]! <= v[j]!) ? u[i]! : v[j]!;
    acc.add(w * (next - x));
    emitted++;
  }
  return acc.value();
}
