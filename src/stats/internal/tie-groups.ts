/**
 * Walks the pooled order of two ascending samples group by group (a group = all copies of one value),
 * reporting how many copies each sample holds and the 0-based pooled position where the group starts.
 * Mid-ranks follow as start + (size + 1) / 2, as in scipy.stats.rankdata(method='average'); one O(n)
 * merge replaces rankdata's argsort and its n-sized rank array.
 */
export function forEachTieGroup(
  a: Float64Array,
  b: Float64Array,
  visit: (countA: number, countB: number, start: number) => void,
): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length && (j >= b.length || a[i]! <= b[j]!) ? a[i]! : b[j]!;
    const i0 = i;
    const j0 = j;
    while (i < a.length && a[i]! === x) i++;
    while (j < b.length && b[j]! === x) j++;
    visit(i - i0, j - j0, i0 + j0);
  }
}
