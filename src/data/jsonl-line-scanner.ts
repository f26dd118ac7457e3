/**
 * The fast path of the JSON Lines reader: tokenizes one line holding a flat JSON object straight from its
 * bytes, without JSON.parse and without a JavaScript value per field. It only recognises and never
 * changes anything: keys and values are spans of the line (numbers already parsed, by the JSON number
 * grammar, to exactly the double JSON.parse gives), and the reader decides what they mean. A line it does
 * not take — an escape in a key, a nested object or array, anything malformed — makes `scan` return
 * FALLBACK and the reader parses the line with JSON.parse, which also gives every error, so behaviour is
 * the same either way. Strings with escapes are kept as spans for JSON.parse to decode exactly.
 */
import type { ByteInterner } from './byte-interner.js';
import type { ColumnAccumulator } from './column-accumulator.js';
import { divPow10, MAX_DIV_EXP10, nearestQuotient, POW10 } from './decimal-quotient.js';
import { eiselLemire } from './eisel-lemire.js';
import { parseNumberBytes } from './parse-number.js';
import { MISSING_CODE } from './table/index.js';

export const FALLBACK = -1;
export const BLANK = 0;
export const OBJECT = 1;

/** Value kinds of a field. */
export const NUMBER = 0;
/** A string without escapes: its bytes (between the quotes) are its UTF-8 text. */
export const PLAIN_STRING = 1;
/** A string with escapes: the span includes the quotes, for JSON.parse. */
export const ESCAPED_STRING = 2;
export const TRUE = 3;
export const FALSE = 4;
export const NULL = 5;

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN = 123;
const CLOSE = 125;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const DOT = 46;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

export class JsonLineScanner {
  /** Fields of the last line scanned. */
  count = 0;
  kind = new Uint8Array(64);
  keyStart = new Int32Array(64);
  keyEnd = new Int32Array(64);
  valueStart = new Int32Array(64);
  valueEnd = new Int32Array(64);
  number = new Float64Array(64);
  /** 1 when the field's key is `expectedKeys` at its position (set by the reader from the previous line). */
  matched = new Uint8Array(64);
  /** Fields of the last line that are strings with escapes. */
  escapes = 0;
  /** The key bytes expected at each position; a key that equals them is not scanned again. */
  expectedKeys: (Uint8Array | undefined)[] = [];

  /** Tokenizes `b[start, end)`: OBJECT (fields in the arrays), BLANK (only whitespace) or FALLBACK. */
  scan(b: Uint8Array, start: number, end: number): number {
    let p = start;
    while (p < end && isSpace(b[p]!)) p++;
    if (p === end) return BLANK;
    if (b[p] !== OPEN) return FALLBACK;
    p++;
    while (p < end && isSpace(b[p]!)) p++;
    this.count = 0;
    this.escapes = 0;
    if (p < end && b[p] === CLOSE) return this.rest(b, p + 1, end);
    for (;;) {
      // Key: a string without escapes.
      if (p >= end || b[p] !== QUOTE) return FALLBACK;
      const ks = ++p;
      const n = this.count;
      if (n === this.kind.length) this.grow();
      const expected = this.expectedKeys[n];
      let match = 0;
      if (expected !== undefined) {
        const len = expected.length;
        if (ks + len < end && b[ks + len] === QUOTE) {
          let k = 0;
          while (k < len && expected[k] === b[ks + k]) k++;
          if (k === len) {
            match = 1;
            p = ks + len;
          }
        }
      }
      if (match === 0) for (;;) {
        if (p >= end) return FALLBACK;
        const c = b[p]!;
        if (c === QUOTE) break;
        if (c === BACKSLASH || c < 0x20) return FALLBACK;
        p++;
      }
      const ke = p++;
      while (p < end && isSpace(b[p]!)) p++;
      if (p >= end || b[p] !== COLON) return FALLBACK;
      p++;
      while (p < end && isSpace(b[p]!)) p++;
      if (p >= end) return FALLBACK;
      this.matched[n] = match;
      this.keyStart[n] = ks;
      this.keyEnd[n] = ke;
      const c = b[p]!;
      if (c === QUOTE) {
        const vs = ++p;
        let escaped = false;
        for (;;) {
          if (p >= end) return FALLBACK;
          const d = b[p]!;
          if (d === QUOTE) break;
          if (d < 0x20) return FALLBACK;
          if (d === BACKSLASH) {
            escaped = true;
            p += 2;
            continue;
          }
          p++;
        }
        if (escaped) {
          this.escapes++;
          this.kind[n] = ESCAPED_STRING;
          this.valueStart[n] = vs - 1;
          this.valueEnd[n] = p + 1;
        } else {
          this.kind[n] = PLAIN_STRING;
          this.valueStart[n] = vs;
          this.valueEnd[n] = p;
        }
        p++;
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        p = scanNumber(b, p, end, this.number, n);
        if (p < 0) return FALLBACK;
        this.kind[n] = NUMBER;
      } else if (c === 116 && p + 4 <= end && b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101) {
        this.kind[n] = TRUE;
        p += 4;
      } else if (c === 102 && p + 5 <= end && b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101) {
        this.kind[n] = FALSE;
        p += 5;
      } else if (c === 110 && p + 4 <= end && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
        this.kind[n] = NULL;
        p += 4;
      } else {
        // Nested objects and arrays (kept as JSON text) and anything malformed: JSON.parse decides.
        return FALLBACK;
      }
      this.count = n + 1;
      while (p < end && isSpace(b[p]!)) p++;
      if (p >= end) return FALLBACK;
      if (b[p] === COMMA) {
        p++;
        while (p < end && isSpace(b[p]!)) p++;
        continue;
      }
      if (b[p] === CLOSE) return this.rest(b, p + 1, end);
      return FALLBACK;
    }
  }

