import { wasmScanSortedPair } from '../kernels/index.js';
import { numpySum } from './internal/numpy-sum.js';

/**
 * What one merge over two ascending samples yields for the order-based drift measures that need only the
 * merged order: distinct counts, the Kolmogorov-Smirnov ECDF gaps and the Wasserstein-1 integral.
 *
 * A drift analysis used to walk each pair of sorted columns three times (distinct count, KS gaps,
 * Wasserstein), each walk stepping over tie groups with nested loops; on a million rows a side those walks
 * cost more than the sorts. Here every merged value is one step of a flat loop: ties need no special
 * case because a tie's Wasserstein term is a zero-width step (multiplied by an exact 0, as SciPy's np.diff
 * makes it) and its ECDF gap is skipped. Each figure is computed exactly as its stand-alone function
 * computes it (same divisions, same NumPy summation order), so results are bit-identical to ksTest's
 * gaps and to wasserstein() on the same samples.
 */
export interface SortedPairScan {
  readonly n1: number;
  readonly n2: number;
  /** Distinct values of both samples together (-0 and 0 are one value). */
  readonly distinctBoth: number;
  /** Largest of i/n1 - j/n2 over the distinct merged values (ECDFs evaluated to the right). */
  readonly maxGap: number;
  /** Smallest of i/n1 - j/n2 over the distinct merged values. */
  readonly minGap: number;
  /** The integral of |F_1 - F_2| over the merged values: scipy.stats.wasserstein_distance. */
  readonly wasserstein: number;
}

const BUFFER = 8192;
// One term buffer per thread, reused: terms are summed in NumPy's order, 8192 at a time.
const terms = new Float64Array(BUFFER);

/** Pairs at least this large (both samples together) walk in the kernel. */
const WASM_FROM = 4096;

/**
 * One merge walk over `a` and `b`, both non-empty, ascending and free of NaN: the caller guarantees it
 * (the drift engine's prepared pairs are; checking again would cost another pass over both).
 */
export function scanSortedPair(a: Float64Array, b: Float64Array): SortedPairScan {
  // Large pairs in the WebAssembly kernel (same result, no JIT warm-up: see sorted-pair-scan-wasm.ts);
  // small ones here, where copying them in would cost more than the walk.
  if (a.length + b.length >= WASM_FROM) {
    const k = wasmScanSortedPair(a, b);
    if (k !== null) return { n1: a.length, n2: b.length, ...k };
  }
  return scanInJs(a, b);
}

/** The walk in JavaScript: the reference for the kernel, and the path where it cannot run. */
export function scanInJs(a: Float64Array, b: Float64Array): SortedPairScan {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let fill = 0;
  let total = 0;
  let started = false;
  let distinct = 1;
  let maxGap = -Infinity;
  let minGap = Infinity;
  // x is the last merged value, gap the ECDF difference once every value up to it is counted.
  let x: number;
  if (a[0]! <= b[0]!) {
    x = a[0]!;
    i = 1;
  } else {
    x = b[0]!;
    j = 1;
  }
  let gap = i / n1 - j / n2;
  while (i < n1 || j < n2) {
    // Steps that can neither fill the term buffer nor run either sample out: no checks inside.
    const both = Math.min(BUFFER - fill, n1 - i, n2 - j);
    for (let s = 0; s < both; s++) {
      const va = a[i]!;
      const vb = b[j]!;
      let z: number;
      if (va <= vb) {
        z = va;
        i++;
      } else {
        z = vb;
        j++;
      }
      terms[fill++] = Math.abs(gap) * (z - x);
      if (z !== x) {
        distinct++;
        if (gap > maxGap) maxGap = gap;
        if (gap < minGap) minGap = gap;
      }
      gap = i / n1 - j / n2;
      x = z;
    }
    if (both === 0 && fill < BUFFER) {
      // One sample is used up: the rest of the other, up to the buffer's end.
      const tail = i === n1 ? b : a;
      const fromA = tail === a;
      let k = fromA ? i : j;
      const end = Math.min(tail.length, k + (BUFFER - fill));
      for (; k < end; k++) {
        const z = tail[k]!;
        terms[fill++] = Math.abs(gap) * (z - x);
        if (z !== x) {
          distinct++;
          if (gap > maxGap) maxGap = gap;
          if (gap < minGap) minGap = gap;
        }
        if (fromA) i = k + 1;
        else j = k + 1;
        gap = i / n1 - j / n2;
        x = z;
      }
    }
    if (fill === BUFFER) {
      const s = numpySum(terms, 0, BUFFER);
      total = started ? total + s : s;
      started = true;
      fill = 0;
    }
  }
  // The last value's gap (0: both ECDFs are 1 there).
  if (gap > maxGap) maxGap = gap;
  if (gap < minGap) minGap = gap;
  if (fill > 0) {
    const s = numpySum(terms, 0, fill);
    total = started ? total + s : s;
    started = true;
  }
  return { n1, n2, distinctBoth: distinct, maxGap, minGap, wasserstein: started ? total : 0 };
}
