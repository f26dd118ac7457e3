/**
 * Missing-value markers. A field is missing when, after trimming spaces and tabs, it equals one of the
 * markers exactly (case-sensitive: `NA` is missing, `na` is not unless listed).
 */
import { parseNumberText } from './parse-number.js';

/** The markers read as missing unless ReadOptions.missingValues says otherwise. */
export const DEFAULT_MISSING_VALUES: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', 'None'];

/** Matches missing-value markers on raw bytes (the CSV hot path) and on strings. */
export class MissingMatcher {
  private readonly tokens: readonly Uint8Array[];
  private readonly set: ReadonlySet<string>;
  /** True when the empty field counts as missing (the common case, tested first). */
  readonly emptyIsMissing: boolean;
  /**
   * True when some marker is itself a number (say `-999`): then the marker check must run before the
   * number parse, not only when the parse fails.
   */
  readonly hasNumericMarker: boolean;

  constructor(markers: readonly string[] = DEFAULT_MISSING_VALUES) {
    const trimmed = markers.map((m) => m.replace(/^[ \t]+|[ \t]+$/g, ''));
    this.set = new Set(trimmed);
    this.emptyIsMissing = this.set.has('');
    const encoder = new TextEncoder();
    this.tokens = [...this.set].filter((m) => m !== '').map((m) => encoder.encode(m));
    this.hasNumericMarker = trimmed.some((m) => !Number.isNaN(parseNumberText(m)));
  }

  /** Whether bytes `b[start, end)` (untrimmed) are a missing marker. */
  matchBytes(b: Uint8Array, start: number, end: number): boolean {
    while (start < end && (b[start] === 32 || b[start] === 9)) start++;
    while (end > start && (b[end - 1] === 32 || b[end - 1] === 9)) end--;
    const n = end - start;
    if (n === 0) return this.emptyIsMissing;
    for (const t of this.tokens) {
      if (t.length !== n) continue;
      let k = 0;
      while (k < n && t[k] === b[start + k]) k++;
      if (k === n) return true;
    }
    return false;
  }

  /** Whether a string is a missing marker. */
  matchText(s: string): boolean {
    return this.set.has(s.replace(/^[ \t]+|[ \t]+$/g, ''));
  }
}
