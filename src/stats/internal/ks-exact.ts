/**
 * Exact two-sided p-value of the two-sample Kolmogorov-Smirnov statistic, as SciPy 1.10's
 * `_attempt_exact_2kssamp`: the share of monotone lattice paths from (0, 0) to (m, n) that touch the
 * band |x/m - y/n| >= h / lcm(m, n). Equal sizes use the closed alternating sum; unequal sizes use
 * Hodges' inside method in Viehmann's form, which accumulates 1 - p directly so small p-values keep
 * their digits. Both are transcribed step for step so results agree with SciPy to rounding.
 */

/** Pr(D_{n,n} >= h/n) = 2 (A0 - A0 A1 + A0 A1 A2 - ...), in Horner form to avoid cancellation. */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * Share of lattice paths that do not stay strictly inside |n x / g - m y / g| < h (m, n the sizes,
 * g their gcd). Keeps one sliding window of a column of the path-count matrix, rescaled so every entry
 * is a probability (O(m * window) time, O(n) memory).
 */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const a = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj && j < lenA; j++) a[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const width = maxj - minj;
    const shift = minj - lastminj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (a[jj + shift]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) {
      const end = Math.min(width + (lastlen - curlen), lenA);
      for (let jj = width; jj < end; jj++) a[jj] = 1;
    }
  }
  return a[maxj - minj - 1]!;
}