  /** After the closing brace only whitespace may follow. */
  private rest(b: Uint8Array, p: number, end: number): number {
    while (p < end && isSpace(b[p]!)) p++;
    return p === end ? OBJECT : FALLBACK;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const bigger = make(n);
      bigger.set(a);
      return bigger;
    };
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.keyStart = grow(this.keyStart, (k) => new Int32Array(k));
    this.keyEnd = grow(this.keyEnd, (k) => new Int32Array(k));
    this.valueStart = grow(this.valueStart, (k) => new Int32Array(k));
    this.valueEnd = grow(this.valueEnd, (k) => new Int32Array(k));
    this.number = grow(this.number, (k) => new Float64Array(k));
    this.matched = grow(this.matched, (k) => new Uint8Array(k));
  }
}

const TWO32 = 4294967296;
const INV32 = 1 / TWO32;
const TWO53 = 9007199254740992;
// Below 10^19: mantissas of up to 19 digits (as in csv-parser.ts).
const MANTISSA_LIMIT = 9.9999e18;

/**
 * Reads the JSON number at `b[p]` (a minus or a digit there) into `out[at]` and returns the position after
 * it, or -1 when the text is not a JSON number. (Stored, not returned: a double returned from a call that
 * is not inlined is boxed, one allocation per number.) Digits are read once, as
 * parseNumberBytes reads them: up to 15 significant digits are exact in a double and one division by an
 * exact power of ten rounds correctly; 16-19 digits take the exact quotient of decimal-quotient.ts, else
 * Eisel-Lemire; exponents and anything longer go to parseNumberBytes. The same double either way.
 */
function scanNumber(b: Uint8Array, p: number, end: number, out: Float64Array, at: number): number {
  const vs = p;
  const negative = b[p] === MINUS;
  let q = negative ? p + 1 : p;
  // Up to 15 significant digits in `mantissa`, digits 16 to 19 in `extra`.
  let mantissa = 0;
  let extra = 0;
  let significant = 0;
  let digits = 0;
  while (q < end) {
    const d = b[q]! - ZERO;
    if (d < 0 || d > 9) break;
    if (significant > 0 || d !== 0) {
      significant++;
      if (significant <= 15) mantissa = mantissa * 10 + d;
      else if (significant <= 19) extra = extra * 10 + d;
    }
    q++;
    digits++;
  }
  let decimals = 0;
  let dot = false;
  if (q < end && b[q] === DOT) {
    dot = true;
    q++;
    while (q < end) {
      const d = b[q]! - ZERO;
      if (d < 0 || d > 9) break;
      if (significant > 0 || d !== 0) {
        significant++;
        if (significant <= 15) mantissa = mantissa * 10 + d;
        else if (significant <= 19) extra = extra * 10 + d;
      }
      q++;
      decimals++;
    }
  }
  // JSON's grammar: no leading zeros, digits on both sides of the dot.
  if (digits === 0 || (digits > 1 && b[negative ? vs + 1 : vs] === ZERO) || (dot && decimals === 0)) {
    return -1;
  }
  if (q < end && (b[q] === 101 || b[q] === 69)) {
    q = numberEnd(b, vs, end);
    if (q >= 0) out[at] = parseNumberBytes(b, vs, q);
    return q;
  }
  if (significant === 0) {
    out[at] = negative ? -0 : 0;
    return q;
  }
  if (significant <= 15) {
    if (decimals <= 22) {
      const v = mantissa / POW10[decimals]!;
      out[at] = negative ? -v : v;
      return q;
    }
  } else if (significant <= 19 && decimals <= MAX_DIV_EXP10) {
    // The same steps as parseNumberBytes: mantissa * 10^k + extra as two 32-bit words, the exact quotient.
    const scale = POW10[significant - 15]!;
    const low = (mantissa % TWO32) * scale + extra;
    const carry = Math.floor(low / TWO32);
    const hi = Math.floor(mantissa / TWO32) * scale + carry;
    const lo = low - carry * TWO32;
    let v = divPow10(hi, lo, decimals);
    if (v !== v) v = eiselLemire(hi, lo, -decimals, false);
    if (v === v) {
      out[at] = negative ? -v : v;
      return q;
    }
  }
  out[at] = parseNumberBytes(b, vs, q);
  return q;
}

