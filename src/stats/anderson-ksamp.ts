/**
 * k-sample Anderson-Darling test, exactly scipy.stats.anderson_ksamp(samples, midrank=True) in SciPy 1.10
 * (Scholz and Stephens 1987, equation 7 for ties, standardised by the exact variance).
 *
 * pValue is SciPy's `significance_level`: a quadratic fit of log(significance) against the Table 2
 * critical values, evaluated at the statistic, and capped to [0.001, 0.25] outside the table (SciPy
 * warns there; we return the capped value silently, so 0.25 means "0.25 or more" and 0.001 "0.001 or
 * less"). Needs at least two samples, no empty sample, at least 4 values in total (SciPy divides by
 * N - 3) and at least two distinct values.
 */
import type { TestResult } from './types.js';
import { DriftwatchError } from '../core/index.js';
import { numpySum } from './internal/numpy-sum.js';
import { polyfit, polyval } from './internal/polyfit.js';
import { requireLength, requireNoNaN } from './internal/validate.js';

const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

function invalid(message: string): never {
  throw new DriftwatchError('INVALID_ARGUMENT', message, { field: 'samples' });
}

function mergeSorted(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length + y.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) out[n++] = x[i]! <= y[j]! ? x[i++]! : y[j++]!;
  while (i < x.length) out[n++] = x[i++]!;
  while (j < y.length) out[n++] = y[j++]!;
  return out;
}

/** k-sample Anderson-Darling (scipy.stats.anderson_ksamp, midrank); pValue is SciPy's significance_level, capped to [0.001, 0.25]. */
export function andersonKSample(samples: readonly Float64Array[]): TestResult {
  const k = samples.length;
  if (k < 2) invalid(`andersonKSample needs at least two samples, got ${k}`);
  samples.forEach((s, i) => {
    requireLength(s, 1, `andersonKSample sample ${i}`);
    requireNoNaN(s, `andersonKSample sample ${i}`);
  });
  const sorted = samples.map((s) => Float64Array.from(s).sort());
  let N = 0;
  for (const s of sorted) N += s.length;
  if (N < 4) invalid(`andersonKSample needs at least 4 values in total, got ${N}`);
  // the pooled sorted sample by merging the sorted samples (k is small), instead of a second sort
  let Z: Float64Array = sorted[0]!;
  for (let i = 1; i < k; i++) Z = mergeSorted(Z, sorted[i]!);

  // distinct values, their multiplicities lj and Bj = #(Z < z_j) + lj/2
  const zstarAll = new Float64Array(N);
  const ljAll = new Float64Array(N);
  let L = 0;
  for (let i = 0; i < N; ) {
    let j = i;
    while (j < N && Z[j] === Z[i]) j++;
    zstarAll[L] = Z[i]!;
    ljAll[L++] = j - i;
    i = j;
  }
  const zstar = zstarAll.subarray(0, L);
  const lj = ljAll.subarray(0, L);
  if (L < 2) invalid('andersonKSample needs more than one distinct value');
  const B = new Float64Array(L);
  for (let j = 0, below = 0; j < L; below += lj[j]!, j++) B[j] = below + lj[j]! / 2;

  const inner = new Float64Array(L);
  let A2akN = 0;
  for (const s of sorted) {
    const n = s.length;
    let p = 0;
    for (let j = 0; j < L; j++) {
      const z = zstar[j]!;
      while (p < n && s[p]! < z) p++;
      let q = p;
      while (q < n && s[q]! === z) q++;
      const f = q - p;
      const M = q - f / 2;
      const l = lj[j]!;
      inner[j] = ((l / N) * (N * M - B[j]! * n) ** 2) / (B[j]! * (N - B[j]!) - (N * l) / 4);
      p = q;
    }
    A2akN += numpySum(inner) / n;
  }
  A2akN *= (N - 1) / N;

  const invN = samples.map((s) => 1 / s.length);
  const H = numpySum(invN);
  // hs_cs = cumsum(1 / [N-1, N-2, ..., 2]); h = hs_cs[-1] + 1; g = sum(hs_cs / [2, ..., N-1])
  const ratios = new Float64Array(N - 2);
  let cum = 0;
  for (let i = 0; i < N - 2; i++) {
    cum += 1 / (N - 1 - i);
    ratios[i] = cum / (i + 2);
  }
  const h = cum + 1;
  const g = numpySum(ratios);

  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  const sigmasq = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const A2 = (A2akN - m) / Math.sqrt(sigmasq);

  const critical = B0.map((b0, i) => b0 + B1[i]! / Math.sqrt(m) + B2[i]! / m);
  let p: number;
  if (A2 < Math.min(...critical)) p = 0.25;
  else if (A2 > Math.max(...critical)) p = 0.001;
  else p = Math.exp(polyval(polyfit(critical, SIG.map(Math.log), 2), A2));
  return { statistic: A2, pValue: p };
}
