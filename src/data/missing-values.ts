/**
 * Missing-value markers, shared by every reader (CSV fields, JSON Lines strings, Parquet strings). A value
 * is missing when, after trimming spaces and tabs, it equals one of the markers ignoring ASCII case: `NaN`,
 * `nan` and `NAN` are all missing, so how an export spells "no value" never turns a numeric column into text.
 */
import { parseNumberText } from './parse-number.js';

/** The markers read as missing unless ReadOptions.missingValues says otherwise (compared ignoring case). */
export const DEFAULT_MISSING_VALUES: readonly string[] = ['', 'na', 'n/a', 'nan', 'null', 'none', '#n/a'];

const A = 65;
const Z = 90;

/** Lower-cases ASCII letters only, so bytes and strings fold the same way. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function trimBlanks(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}

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
    const folded = markers.map((m) => asciiLower(trimBlanks(m)));
    this.set = new Set(folded);
    this.emptyIsMissing = this.set.has('');
    const encoder = new TextEncoder();
    this.tokens = [...this.set].filter((m) => m !== '').map((m) => encoder.encode(m));
    this.hasNumericMarker = folded.some((m) => !Number.isNaN(parseNumberText(m)));
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
      for (; k < n; k++) {
        const x = b[start + k]!;
        if (t[k] !== (x >= A && x <= Z ? x + 32 : x)) break;
      }
      if (k === n) return true;
    }
    return false;
  }

  /** Whether a string is a missing marker. */
  matchText(s: string): boolean {
    return this.set.has(asciiLower(trimBlanks(s)));
  }
}

/** Whether `value` is missing under `markers` (the default markers when not given); for one-off checks. */
export function isMissingValue(value: string, markers: readonly string[] = DEFAULT_MISSING_VALUES): boolean {
  return new MissingMatcher(markers).matchText(value);
}
