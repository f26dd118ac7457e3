/**
 * Gradient/hessian histograms over pre-binned rows, the inner loop of gradient boosting: the layout, and the
 * JavaScript kernel used where WebAssembly is not available (gbdt-kernels.ts has the fast one; both add the same
 * numbers in the same order, so they give identical histograms).
 *
 * A histogram holds, for every feature, 256 bins of `slots` float64 values: [sum of gradients, sum of hessians]
 * and, when leaf-size limits need it, [row count]. The feature stride is fixed (256 bins) so a bin's address is a
 * multiply and an add.
 *
 * The JavaScript kernel is generated per feature layout: straight-line code with the feature offsets as
 * constants (V8 does not unroll loops; 2.7x faster than the plain double loop). The generated source contains
 * only integers computed here, never user data.
 */

/** Bins per feature in a histogram. */
export const HIST_BINS = 256;

/** Float64 slots per feature for a histogram with `slots` values per bin. */
export function featureStride(slots: number): number {
  return HIST_BINS * slots;
}

/** Zeroes the selected features of `hist`, then adds rows[start..end) (gh: interleaved gradient, hessian). */
export type HistogramKernel = (hist: Float64Array, bins: Uint8Array, rows: Uint32Array, start: number, end: number, gh: Float64Array) => void;

const kernels = new Map<string, HistogramKernel>();

/** The JavaScript histogram kernel for row-major bins with `d` columns over features `feats`. */
export function histogramKernel(d: number, feats: Int32Array, slots: 2 | 3): HistogramKernel {
  const key = `${d}|${slots}|${feats.join(',')}`;
  let k = kernels.get(key);
  if (k) return k;
  k = new Function('hist', 'bins', 'rows', 'start', 'end', 'gh', histogramKernelSource(d, feats, slots)) as HistogramKernel;
  // Column subsampling makes a new feature set per tree; keep the cache bounded.
  if (kernels.size >= 256) kernels.clear();
  kernels.set(key, k);
  return k;
}

function histogramKernelSource(d: number, feats: Int32Array, slots: 2 | 3): string {
  const stride = featureStride(slots);
  const lines: string[] = [];
  for (const f of feats) lines.push(`hist.fill(0, ${f * stride}, ${(f + 1) * stride});`);
  lines.push('for (let k = start; k < end; k++) {');
  lines.push(`const i = rows[k]; const g = gh[2 * i]; const h = gh[2 * i + 1]; const b = i * ${d}; let p = 0;`);
  for (const f of feats) {
    lines.push(`p = ${f * stride} + bins[b + ${f}] * ${slots}; hist[p] += g; hist[p + 1] += h;${slots === 3 ? ' hist[p + 2] += 1;' : ''}`);
  }
  lines.push('}');
  return lines.join('\n');
}
