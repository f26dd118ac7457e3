/**
 * Summation in exactly NumPy's order (`np.sum` / `np.add.reduce` on a contiguous float64 array):
 * the array is reduced in buffers of 8192 elements, each buffer by NumPy's pairwise scheme (blocks of
 * up to 128 summed with 8 interleaved accumulators, larger blocks split in halves rounded to a
 * multiple of 8), and the buffer results added left to right. Reproducing the order, not just the
 * accuracy, makes our results bit-identical to SciPy's in most cases, so fixture comparisons at
 * 1e-9 never hinge on cancellation luck (e.g. an Anderson-Darling statistic near its mean).
 */

const BUFFER = 8192;
const BLOCK = 128;

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0; // NumPy starts from +0.0: np.sum([-0.0]) is 0.0
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start]!, r1 = a[start + 1]!, r2 = a[start + 2]!, r3 = a[start + 3]!;
    let r4 = a[start + 4]!, r5 = a[start + 5]!, r6 = a[start + 6]!, r7 = a[start + 7]!;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const p = start + i;
      r0 += a[p]!; r1 += a[p + 1]!; r2 += a[p + 2]!; r3 += a[p + 3]!;
      r4 += a[p + 4]!; r5 += a[p + 5]!; r6 += a[p + 6]!; r7 += a[p + 7]!;
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** Sum of `a[start .. start + n)` in NumPy's order. */
export function numpySum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n <= 0) return 0;
  let total = pairwise(a, start, Math.min(n, BUFFER));
  for (let off = BUFFER; off < n; off += BUFFER) total += pairwise(a, start + off, Math.min(BUFFER, n - off));
  return total;
}

/**
 * Streaming form of {@link numpySum}: terms are pushed one at a time into a fixed 8192-slot buffer
 * (the only allocation), so an O(n) merge can sum n terms in NumPy's order without an n-sized array.
 */
export class NumpySumAccumulator {
  private readonly buf = new Float64Array(BUFFER);
  private fill = 0;
  private total = 0;
  private started = false;

  add(x: number): void {
    this.buf[this.fill++] = x;
    if (this.fill === BUFFER) this.flush();
  }

  private flush(): void {
    if (this.fill === 0) return;
    const s = pairwise(this.buf, 0, this.fill);
    this.total = this.started ? this.total + s : s;
    this.started = true;
    this.fill = 0;
  }

  /** The sum of every term added so far. */
  value(): number {
    this.flush();
    return this.started ? this.total : 0;
  }
}
