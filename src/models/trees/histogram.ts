/**
 * Gradient/hessian histograms over pre-binned rows, the inner loop of gradient boosting.
 *
 * A histogram holds, for every feature, 256 bins of `slots` float64 values: [sum of gradients, sum of hessians]
 * and, when leaf-size limits need it, [row count]. The feature stride is fixed (256 bins) so a bin's address is a
 * multiply and an add.
 *
 * The kernel is generated per feature layout: straight-line code with the feature offsets as constants. V8 does
 * not unroll loops, and the unrolled kernel measured 2.7x faster than the plain double loop on 160k rows x 30
 * features (1.0 vs 2.7 ns per row-feature). The generated source contains only integers computed here, never
 * user data.
 */

/** Bins per feature in a histogram. */
export const HIST_BINS = 256;

export type HistogramKernel = (
  hist: Float64Array,
  bins: Uint8Array,
  rows: Uint32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
) => void;

/** Float64 slots per feature for a histogram with `slots` values per bin. */
export function featureStride(slots: number): number {
  return HIST_BINS * slots;
}

const kernels = new Map<string, HistogramKernel>();

/**
 * The histogram kernel for row-major bins with `d` columns, accumulating features `feats` with 2 slots
 * (gradient, hessian) or 3 (plus count). The kernel zeroes the selected features' slots first.
 */
export function histogramKernel(d: number, feats: Int32Array, slots: 2 | 3): HistogramKernel {
  const key = `${d}|${slots}|${feats.join(',')}`;
  let k = kernels.get(key);
  if (k) return k;
  k = new Function('hist', 'bins', 'rows', 'start', 'end', 'grad', 'hess', histogramKernelSource(d, feats, slots)) as HistogramKernel;
  // Column subsampling makes a new feature set per tree; keep the cache bounded.
  if (kernels.size >= 256) kernels.clear();
  kernels.set(key, k);
  return k;
}

/** Body of the kernel function with parameters (hist, bins, rows, start, end, grad, hess). */
export function histogramKernelSource(d: number, feats: Int32Array, slots: 2 | 3): string {
  const stride = featureStride(slots);
  const lines: string[] = [];
  for (const f of feats) lines.push(`hist.fill(0, ${f * stride}, ${(f + 1) * stride});`);
  lines.push('for (let k = start; k < end; k++) {');
  lines.push(`const i = rows[k]; const g = grad[i]; const h = hess[i]; const b = i * ${d}; let p = 0;`);
  for (const f of feats) {
    lines.push(`p = ${f * stride} + bins[b + ${f}] * ${slots}; hist[p] += g; hist[p + 1] += h;${slots === 3 ? ' hist[p + 2] += 1;' : ''}`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** `parent -= child` on the selected features: the sibling's histogram without touching its rows. */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  feats: Int32Array,
  missingBin: Uint8Array,
  slots: number,
): void {
  const stride = featureStride(slots);
  for (let j = 0; j < feats.length; j++) {
    const f = feats[j];
    const o = f * stride;
    const end = o + (missingBin[f] + 1) * slots;
    for (let p = o; p < end; p++) parent[p] -= child[p];
  }
}
