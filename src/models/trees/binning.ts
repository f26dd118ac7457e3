/**
 * Pre-binning of a numeric matrix into at most 255 value bins per feature plus one missing bin, the way
 * LightGBM and scikit-learn's HistGradientBoosting do: every later split search works on small integer bins.
 * Edges come from a seeded sample of up to 200,000 rows; a feature with more than `maxBins` distinct values gets
 * its quantile edges from an evenly spaced 50,000 of those.
 *
 * Layout (chosen by measurement, see README.md): the input is row-major `n x d` Float64Array and the bins are
 * row-major `n x d` Uint8Array as well. Histogram building visits the rows of one node in index order and adds
 * each row's gradient to all its features' bins; row-major bins make that one contiguous `d`-byte read per row,
 * where column-major bins would cost `d` scattered reads per row in deep nodes.
 */
import { DriftwatchError } from '../../core/index.js';
import { createRng } from '../../core/index.js';
import { sortFloat64 } from '../../kernels/index.js';
import { sampleIndices } from './sampling.js';

export interface BinOptions {
  /** Maximum number of value bins per feature (2..255). Default 255. */
  readonly maxBins?: number;
  /** Rows sampled to find the quantile edges. Default 200,000 (all rows when fewer). */
  readonly subsample?: number;
  /** Seed of the subsample. Default 0. */
  readonly seed?: number;
}

/** Bin edges of every feature: a value `x` falls in the first bin `j` with `x <= upper[f][j]`; NaN in the missing bin. */
export interface BinMapper {
  readonly nFeatures: number;
  /** Per feature, increasing upper edges of the value bins; the last is +Infinity. */
  readonly upper: Float64Array[];
  /** Per feature, the bin index used for NaN: equal to the number of value bins of that feature. */
  readonly missingBin: Uint8Array;
}

/**
 * The raw threshold of a split after bin `bin` of feature `f` (rows go left when `x <= threshold`): the bin's
 * upper edge, with the open last edge (+Infinity, "all values vs missing") as Number.MAX_VALUE so that the model
 * stays JSON-safe.
 */
export function binThreshold(mapper: BinMapper, f: number, bin: number): number {
  const e = mapper.upper[f][bin];
  return e === Infinity ? Number.MAX_VALUE : e;
}

export interface BinnedMatrix {
  /** Row-major n x d bin indices. */
  readonly bins: Uint8Array;
  readonly n: number;
  readonly d: number;
  readonly mapper: BinMapper;
}

/** Learns quantile bin edges from (a seeded subsample of) `x` and bins every row. */
export function binFeatures(x: Float64Array, n: number, d: number, options: BinOptions = {}): BinnedMatrix {
  const mapper = fitBinMapper(x, n, d, options);
  return { bins: applyBins(mapper, x, n), n, d, mapper };
}

/**
 * Learns the bin edges only. The edge samples are sorted by the kernels' radix sort (the built-in sort costs
 * ~90 ns per value, a quarter of the binning time of a 30-feature set): the same order, so the same edges.
 */
export function fitBinMapper(x: Float64Array, n: number, d: number, options: BinOptions = {}): BinMapper {
  const maxBins = options.maxBins ?? 255;
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 255) {
    throw new DriftwatchError('INVALID_ARGUMENT', `invalid maxBins: ${maxBins} (expected an integer in 2..255)`, { field: 'maxBins' });
  }
  if (x.length !== n * d) {
    throw new DriftwatchError('INVALID_ARGUMENT', `matrix has ${x.length} values, expected n*d = ${n * d}`);
  }
  const limit = options.subsample ?? 200_000;
  let sample: Uint32Array;
  if (n <= limit) {
    sample = new Uint32Array(n);
    for (let i = 0; i < n; i++) sample[i] = i;
  } else {
    sample = sampleIndices(n, limit, createRng(options.seed ?? 0));
  }
  const m = sample.length;
  const upper: Float64Array[] = [];
  const missingBin = new Uint8Array(d);
  // Missing values per feature, in one pass over the sampled rows. A continuous feature without any (the usual
  // case) takes its 50k strided values straight from x, together with the other such features of its block in
  // one pass over those rows: gathering every sampled value of every feature was most of the binning time after
  // the sorts. The values and their order are those quantileSample would take from a full gather.
  const missing = new Int32Array(d);
  for (let s = 0; s < m; s++) {
    const base = sample[s] * d;
    for (let f = 0; f < d; f++) {
      const v = x[base + f];
      if (v !== v) missing[f]++;
    }
  }
  const B = Math.min(d, 32);
  const column = new Float64Array(m);
  for (let f0 = 0; f0 < d; f0 += B) {
    const nb = Math.min(B, d - f0);
    const toSort = new Array<Float64Array>(nb);
    const strided: number[] = [];
    for (let j = 0; j < nb; j++) {
      const f = f0 + j;
      if (missing[f] === 0 && m > QUANTILE_SAMPLE) {
        const distinct = fewDistinct((s) => x[sample[s] * d + f], m, maxBins);
        if (distinct) toSort[j] = distinct;
        else strided.push(j);
        continue;
      }
      let k = 0;
      for (let s = 0; s < m; s++) {
        const v = x[sample[s] * d + f];
        if (v === v) column[k++] = v;
      }
      toSort[j] = quantileSample(column.subarray(0, k), maxBins);
    }
    if (strided.length > 0) {
      const outs = strided.map(() => new Float64Array(QUANTILE_SAMPLE));
      const step = m / QUANTILE_SAMPLE;
      for (let q = 0; q < QUANTILE_SAMPLE; q++) {
        const base = sample[Math.floor(q * step)] * d + f0;
        for (let t = 0; t < strided.length; t++) outs[t][q] = x[base + strided[t]];
      }
      strided.forEach((j, t) => (toSort[j] = outs[t]));
    }
    for (const a of toSort) sortFloat64(a);
    for (let j = 0; j < nb; j++) {
      const edges = quantileEdges(toSort[j], maxBins);
      upper.push(edges);
      missingBin[f0 + j] = edges.length;
    }
  }
  return { nFeatures: d, upper, missingBin };
}

