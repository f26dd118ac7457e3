/**
 * Ascending sort of a Float64Array without NaN, in place. Node 20's TypedArray sort takes ~70 ms for 100k
 * doubles, which made sorting the largest cost of a drift analysis; a radix sort on the IEEE-754 bit
 * patterns gives the same order (-0 before +0, as TypedArray sort does) many times faster. Arrays under
 * 16,384 values use the built-in sort: below ~8k values clearing the 1 MB of digit counts costs more than
 * the radix passes save. One sort for the whole code base: the drift engine's samples and the tree
 * learners' binning samples (50k values per feature, half the time of the built-in sort).
 *
 * The radix sort first orders by the high 32 bits of each key only (two 16-bit passes instead of four):
 * for real columns the high word — sign, exponent and 20 mantissa bits — nearly always tells values
 * apart, so an insertion pass over the few runs of equal high words finishes the job. When those runs
 * are long (values agreeing to six or more significant digits, such as epoch timestamps) the insertion
 * pass gives up after a fixed number of moves and the full four-pass sort runs instead, so the worst case
 * costs about what the plain four-pass sort costs.
 *
 * Where WebAssembly runs, the same algorithm runs as a generated kernel (sort-float64-wasm.ts: 2-4x faster
 * up to a few hundred thousand values, ~1.4x at a million); this JavaScript sort is its fallback.
 */
import { wasmRadixSort, wasmSortFinite } from './sort-float64-wasm.js';

const RADIX_MIN = 16_384;
/** The WebAssembly kernel clears only 48 KB of digit counts: it beats the built-in sort from a few hundred values. */
const WASM_MIN = 1_024;
const DIGIT = 1 << 16;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Element moves the insertion pass may make, per value, before the full sort takes over. */
const INSERTION_BUDGET = 2;

// The scatter buffer and digit counts are kept between calls (one set per thread, as modules are): a
// drift analysis sorts two samples per column, and fresh 8 MB buffers per million values are garbage the
// collector reclaims late, which showed as tens of MB of peak RSS per analysing thread.
let scratch = new Uint32Array(0);
const counts = new Uint32Array(4 * DIGIT);

export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n >= WASM_MIN && LITTLE_ENDIAN && wasmRadixSort(values, values, false)) return values;
  return jsSortFloat64(values);
}

/** `sortFloat64` without WebAssembly (exported for the tests that compare both). */
export function jsSortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return values.sort();
  radixSort(values, values, n, false);
  return values;
}

/**
 * The finite values of `values` (NaN and +-Infinity skipped), sorted ascending into `out`, whose length
 * must be the number of finite values. One pass copies, maps to radix keys and counts digits at once: the
 * copy, the key mapping and the sort's first pass used to be three passes over the column.
 */
export function sortFiniteInto(values: Float64Array, out: Float64Array): Float64Array {
  const n = out.length;
  if (n >= WASM_MIN && LITTLE_ENDIAN && wasmRadixSort(values, out, true)) return out;
  return jsSortFiniteInto(values, out);
}

/**
 * The finite values of `values` sorted ascending into `allocate(count)`, and how many NaN were skipped
 * (the rest of the values not sorted are +-Infinity). With WebAssembly the count comes from the sort's
 * first pass, saving the counting pass that sizing an output for sortFiniteInto costs.
 */
export function sortFinite(values: Float64Array, allocate: (n: number) => Float64Array): { sorted: Float64Array; nan: number } {
  if (values.length >= WASM_MIN && LITTLE_ENDIAN) {
    const done = wasmSortFinite(values, allocate);
    if (done !== null) return done;
  }
  let finite = 0;
  let nan = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v === 0) finite++;
    else if (v !== v) nan++;
  }
  const sorted = allocate(finite);
  sortFiniteInto(values, sorted);
  return { sorted, nan };
}

/** `sortFiniteInto` without WebAssembly (exported for the tests that compare both). */
export function jsSortFiniteInto(values: Float64Array, out: Float64Array): Float64Array {
  const n = out.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) {
    let k = 0;
    for (let i = 0; i < values.length && k < n; i++) {
      const v = values[i]!;
      if (v - v === 0) out[k++] = v;
    }
    return out.sort();
  }
  radixSort(values, out, n, true);
  return out;
}

/**
 * Sorts `from` into `to` (which may be `from` itself): all n values, or with `finiteOnly` the n finite ones.
 * NaN must not be present unless `finiteOnly` skips it.
 */