const POW10_INT = [1, 10, 100, 1000, 10000];

/**
 * `scanNumber` for the common case, with the CSV fast path's digit reading (csv-parser.ts): four digits at a
 * time from one 32-bit little-endian load (a mask finds the first non-digit, two multiplies make the value).
 * Decimals of up to 19 digits without an exponent end here (past 2^53 through the exact quotient of
 * decimal-quotient.ts, as in the CSV fast path); exponents, longer mantissas, undecided quotients and the
 * last bytes of the buffer are read again by `scanNumber`.
 */
function scanNumberFast(b: Uint8Array, view: DataView, p: number, end: number, out: Float64Array, at: number): number {
  const vs = p;
  const negative = b[p] === MINUS;
  let q = negative ? p + 1 : p;
  const intStart = q;
  let fracStart = -1;
  let m = 0;
  // The same digits modulo 2^32 in integer arithmetic: with m's small relative error it recovers a mantissa
  // of up to 19 digits exactly (as in the CSV fast path).
  let lo = 0;
  let c = 0;
  for (;;) {
    if (q + 4 > end) return scanNumber(b, vs, end, out, at);
    const x = view.getInt32(q, true);
    const y = (x - 0x30303030) | 0;
    const t = (((x + 0x46464646) | 0) | y) & 0x80808080;
    if (t === 0) {
      const z = (Math.imul(y, 10) + (y >>> 8)) | 0;
      const v4 = (z & 0xff) * 100 + ((z >>> 16) & 0xff);
      m = m * 10000 + v4;
      lo = (Math.imul(lo, 10000) + v4) | 0;
      q += 4;
      continue;
    }
    const n = (32 - Math.clz32(((t - 1) | 0) & ~t)) >> 3;
    if (n > 0) {
      const w = (y << (24 - 8 * n)) << 8;
      const z = (Math.imul(w, 10) + (w >>> 8)) | 0;
      const vn = (z & 0xff) * 100 + ((z >>> 16) & 0xff);
      const scale = POW10_INT[n]!;
      m = m * scale + vn;
      lo = (Math.imul(lo, scale) + vn) | 0;
      q += n;
    }
    c = (x >>> (8 * n)) & 0xff;
    if (c === DOT && fracStart < 0) {
      fracStart = ++q;
      continue;
    }
    break;
  }
  const intDigits = (fracStart < 0 ? q : fracStart - 1) - intStart;
  const decimals = fracStart < 0 ? 0 : q - fracStart;
  if (intDigits === 0 || (intDigits > 1 && b[intStart] === ZERO) || (fracStart >= 0 && decimals === 0)) return -1;
  if (c === 101 || c === 69 || decimals > 22 || m >= MANTISSA_LIMIT) return scanNumber(b, vs, end, out, at);
  const q0 = m / POW10[decimals]!;
  if (m < TWO53) {
    out[at] = negative ? -q0 : q0;
    return q;
  }
  // m is off by far less than 2^31 and lo is the exact mantissa modulo 2^32: their difference is the error.
  const r = (lo - (m - Math.floor(m * INV32) * TWO32)) | 0;
  const v = nearestQuotient(m, r, q0, decimals);
  if (v !== v) return scanNumber(b, vs, end, out, at);
  out[at] = negative ? -v : v;
  return q;
}

/** Where one line's fields go when `storeLine` can store them directly. */
export interface LineTarget {
  readonly columns: readonly ColumnAccumulator[];
  readonly interners: readonly ByteInterner[];
  /** Key bytes per column. */
  readonly keys: readonly Uint8Array[];
  /** Per column, its key bytes and the closing quote as little-endian 32-bit words, zero-padded. */
  readonly keyWords: readonly Int32Array[];
  /** Per column, the mask of the last word's bytes that belong to the key and quote. */
  readonly keyMasks: readonly number[];
  /** Column expected at each field position (the last line JSON.parse or `scan` read); -1 past its end. */
  readonly order: Int32Array;
  /** Per column, the last row given a value. */
  readonly lastSet: Int32Array;
}