/**
 * The values to sort for the edges (a new array): the distinct values when there are at most maxBins, all of them
 * up to 50,000, else an evenly strided 50,000 (see below).
 */
const QUANTILE_SAMPLE = 50_000;
function quantileSample(values: Float64Array, maxBins: number): Float64Array {
  const distinct = fewDistinct((i) => values[i], values.length, maxBins);
  if (distinct) return distinct;
  if (values.length <= QUANTILE_SAMPLE) return values.slice();
  // Continuous: quantiles of a 50k subsample are within ~0.2% of rank of the full sample's, finer than a bin
  // (1/255 = 0.4%), and sorting is the dominant cost of binning (V8's typed-array sort is ~100 ns per value).
  // The rows are already a random sample, so a stride keeps it random and seeded.
  const out = new Float64Array(QUANTILE_SAMPLE);
  const step = values.length / QUANTILE_SAMPLE;
  for (let j = 0; j < QUANTILE_SAMPLE; j++) out[j] = values[Math.floor(j * step)];
  return out;
}

/**
 * The distinct values among value(0..k-1) when there are at most maxBins (each gets its own bin: only those need
 * sorting), else null. The set gives up as soon as it passes maxBins, which for a continuous feature is after a
 * few hundred values.
 */
function fewDistinct(value: (i: number) => number, k: number, maxBins: number): Float64Array | null {
  const seen = new Set<number>();
  for (let i = 0; i < k && seen.size <= maxBins; i++) seen.add(value(i));
  return seen.size <= maxBins ? Float64Array.from(seen) : null;
}

/**
 * Upper edges from sorted non-missing values. With at most `maxBins` distinct values every value gets its own bin
 * (edges are midpoints, as scikit-learn does, so unseen values in between split the difference); otherwise edges
 * sit at evenly spaced quantiles, deduplicated.
 */
function quantileEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const m = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < m && distinct.length <= maxBins; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  }
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let j = 0; j + 1 < distinct.length; j++) edges.push(midpoint(distinct[j], distinct[j + 1]));
  } else {
    for (let j = 1; j < maxBins; j++) {
      const pos = Math.min(m - 1, Math.floor((j * m) / maxBins));
      const lo = sorted[pos];
      // The edge must separate `lo` from the next larger value, else values equal to lo would straddle two bins.
      let hiPos = pos + 1;
      while (hiPos < m && sorted[hiPos] === lo) hiPos++;
      if (hiPos >= m) break;
      const e = midpoint(lo, sorted[hiPos]);
      if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
    }
  }
  edges.push(Infinity);
  return Float64Array.from(edges);
}

function midpoint(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  // Guard against rounding to b, which would put b in the lower bin.
  return mid < b ? mid : a;
}

/** Bins a row-major `n x d` matrix with learnt edges (used for training data and for validation sets). */
export function applyBins(mapper: BinMapper, x: Float64Array, n: number): Uint8Array {
  const d = mapper.nFeatures;
  const out = new Uint8Array(n * d);
  const { missingBin } = mapper;
  // Edges padded to 256 with +Infinity: every lookup is the same 8 halving steps with no data-dependent branch.
  const padded = new Float64Array(d * 256).fill(Infinity);
  for (let f = 0; f < d; f++) padded.set(mapper.upper[f], f * 256);
  // Row-outer: the matrix and the output are read and written sequentially; the edges (2 KB per feature) stay
  // in cache.
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let f = 0; f < d; f++) {
      const v = x[base + f];
      if (v !== v) {
        out[base + f] = missingBin[f];
        continue;
      }
      // Lower bound: the first j with v <= edge[j].
      const e = f * 256;
      let lo = 0;
      lo += +(padded[e + lo + 127] < v) * 128;
      lo += +(padded[e + lo + 63] < v) * 64;
      lo += +(padded[e + lo + 31] < v) * 32;
      lo += +(padded[e + lo + 15] < v) * 16;
      lo += +(padded[e + lo + 7] < v) * 8;
      lo += +(padded[e + lo + 3] < v) * 4;
      lo += +(padded[e + lo + 1] < v) * 2;
      lo += +(padded[e + lo] < v);
      out[base + f] = lo;
    }
  }
  return out;
}