function radixSort(from: Float64Array, to: Float64Array, n: number, finiteOnly: boolean): void {
  const src32 = new Uint32Array(from.buffer, from.byteOffset, 2 * from.length);
  const u = new Uint32Array(to.buffer, to.byteOffset, 2 * n);
  // Map each double to an unsigned key with the same order: negative numbers have every bit flipped,
  // positive ones only the sign bit. With finiteOnly, values with an all-ones exponent are skipped.
  counts.fill(0);
  let k = 0;
  for (let i = 0; i < 2 * from.length; i += 2) {
    let lo = src32[i]!;
    let hi = src32[i + 1]!;
    if (finiteOnly && (hi & 0x7ff00000) === 0x7ff00000) continue;
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    u[k] = lo;
    u[k + 1] = hi;
    k += 2;
    counts[2 * DIGIT + (hi & 0xffff)]++;
    counts[3 * DIGIT + (hi >>> 16)]++;
  }
  if (scratch.length < 2 * n) scratch = new Uint32Array(2 * n);
  const spare = scratch.length === 2 * n ? scratch : scratch.subarray(0, 2 * n);
  scatterPasses(u, spare, n, 2, 3, false);
  if (insertionFix(u, n)) {
    toDoubles(u, n);
    return;
  }
  // Long runs of equal high words: the full sort, from whatever order the keys are in now.
  counts.fill(0, 0, 4 * DIGIT);
  for (let i = 0; i < 2 * n; i += 2) {
    const lo = u[i]!;
    const hi = u[i + 1]!;
    counts[lo & 0xffff]++;
    counts[DIGIT + (lo >>> 16)]++;
    counts[2 * DIGIT + (hi & 0xffff)]++;
    counts[3 * DIGIT + (hi >>> 16)]++;
  }
  if (!scatterPasses(u, spare, n, 0, 3, true)) toDoubles(u, n);
}

/**
 * LSD passes over 16-bit digits first..last (0, 1: low word; 2, 3: high word) with their counts in
 * `counts`; digits every key shares are skipped. The keys end in `u`. With `mapBack`, the last pass that
 * runs also turns keys back into doubles; returns whether any pass ran (so whether that happened).
 */
function scatterPasses(u: Uint32Array, spare: Uint32Array, n: number, first: number, last: number, mapBack: boolean): boolean {
  let lastPass = -1;
  for (let pass = first; pass <= last; pass++) {
    if (counts[pass * DIGIT + ((u[pass >> 1]! >>> ((pass & 1) * 16)) & 0xffff)] !== n) lastPass = pass;
  }
  let src = u;
  let dst = spare;
  for (let pass = first; pass <= lastPass; pass++) {
    const base = pass * DIGIT;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    if (counts[base + ((src[word]! >>> shift) & 0xffff)] === n) continue;
    let sum = 0;
    for (let d = 0; d < DIGIT; d++) {
      const c = counts[base + d]!;
      counts[base + d] = sum;
      sum += c;
    }
    if (!mapBack || pass < lastPass) {
      for (let i = 0; i < 2 * n; i += 2) {
        const lo = src[i]!;
        const hi = src[i + 1]!;
        const at = 2 * counts[base + (((word === 0 ? lo : hi) >>> shift) & 0xffff)]!++;
        dst[at] = lo;
        dst[at + 1] = hi;
      }
    } else {
      for (let i = 0; i < 2 * n; i += 2) {
        const lo = src[i]!;
        const hi = src[i + 1]!;
        const at = 2 * counts[base + (((word === 0 ? lo : hi) >>> shift) & 0xffff)]!++;
        if (hi & 0x80000000) {
          dst[at] = lo;
          dst[at + 1] = (hi & 0x7fffffff) >>> 0;
        } else {
          dst[at] = ~lo >>> 0;
          dst[at + 1] = ~hi >>> 0;
        }
      }
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== u) u.set(src);
  return lastPass >= 0;
}

/**
 * Keys ordered by their high word put in full order by their low word within runs of equal high words
 * (stable insertion). False, with the keys still a permutation, once INSERTION_BUDGET moves per key are
 * spent: long runs are quadratic here and better left to the full sort.
 */
function insertionFix(u: Uint32Array, n: number): boolean {
  let budget = INSERTION_BUDGET * n;
  for (let i = 2; i < 2 * n; i += 2) {
    const hi = u[i + 1]!;
    const lo = u[i]!;
    if (u[i - 1] !== hi || u[i - 2]! <= lo) continue;
    let j = i - 2;
    do {
      u[j + 2] = u[j]!;
      u[j + 3] = hi;
      j -= 2;
    } while (j >= 0 && u[j + 1] === hi && u[j]! > lo);
    u[j + 2] = lo;
    u[j + 3] = hi;
    budget -= (i - j) >> 1;
    if (budget < 0) return false;
  }
  return true;
}

/** Keys back to the doubles they came from, in place. */
function toDoubles(u: Uint32Array, n: number): void {
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = u[i + 1]!;
    if (hi & 0x80000000) {
      u[i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      u[i + 1] = ~hi >>> 0;
      u[i] = ~u[i]! >>> 0;
    }
  }
}