/** The `keyWords` and `keyMasks` entries for a key. */
export function keyPattern(key: Uint8Array): { words: Int32Array; mask: number } {
  const length = key.length + 1;
  const words = new Int32Array(Math.ceil(length / 4));
  for (let i = 0; i < length; i++) words[i >> 2]! |= (i < key.length ? key[i]! : QUOTE) << (8 * (i & 3));
  const rest = length & 3;
  return { words, mask: rest === 0 ? -1 : (1 << (8 * rest)) - 1 };
}

/** Interned code of a string value that is a missing marker (codes are >= 0, -1 is a miss). */
export const MISSING_STRING = -2;

/**
 * The fastest path: stores row `row` of a line whose keys come where the last line had them and whose
 * values need no new column, dictionary entry or type switch — numbers in numeric columns, known strings
 * in categorical ones, nulls. Returns false at the first field that is anything else (the caller then
 * reads the line with `scan`, or JSON.parse). What it stored by then is exactly what those store for the
 * same fields, and a column given a value is marked in `lastSet`, so nothing needs undoing.
 */
export function storeLine(b: Uint8Array, view: DataView, start: number, end: number, row: number, t: LineTarget): boolean {
  let p = start;
  while (p < end && isSpace(b[p]!)) p++;
  if (p === end || b[p] !== OPEN) return false;
  p++;
  while (p < end && isSpace(b[p]!)) p++;
  const order = t.order;
  for (let n = 0; ; n++) {
    if (p >= end || b[p] !== QUOTE) return false;
    const k = n < order.length ? order[n]! : -1;
    if (k < 0) return false;
    // The key and its closing quote, compared four bytes at a time.
    const words = t.keyWords[k]!;
    const ks = p + 1;
    const last = words.length - 1;
    if (ks + 4 * words.length > end) return false;
    for (let i = 0; i < last; i++) if (view.getInt32(ks + 4 * i, true) !== words[i]) return false;
    if ((view.getInt32(ks + 4 * last, true) & t.keyMasks[k]!) !== words[last]) return false;
    p = ks + t.keys[k]!.length + 1;
    while (p < end && isSpace(b[p]!)) p++;
    if (p >= end || b[p] !== COLON) return false;
    p++;
    while (p < end && isSpace(b[p]!)) p++;
    if (p >= end) return false;
    const col = t.columns[k]!;
    const c = b[p]!;
    if (c === QUOTE) {
      if (col.numeric) return false;
      const vs = ++p;
      for (;;) {
        if (p >= end) return false;
        const d = b[p]!;
        if (d === QUOTE) break;
        if (d === BACKSLASH || d < 0x20) return false;
        p++;
      }
      const code = t.interners[k]!.lookup(b, vs, p);
      if (code === -1) return false;
      col.codes[row] = code === MISSING_STRING ? MISSING_CODE : code;
      p++;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      if (!col.numeric) return false;
      p = scanNumberFast(b, view, p, end, col.values, row);
      if (p < 0) return false;
    } else if (c === 110 && p + 4 <= end && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
      col.setMissing(row);
      p += 4;
    } else {
      return false;
    }
    t.lastSet[k] = row;
    while (p < end && isSpace(b[p]!)) p++;
    if (p >= end) return false;
    if (b[p] === COMMA) {
      p++;
      while (p < end && isSpace(b[p]!)) p++;
      continue;
    }
    if (b[p] !== CLOSE) return false;
    p++;
    while (p < end && isSpace(b[p]!)) p++;
    return p === end;
  }
}

/**
 * The end of a JSON number starting at `p` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), or -1
 * when the text there is not one. The number must end at a delimiter for the object to be valid; the
 * caller checks what follows.
 */
function numberEnd(b: Uint8Array, p: number, end: number): number {
  if (b[p] === MINUS) p++;
  if (p >= end) return -1;
  if (b[p] === ZERO) {
    p++;
  } else if (b[p]! > ZERO && b[p]! <= NINE) {
    while (p < end && b[p]! >= ZERO && b[p]! <= NINE) p++;
  } else {
    return -1;
  }
  if (p < end && b[p] === DOT) {
    p++;
    const digits = p;
    while (p < end && b[p]! >= ZERO && b[p]! <= NINE) p++;
    if (p === digits) return -1;
  }
  if (p < end && (b[p] === 101 || b[p] === 69)) {
    p++;
    if (p < end && (b[p] === 43 || b[p] === MINUS)) p++;
    const digits = p;
    while (p < end && b[p]! >= ZERO && b[p]! <= NINE) p++;
    if (p === digits) return -1;
  }
  return p;
}
