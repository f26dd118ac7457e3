/** "Did you mean …?" suggestions for misspelt keys, column names and option values. */

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("tresh" vs "thresh"). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/**
 * The candidate closest to `word`, or undefined when none is close enough to be a plausible typo
 * (at most a third of the word's length in edits, compared case-insensitively). A name contained in the
 * other ("zip" / "zipcode") is as good a guess as a one-letter typo. Words of one or two letters get no
 * suggestion: any other short name would be "close".
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 2 ? 0 : Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const lower = c.toLowerCase();
    const d = w.length > 2 && lower.length > 2 && (lower.includes(w) || w.includes(lower)) ? Math.min(1, editDistance(w, lower)) : editDistance(w, lower);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
